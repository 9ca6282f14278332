namespace Dendra.Simulator;

/// <summary>
/// A run that had to stop: a state variable became NaN or infinite. Names the population, neuron, variable
/// and time (and, for a synaptic variable, the projection and synapse); the network keeps everything monitors
/// recorded up to the step before.
/// </summary>
public sealed class SimulationException : Exception
{
    private const string Advice = "The run stopped there; monitors keep everything recorded before this step. " +
        "Check the parameters and initial values, or try a smaller dt or another integrator.";

    /// <summary>Creates the error for a variable of a neuron.</summary>
    /// <param name="population">Population with the bad value.</param>
    /// <param name="neuron">Neuron index within the population (within its instance, with a batch).</param>
    /// <param name="variable">The variable that became NaN or infinite.</param>
    /// <param name="step">Step at which it happened.</param>
    /// <param name="time">Time at which it happened, in seconds.</param>
    /// <param name="value">The value it took.</param>
    /// <param name="instance">With a batch (<see cref="Graph.Network.BatchSize"/> above 1), the instance the neuron is in.</param>
    public SimulationException(string population, int neuron, string variable, long step, double time, double value, int? instance = null)
        : base($"Population '{population}', {(instance is { } b ? $"instance {b}, " : "")}neuron {neuron}: variable '{variable}' became {value} at {When(time, step)}. {Advice}")
    {
        Population = population;
        Neuron = neuron;
        Variable = variable;
        Step = step;
        Time = time;
        Instance = instance;
    }

    private SimulationException(string message, string population, int neuron, string variable, long step, double time, string projection, int synapse)
        : base(message)
    {
        Population = population;
        Neuron = neuron;
        Variable = variable;
        Step = step;
        Time = time;
        Projection = projection;
        Synapse = synapse;
    }

    /// <summary>The error for a synaptic variable: <see cref="Population"/> and <see cref="Neuron"/> are then the synapse's
    /// postsynaptic neuron.</summary>
    /// <param name="projection">The projection's name.</param>
    /// <param name="synapse">The synapse (its index in the projection's storage, as <c>Projection.Get</c> lists them).</param>
    /// <param name="prePopulation">The presynaptic population.</param>
    /// <param name="pre">The presynaptic neuron.</param>
    /// <param name="postPopulation">The postsynaptic population.</param>
    /// <param name="post">The postsynaptic neuron.</param>
    /// <param name="variable">The variable that became NaN or infinite.</param>
    /// <param name="step">Step at which it happened.</param>
    /// <param name="time">Time at which it happened, in seconds.</param>
    /// <param name="value">The value it took.</param>
    public static SimulationException InSynapse(string projection, int synapse, string prePopulation, int pre, string postPopulation, int post,
        string variable, long step, double time, double value) =>
        new($"Projection '{projection}', synapse {synapse} (neuron {pre} of '{prePopulation}' → neuron {post} of '{postPopulation}'): " +
            $"variable '{variable}' became {value} at {When(time, step)}. {Advice}",
            postPopulation, post, variable, step, time, projection, synapse);

    private static string When(double time, long step) => $"t = {time * 1e3:0.###} ms (step {step})";

    /// <summary>The instance of a batch the neuron is in; null for a network run as one instance.</summary>
    public int? Instance { get; }

    /// <summary>Population with the bad value (for a synaptic variable, the postsynaptic population).</summary>
    public string Population { get; }

    /// <summary>Neuron index within the population (for a synaptic variable, the postsynaptic neuron).</summary>
    public int Neuron { get; }

    /// <summary>For a synaptic variable, the projection; null for a neuron's variable.</summary>
    public string? Projection { get; }

    /// <summary>For a synaptic variable, the synapse; null for a neuron's variable.</summary>
    public int? Synapse { get; }

    /// <summary>The variable that became NaN or infinite.</summary>
    public string Variable { get; }

    /// <summary>Step at which it happened.</summary>
    public long Step { get; }

    /// <summary>Time at which it happened, in seconds.</summary>
    public double Time { get; }
}

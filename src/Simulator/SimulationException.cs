namespace Dendra.Simulator;

/// <summary>
/// A run that had to stop: a state variable became NaN or infinite. Names the population, neuron, variable
/// and time; the network keeps everything monitors recorded up to the step before.
/// </summary>
public sealed class SimulationException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="population">Population with the bad value.</param>
    /// <param name="neuron">Neuron index within the population (within its instance, with a batch).</param>
    /// <param name="variable">The variable that became NaN or infinite.</param>
    /// <param name="step">Step at which it happened.</param>
    /// <param name="time">Time at which it happened, in seconds.</param>
    /// <param name="value">The value it took.</param>
    /// <param name="instance">With a batch (<see cref="Graph.Network.BatchSize"/> above 1), the instance the neuron is in.</param>
    public SimulationException(string population, int neuron, string variable, long step, double time, double value, int? instance = null)
        : base($"Population '{population}', {(instance is { } b ? $"instance {b}, " : "")}neuron {neuron}: variable '{variable}' became {value} at t = {time * 1e3:0.###} ms (step {step}). " +
               "The run stopped there; monitors keep everything recorded before this step. " +
               "Check the parameters and initial values, or try a smaller dt or another integrator.")
    {
        Population = population;
        Neuron = neuron;
        Variable = variable;
        Step = step;
        Time = time;
        Instance = instance;
    }

    /// <summary>The instance of a batch the neuron is in; null for a network run as one instance.</summary>
    public int? Instance { get; }

    /// <summary>Population with the bad value.</summary>
    public string Population { get; }

    /// <summary>Neuron index within the population.</summary>
    public int Neuron { get; }

    /// <summary>The variable that became NaN or infinite.</summary>
    public string Variable { get; }

    /// <summary>Step at which it happened.</summary>
    public long Step { get; }

    /// <summary>Time at which it happened, in seconds.</summary>
    public double Time { get; }
}

namespace Dendra.Simulator;

/// <summary>
/// A run that had to stop: a state variable became NaN or infinite. Names the population, neuron, variable
/// and time; the network keeps everything monitors recorded up to the step before.
/// </summary>
public sealed class SimulationException : Exception
{
    /// <summary>Creates the error.</summary>
    public SimulationException(string population, int neuron, string variable, long step, double time, double value)
        : base($"Population '{population}', neuron {neuron}: variable '{variable}' became {value} at t = {time * 1e3:0.###} ms (step {step}). " +
               "The run stopped there; monitors keep everything recorded before this step. " +
               "Check the parameters and initial values, or try a smaller dt or another integrator.")
    {
        Population = population;
        Neuron = neuron;
        Variable = variable;
        Step = step;
        Time = time;
    }

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

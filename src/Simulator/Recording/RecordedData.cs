namespace Dendra.Simulator.Recording;

/// <summary>Spikes read from a recording: spike k fired at step <c>Steps[k]</c> in neuron <c>Neurons[k]</c>.</summary>
/// <param name="Steps">Step of each spike, ascending.</param>
/// <param name="Neurons">Neuron of each spike, ascending within a step.</param>
/// <param name="Dt">Time step of the recording in seconds.</param>
public sealed record RecordedSpikes(long[] Steps, int[] Neurons, double Dt)
{
    /// <summary>Number of spikes.</summary>
    public int Count => Neurons.Length;

    /// <summary>Time of each spike in seconds.</summary>
    public double[] Times => Steps.Select(s => s * Dt).ToArray();
}

/// <summary>Samples of a state variable read from a recording; values are row-major (sample × neuron).</summary>
/// <param name="Steps">Step of each sample (the value at the end of that step).</param>
/// <param name="Neurons">The sampled neurons.</param>
/// <param name="Values">Values, <c>Values[sample * Neurons.Length + k]</c>.</param>
/// <param name="Dt">Time step of the recording in seconds.</param>
public sealed record RecordedState(long[] Steps, int[] Neurons, double[] Values, double Dt)
{
    /// <summary>Time of each sample in seconds (the end of its step, as <see cref="Monitors.StateMonitor.Times"/>).</summary>
    public double[] Times => Steps.Select(s => (s + 1) * Dt).ToArray();

    /// <summary>The trace of the k-th sampled neuron.</summary>
    public double[] Trace(int k) => Enumerable.Range(0, Steps.Length).Select(i => Values[i * Neurons.Length + k]).ToArray();
}

/// <summary>Per-step spike counts of a population read from a recording.</summary>
/// <param name="Steps">Each step.</param>
/// <param name="Counts">Spikes in each step.</param>
/// <param name="Size">Neurons in the population.</param>
/// <param name="Dt">Time step of the recording in seconds.</param>
public sealed record RecordedRates(long[] Steps, int[] Counts, int Size, double Dt)
{
    /// <summary>Population rate in Hz at each step, spikes / (N·dt).</summary>
    public double[] Rates => Counts.Select(c => c / (Size * Dt)).ToArray();
}

/// <summary>A snapshot of a synaptic variable read from a recording.</summary>
/// <param name="Step">Step of the snapshot (taken at the end of that step).</param>
/// <param name="Pre">Presynaptic neuron of each synapse.</param>
/// <param name="Post">Postsynaptic neuron of each synapse.</param>
/// <param name="Values">Value of each synapse.</param>
public sealed record RecordedWeights(long Step, int[] Pre, int[] Post, double[] Values);

/// <summary>A user marker read from a recording.</summary>
/// <param name="Step">Step at which it was set.</param>
/// <param name="Text">Its text.</param>
public sealed record RecordedMarker(long Step, string Text);

/// <summary>One recorded value of a metric.</summary>
/// <param name="Step">The network's step when it was measured.</param>
/// <param name="Samples">Training samples shown by then.</param>
/// <param name="Value">The value.</param>
public sealed record RecordedMetric(long Step, long Samples, double Value);

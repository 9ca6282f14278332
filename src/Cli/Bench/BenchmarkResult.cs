namespace Dendra.Cli.Bench;

/// <summary>What one benchmark case measured. Rates are per wall-clock second of the run phase (building excluded).</summary>
/// <param name="Case">What was run.</param>
/// <param name="Synapses">Synapses built.</param>
/// <param name="Steps">Steps simulated.</param>
/// <param name="Spikes">Spikes fired.</param>
/// <param name="BuildSeconds">Wall time to build (connectivity, compilation).</param>
/// <param name="RunSeconds">Wall time of the run, median over the repeats.</param>
/// <param name="HeapBytesPerSynapse">Managed heap the build added, per synapse (the network's whole memory, divided by its synapses).</param>
/// <param name="PeakRssBytes">Peak resident memory of the process so far.</param>
/// <param name="Backend">The backend that ran it.</param>
internal sealed record BenchmarkResult(BenchmarkCase Case, long Synapses, long Steps, long Spikes, double BuildSeconds,
    double RunSeconds, double HeapBytesPerSynapse, long PeakRssBytes, string Backend)
{
    /// <summary>Steps per wall-clock second.</summary>
    public double StepsPerSecond => Steps / RunSeconds;

    /// <summary>Simulated time over wall time: above 1 is faster than real time.</summary>
    public double RealTimeFactor => Case.Duration / RunSeconds;

    /// <summary>Mean firing rate in Hz.</summary>
    public double RateHz => Spikes / (double)Case.Neurons / Case.Duration;

    /// <summary>Synaptic events (one spike reaching one synapse) per wall-clock second: each spike reaches the mean out-degree.</summary>
    public double EventsPerSecond => Spikes * (Synapses / (double)Case.Neurons) / RunSeconds;

    /// <summary>Neuron updates (one neuron, one step) per wall-clock second.</summary>
    public double NeuronUpdatesPerSecond => StepsPerSecond * Case.Neurons;
}

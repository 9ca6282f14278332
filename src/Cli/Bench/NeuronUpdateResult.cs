using Dendra.Simulator.Compilation;

namespace Dendra.Cli.Bench;

/// <summary>What the neuron-update measurement of one case found.</summary>
/// <param name="Case">What was run (its synapses left out).</param>
/// <param name="Traffic">Bytes the compiled model reads and writes per neuron and step.</param>
/// <param name="Steps">Steps simulated.</param>
/// <param name="RunSeconds">Wall time of the run, median over the repeats.</param>
/// <param name="Backend">The backend that ran it.</param>
internal sealed record NeuronUpdateResult(BenchmarkCase Case, MemoryTraffic Traffic, long Steps, double RunSeconds, string Backend)
{
    /// <summary>Whether it ran on an OpenCL device (else on the CPU backend).</summary>
    public bool RanOnOpenCl => Backend.StartsWith("opencl", StringComparison.Ordinal);

    /// <summary>Steps per wall-clock second.</summary>
    public double StepsPerSecond => Steps / RunSeconds;

    /// <summary>Neuron updates (one neuron, one step) per wall-clock second.</summary>
    public double NeuronUpdatesPerSecond => StepsPerSecond * Case.Neurons;

    /// <summary>Bytes the model's kernels moved per wall-clock second.</summary>
    public double BytesPerSecond => NeuronUpdatesPerSecond * Traffic.TotalBytes;
}

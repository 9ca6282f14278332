using System.Diagnostics;
using Dendra.Neurons;
using Dendra.Simulator.Backends;
using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;
using static Dendra.Units;

namespace Dendra.Cli.Bench;

/// <summary>
/// Measures the neuron update alone: a case's neuron model at its size with no synapses, so a step is the state
/// update, the threshold and the spike bookkeeping, and the memory it moves is what the compiled model reads and writes.
/// </summary>
internal static class NeuronUpdateBenchmark
{
    /// <summary>Buffer size of each copy in the bandwidth measurement: far larger than any cache of the machines we run on.</summary>
    public const long CopyBufferBytes = 256L << 20;

    /// <summary>Timed copies in the bandwidth measurement; the fastest counts.</summary>
    public const int CopyRepeats = 5;

    /// <summary>Builds <paramref name="benchmark"/>'s population without its projections and runs it like <see cref="Benchmark.Measure"/>.</summary>
    public static NeuronUpdateResult Measure(BenchmarkCase benchmark, int repeats)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var net = new Network(0.1 * ms, benchmark.Precision, benchmark.Seed) { Threads = benchmark.Threads, Backend = benchmark.Backend, Device = benchmark.Device };
        var population = net.AddPopulation("P", benchmark.Neurons, Brette2007.Model(benchmark.Network));
        var traffic = MemoryTraffic.PerNeuronStep(population);
        net.Build();

        var seconds = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            net.Run(benchmark.Duration);
            seconds[r] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        double median = repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
        return new NeuronUpdateResult(benchmark, traffic, Clock.StepOf(benchmark.Duration, net.Dt), median, net.BackendDescription);
    }

    /// <summary>The copy bandwidth of the memory <paramref name="result"/> ran in: the host's on the CPU backend, the
    /// OpenCL device's otherwise (with <c>--backend auto</c> the network decides, so the result says which).</summary>
    public static CopyMeasurement CopyBandwidth(NeuronUpdateResult result)
    {
        if (!result.RanOnOpenCl) return HostCopyBandwidth.Measure(CopyBufferBytes, result.Case.Threads, CopyRepeats);
        var device = OpenClDevices.Select(result.Case.Device);
        long bytes = Math.Min(CopyBufferBytes, device.MaxAllocationBytes / sizeof(int) * sizeof(int));
        return DeviceCopyBandwidth.Measure(device, bytes, CopyRepeats);
    }
}

using System.Diagnostics;
using Dendra.Neurons;
using Dendra.Simulator.Graph;
using static Dendra.Units;

namespace Dendra.Cli.Bench;

/// <summary>Builds and runs one benchmark case and measures it.</summary>
internal static class Benchmark
{
    /// <summary>The paper's time step.</summary>
    private const double Dt = 0.1 * ms;

    /// <summary>Measures <paramref name="benchmark"/>: builds the network once, then runs it <paramref name="repeats"/> times
    /// for the case's duration (each run continues the last) and keeps the median run time.</summary>
    public static BenchmarkResult Measure(BenchmarkCase benchmark, int repeats)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var net = new Network(Dt, benchmark.Precision, benchmark.Seed) { Threads = benchmark.Threads, Backend = benchmark.Backend, Device = benchmark.Device };
        var population = Brette2007.Build(net, benchmark.Network, benchmark.Neurons, benchmark.SynapsesPerNeuron);

        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var buildClock = Stopwatch.StartNew();
        net.Build();
        double buildSeconds = buildClock.Elapsed.TotalSeconds;
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        long synapses = net.Projections.Sum(p => p.SynapseCount);

        var seconds = new double[repeats];
        long spikesBefore = population.SpikeCount;
        for (int r = 0; r < repeats; r++)
        {
            var runClock = Stopwatch.StartNew();
            net.Run(benchmark.Duration);
            seconds[r] = runClock.Elapsed.TotalSeconds;
        }
        long spikesPerRun = (population.SpikeCount - spikesBefore) / repeats;
        Array.Sort(seconds);
        double median = repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;

        using var process = Process.GetCurrentProcess();
        return new BenchmarkResult(benchmark, synapses, Clock.StepOf(benchmark.Duration, Dt), spikesPerRun, buildSeconds, median,
            (heapAfter - heapBefore) / (double)Math.Max(1, synapses), process.PeakWorkingSet64, net.BackendDescription);
    }
}

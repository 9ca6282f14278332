using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>Rate projections on OpenCL against the CPU in float64: a dense feed-forward and a sparse recurrent projection.</summary>
public class RateEquivalenceTests
{
    private static (Network Net, Population Hidden) Build(Backend backend)
    {
        var net = new Network(0.1 * ms, Precision.Double, seed: 4) { Backend = backend };
        var input = net.AddPopulation("input", 40, RateNeuron.Create(Transfer.Linear));
        var hidden = net.AddPopulation("hidden", 25, RateNeuron.Create(Transfer.Sigmoid));
        for (int i = 0; i < 40; i++) net.Inject(input.Slice(i, 1), "I", CurrentSource.Sine(1 + 0.05 * i, 5 + i, phase: 0.1 * i));
        var random = new System.Random(3);
        var dense = new double[25, 40];
        for (int j = 0; j < 25; j++)
            for (int i = 0; i < 40; i++) dense[j, i] = random.NextDouble() - 0.4;
        net.ConnectRate(input, hidden, "r", "I", dense);
        // A sparse ring of inhibition among the hidden units: each inhibits its next two neighbours.
        var rowStart = Enumerable.Range(0, 26).Select(j => 2 * j).ToArray();
        var columns = Enumerable.Range(0, 25).SelectMany(j => new[] { (j + 24) % 25, (j + 23) % 25 }).ToArray();
        var values = columns.Select((_, k) => -0.3 - 0.01 * k).ToArray();
        net.ConnectRateSparse(hidden, hidden, "r", "I", rowStart, columns, values);
        return (net, hidden);
    }

    [Fact]
    public void Dense_and_sparse_rate_projections_match_the_cpu()
    {
        var (cpu, cpuHidden) = Build(Backend.Cpu);
        var (cl, clHidden) = Build(Backend.OpenCl);
        cpu.Run(200 * ms);
        cl.Run(200 * ms);
        var expected = cpuHidden.Get("h");
        var actual = clHidden.Get("h");
        Assert.True(expected.Max() - expected.Min() > 0.1, "the hidden units all sit at one value: the projections did nothing");
        // The CPU forms dense dot products with SIMD partial sums, the device in column order: equal to rounding.
        for (int j = 0; j < expected.Length; j++)
            Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-12 * Math.Max(1, Math.Abs(expected[j])), $"hidden {j}: CPU {expected[j]:R}, OpenCL {actual[j]:R}");
    }
}

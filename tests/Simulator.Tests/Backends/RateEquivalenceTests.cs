using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>Rate projections on OpenCL against the CPU in float64: a dense feed-forward and a sparse recurrent projection.</summary>
public class RateEquivalenceTests
{
    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public RateEquivalenceTests() => OpenClDriver.Require();

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

    [SkippableFact]
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

    [SkippableTheory]
    [InlineData(71, 130)] // neither size a multiple of the 64-wide tile
    [InlineData(129, 64)]
    [InlineData(6, 3)] // smaller than one tile
    public void A_dense_projection_sums_each_row_in_column_order_whatever_the_tiling(int inputs, int outputs)
    {
        // One step from known rates: the summed input of each hidden unit is its row of W times the rates, which the
        // device must form in column order exactly as this loop does. Slices starting at 1 check the offsets.
        var random = new System.Random(inputs * 1000 + outputs);
        var rates = Enumerable.Range(0, inputs).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var w = new double[outputs - 1, inputs - 1];
        for (int j = 0; j < outputs - 1; j++)
            for (int k = 0; k < inputs - 1; k++) w[j, k] = random.NextDouble() - 0.5;
        double[] SummedInput(Backend backend)
        {
            var net = new Network(0.1 * ms, Precision.Double, seed: 5) { Backend = backend };
            var input = net.AddPopulation("input", inputs, RateNeuron.Create(Transfer.Linear)).Initialize("h", Init.Of(rates));
            var hidden = net.AddPopulation("hidden", outputs, RateNeuron.Create(Transfer.Linear));
            net.ConnectRate(input.Slice(1, inputs - 1), hidden.Slice(1, outputs - 1), "r", "I", w);
            net.Run(net.Dt);
            return hidden.Get("I");
        }

        var device = SummedInput(Backend.OpenCl);
        var cpu = SummedInput(Backend.Cpu);
        Assert.Equal(0, device[0]);
        for (int j = 1; j < outputs; j++)
        {
            double sum = 0;
            for (int k = 1; k < inputs; k++) sum += w[j - 1, k - 1] * rates[k];
            Assert.True(BitConverter.DoubleToInt64Bits(sum) == BitConverter.DoubleToInt64Bits(device[j]), $"hidden {j}: column order {sum:R}, OpenCL {device[j]:R}");
            // The CPU's SIMD partial sums agree to rounding.
            Assert.True(Math.Abs(sum - cpu[j]) <= 1e-12 * Math.Max(1, Math.Abs(sum)), $"hidden {j}: column order {sum:R}, CPU {cpu[j]:R}");
        }
    }
}

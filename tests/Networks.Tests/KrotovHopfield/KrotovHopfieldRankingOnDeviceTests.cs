using Dendra.Networks.KrotovHopfield;
using Dendra.Plasticity;
using Dendra.Simulator.LinearAlgebra;
using Dendra.Tests;

namespace Dendra.Networks.Tests.KrotovHopfield;

/// <summary>
/// Krotov &amp; Hopfield's fast rule on an OpenCL device against the CPU rule: the same winners and weights over several
/// updates, the CPU's bits where the currents are exact, the same bits twice on one device, the hidden layer a readout
/// reads, and the same refusals of bad input.
/// </summary>
public class KrotovHopfieldRankingOnDeviceTests
{
    private const int Hidden = 20, Inputs = 64, Batch = 10;

    public KrotovHopfieldRankingOnDeviceTests()
    {
        OpenClDriver.Require();
        Prerequisite.Require(ClBlast.Unavailable);
        Prerequisite.Require(OpenBlas.Unavailable);
    }

    private static float[] Uniform(int count, int seed)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray();
    }

    [SkippableTheory]
    [InlineData(2.0, 2)]
    [InlineData(3.0, 3)]
    [InlineData(4.5, 7)]
    public void Over_several_updates_it_picks_the_cpus_winners_and_learns_its_weights_to_float_rounding(double p, int k)
    {
        var cpu = new KrotovHopfieldRanking(Hidden, Inputs, p, k, delta: 0.4, radius: 1, threads: 1);
        using var device = new KrotovHopfieldRankingOnDevice(Hidden, Inputs, p, k, delta: 0.4, radius: 1);
        cpu.Initialize(seed: 3);
        device.Initialize(seed: 3);
        Assert.Equal(cpu.Weights, device.Weights);

        for (int update = 0; update < 8; update++)
        {
            var images = Uniform(Batch * Inputs, 100 + update);
            double epsilon = 0.05 * (1 - update / 8.0);
            double a = cpu.Update(images, Batch, epsilon), b = device.Update(images, Batch, epsilon);
            Assert.Equal(cpu.Winners.ToArray(), device.Winners.ToArray());
            Assert.Equal(cpu.PushedAway.ToArray(), device.PushedAway.ToArray());
            // The currents are sums of 64 products formed in another order by CLBlast than by OpenBLAS: each differs by a
            // few float32 ulps of Σ|terms| (64 · 2⁻²⁴ ≈ 4e-6 relative at most), and so do ΔW and max|ΔW|, which come
            // from them; a step moves a weight by at most ε ≤ 0.05 with that relative error, and eight steps add up to
            // about 1e-6 against weights of order 1. 2e-5 leaves room while any slip (a wrong row, sign or scale) is 1e-3 or more.
            Assert.Equal(a, b, 1e-5 * a);
            for (int q = 0; q < cpu.Weights.Length; q++) Assert.Equal(cpu.Weights[q], device.Weights[q], 2e-5);
        }
        Assert.NotEqual(new KrotovHopfieldRanking(Hidden, Inputs, p, k).Weights, device.Weights); // it learned
    }

    [SkippableTheory]
    [InlineData(2.0)]
    [InlineData(3.0)]
    public void Where_every_current_is_exact_one_update_gives_the_cpus_bits(double p)
    {
        // Weights in eighths and pixels in quarters: every product and every sum of the currents is exact in float32,
        // so both products give the same currents whatever their order, and from there the kernels must do what the
        // CPU does, operation for operation (the step's ε / max in double where the device has float64).
        var cpu = new KrotovHopfieldRanking(Hidden, Inputs, p, k: 3, threads: 1);
        using var device = new KrotovHopfieldRankingOnDevice(Hidden, Inputs, p, k: 3);
        Skip.IfNot(device.Device.SupportsFloat64, $"{device.Device} has no float64: its decay sums and step round in float32");
        var random = new System.Random(9);
        var weights = Enumerable.Range(0, Hidden * Inputs).Select(_ => random.Next(-16, 17) / 8f).ToArray();
        weights.CopyTo(cpu.Weights, 0);
        weights.CopyTo(device.Weights, 0);
        var images = Enumerable.Range(0, Batch * Inputs).Select(_ => random.Next(0, 5) / 4f).ToArray();

        Assert.Equal(cpu.Update(images, Batch, 0.03), device.Update(images, Batch, 0.03));
        Assert.Equal(cpu.Winners.ToArray(), device.Winners.ToArray());
        Assert.Equal(cpu.PushedAway.ToArray(), device.PushedAway.ToArray());
        Assert.Equal(cpu.Weights, device.Weights);
    }

    [SkippableFact]
    public void The_same_seed_gives_the_same_bits_twice_on_one_device()
    {
        float[] Train()
        {
            using var rule = new KrotovHopfieldRankingOnDevice(Hidden, Inputs, p: 3, k: 4);
            rule.Initialize(seed: 5);
            for (int update = 0; update < 6; update++) rule.Update(Uniform(Batch * Inputs, update), Batch, 0.04);
            return rule.Weights;
        }

        Assert.Equal(Train(), Train());
    }

    [SkippableFact]
    public void The_hidden_layer_and_the_currents_are_the_cpus_to_rounding()
    {
        var cpu = new KrotovHopfieldRanking(Hidden, Inputs, p: 3, k: 2, threads: 1);
        using var device = new KrotovHopfieldRankingOnDevice(Hidden, Inputs, p: 3, k: 2);
        cpu.Initialize(seed: 2);
        device.Initialize(seed: 2);
        var images = Uniform(25 * Inputs, 4); // more images than any update had: the device's buffers grow
        var (a, b) = (new float[25 * Hidden], new float[25 * Hidden]);
        cpu.Responses(images, 25, a);
        device.Responses(images, 25, b);
        for (int q = 0; q < a.Length; q++) Assert.Equal(a[q], b[q], 1e-4); // |W v| ≤ Σ|w| ≈ 51: 64 terms, float32
        cpu.Currents(images, 25, a);
        device.Currents(images, 25, b);
        for (int q = 0; q < a.Length; q++) Assert.Equal(a[q], b[q], 5e-4); // |w|² terms: Σ ≈ 64
    }

    [SkippableFact]
    public void Bad_input_is_refused_with_the_cpus_messages()
    {
        var cpu = new KrotovHopfieldRanking(Hidden, Inputs, threads: 1);
        using var device = new KrotovHopfieldRankingOnDevice(Hidden, Inputs);
        void Same<TException>(Action<KrotovHopfieldRule> act) where TException : Exception =>
            Assert.Equal(Assert.Throws<TException>(() => act(cpu)).Message, Assert.Throws<TException>(() => act(device)).Message);

        Same<ArgumentOutOfRangeException>(rule => rule.Update(new float[Inputs], 0, 0.1));
        Same<ArgumentOutOfRangeException>(rule => rule.Update(new float[Inputs], 1, -0.1));
        Same<ArgumentOutOfRangeException>(rule => rule.Update(new float[Inputs], 1, double.NaN));
        Same<ArgumentException>(rule => rule.Update(new float[Inputs], 2, 0.1));
        Same<ArgumentException>(rule => rule.Responses(new float[Inputs], 1, new float[Hidden - 1]));
        Same<ArgumentException>(rule => rule.Currents(new float[Inputs - 1], 1, new float[Hidden]));
        var nan = new float[Inputs];
        nan[3] = float.NaN;
        Same<ArithmeticException>(rule => rule.Update(nan, 1, 0.1));
        string Refusal(Func<object> create) => Assert.Throws<ArgumentOutOfRangeException>(create).Message;
        Assert.Equal(Refusal(() => new KrotovHopfieldRanking(10, 4, k: 11)), Refusal(() => new KrotovHopfieldRankingOnDevice(10, 4, k: 11)));
        Assert.Equal(Refusal(() => new KrotovHopfieldRanking(10, 4, p: 0.5)), Refusal(() => new KrotovHopfieldRankingOnDevice(10, 4, p: 0.5)));
        Assert.Equal(Refusal(() => new KrotovHopfieldRanking(1, 4, k: 2)), Refusal(() => new KrotovHopfieldRankingOnDevice(1, 4, k: 2)));
    }
}

using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>Rules applied once per presentation, from the state at its end.</summary>
public partial class OuterProductRuleTests
{
    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void A_rule_applied_at_the_end_of_a_presentation_changes_the_weights_once_then(Backend backend)
    {
        // The layer's output follows its input with a time constant, so the state at the end of the presentation is not
        // the state of its first step: the change applied once at the end equals a rule applied every 5 steps, bitwise.
        Network Layer(OuterProductRule rule, out RateProjection projection)
        {
            var random = new System.Random(6);
            var net = new Network(1 * ms, Precision.Double) { BatchSize = 3, Backend = On(backend) };
            var input = net.AddPopulation("input", 4, new NeuronModel("Held", "").WithState("r"));
            var output = net.AddPopulation("output", 3, new NeuronModel("Leaky", "dv/dt = (I - v)/tau").WithParameter("tau", 3 * ms).WithInput("I"));
            var w = new double[3, 4];
            for (int j = 0; j < 3; j++)
                for (int i = 0; i < 4; i++) w[j, i] = random.NextDouble() - 0.5;
            input.SetState("r", Enumerable.Range(0, 12).Select(_ => random.NextDouble()).ToArray());
            projection = net.ConnectRate(input, output, "r", "I", w).Learn(rule);
            return net;
        }
        OuterProductRule Oja() => new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.3).ReducedBy(BatchReduction.Mean);

        var stepped = Layer(Oja().Every(5), out var every5);
        var presented = Layer(Oja().AtEndOfPresentation(), out var atEnd);
        var initial = atEnd.Weights();
        stepped.Run(5 * ms);
        presented.Run(5 * ms);
        Assert.Equal(initial, atEnd.Weights()); // nothing during the presentation
        presented.EndPresentation();

        Assert.NotEqual(initial, atEnd.Weights());
        Assert.Equal(every5.Weights(), atEnd.Weights());
        Assert.True(atEnd.Rule!.AtPresentationEnd);
    }

    [Fact]
    public void Ending_a_presentation_leaves_rules_applied_every_k_steps_alone()
    {
        var (net, projection) = Layer(3, 2, 1, new OuterProductRule("Hebb", post: "v", pre: "r").WithParameter("eta", 0.1).Every(4));
        net.Run(3 * ms);
        var before = projection.Weights();
        net.EndPresentation();
        Assert.Equal(before, projection.Weights());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_change_scaled_to_its_largest_moves_the_largest_weight_by_eta(int threads)
    {
        // W += η ΔW / max|ΔW|: the change the rule computes (reduced over the batch), scaled, whatever the inputs' size.
        var rule = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.01).ScaledToLargestChange();
        var random = new System.Random(12);
        var inputs = Enumerable.Range(0, 37 * 4).Select(_ => random.NextDouble()).ToArray();
        var (net, projection) = Layer(37, 5, 4, rule, threads: threads);
        net.Populations[0].SetState("r", inputs);
        var reference = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0);
        var (same, sameProjection) = Layer(37, 5, 4, reference, threads: threads);
        var change = Factors(same, inputs).LearningOf(sameProjection)!.Change();
        var before = projection.Weights().Cast<double>().ToArray();

        net.Run(1 * ms);

        double largest = change.Max(Math.Abs);
        var after = projection.Weights().Cast<double>().ToArray();
        // Bit for bit: the step is a multiply then an add per weight, in whole vectors and in the tail of each row alike.
        for (int k = 0; k < after.Length; k++) Assert.Equal(before[k] + 0.01 / largest * change[k], after[k]);
        Assert.Equal(0.01, after.Zip(before, (a, b) => Math.Abs(a - b)).Max(), 1e-12);
    }

    [SkippableTheory]
    [InlineData(Precision.Double, 4)]
    [InlineData(Precision.Single, 1)]
    [InlineData(Precision.Single, 4)]
    public void On_opencl_a_change_scaled_to_its_largest_learns_what_it_learns_on_the_cpu(Precision precision, int batch)
    {
        // The update's sums are the CPU's, in the same order, and max|ΔW| is exact; but the outputs v = W r that the rule
        // reads come from each backend's own product (and, for a float32 minibatch, the outer-product sums from CLBlast's
        // gemm), which round differently in the last place. A last-place difference in ΔW moves a weight by about
        // η·ulp(1), and six steps add a few of those: 1e-12 in float64, 2e-6 in float32 (weights of magnitude < 0.5).
        OuterProductRule Rule() => new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.02)
            .ScaledToLargestChange().ClippedTo(-0.45, 0.45);
        var (cpu, onCpu) = Layer(37, 5, batch, Rule(), precision: precision);
        var (device, onDevice) = Layer(37, 5, batch, Rule(), backend: Backend.OpenCl, precision: precision);
        var initial = onCpu.Weights();
        cpu.Run(6 * ms);
        device.Run(6 * ms);

        var (expected, actual) = (onCpu.Weights().Cast<double>().ToArray(), onDevice.Weights().Cast<double>().ToArray());
        Assert.NotEqual(initial.Cast<double>(), expected); // it learned
        Assert.Contains(expected, w => Math.Abs(w) == (precision == Precision.Single ? 0.45f : 0.45)); // the clipping took part
        double tolerance = precision == Precision.Double ? 1e-12 : 2e-6;
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], actual[k], tolerance);
    }

    [SkippableFact]
    public void On_opencl_a_change_scaled_to_its_largest_that_is_not_finite_is_named()
    {
        var rule = new OuterProductRule("Krotov", post: "v", pre: "r").WithParameter("eta", 0.01).ScaledToLargestChange();
        var (net, _) = Layer(3, 2, 1, rule, backend: Backend.OpenCl);
        // Finite rates and outputs whose products overflow: ΔW is infinite, W and the state are not.
        net.Populations[0].SetState("r", [1, 1e200, 1]);
        var e = Assert.Throws<SimulationException>(() => net.Run(1 * ms));
        Assert.Contains("ΔW", e.Message);
    }
}

using Dendra.Neurons;
using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Graph;
using Dendra.Simulator.LinearAlgebra;
using Dendra.Simulator.Models;
using Dendra.Tests;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// Float32 minibatches on OpenCL run their dense products and plastic updates through CLBlast: the same network learns
/// what it learns on the CPU and with Dendra's own kernels, to float32 rounding, and the update keeps the rule's decay,
/// scale and clipping.
/// </summary>
public class ClBlastProductsTests
{
    public ClBlastProductsTests()
    {
        OpenClDriver.Require();
        Prerequisite.Require(ClBlast.Unavailable);
    }

    /// <summary>A linear layer v = W r over a batch (sizes off every tile and vector), learning by Oja's rule, clipped.</summary>
    private static (Network Net, RateProjection Projection) Layer(Backend backend, int inputs = 70, int outputs = 33, int batch = 12)
    {
        var random = new System.Random(3);
        var net = new Network(1 * ms, Precision.Single) { BatchSize = batch, Backend = backend };
        var input = net.AddPopulation("input", inputs + 3, RateNeuron.Input());
        var output = net.AddPopulation("output", outputs + 2, new NeuronModel("Linear", "v = I").WithInput("I"));
        var w = new double[outputs, inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++) w[j, i] = (random.NextDouble() - 0.5) * 0.2;
        input.SetState("r", Enumerable.Range(0, (inputs + 3) * batch).Select(_ => random.NextDouble()).ToArray());
        var rule = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.05)
            .ReducedBy(BatchReduction.Mean).ClippedTo(-0.08, 0.08);
        // Slices that start off 0, so the products read and write at offsets within every instance.
        return (net, net.ConnectRate(input.Slice(2, inputs), output.Slice(1, outputs), "r", "I", w).Learn(rule));
    }

    private static void AssertClose(double[,] expected, double[,] actual, double tolerance)
    {
        for (int j = 0; j < expected.GetLength(0); j++)
            for (int i = 0; i < expected.GetLength(1); i++) Assert.Equal(expected[j, i], actual[j, i], tolerance);
    }

    [SkippableFact]
    public void A_float32_minibatch_goes_through_clblast_where_it_is_installed_and_float64_or_one_instance_does_not()
    {
        Assert.True(ClBlastProducts.Use(isDouble: false, instances: 2, TextWriter.Null));
        Assert.False(ClBlastProducts.Use(isDouble: true, instances: 2, TextWriter.Null));
        Assert.False(ClBlastProducts.Use(isDouble: false, instances: 1, TextWriter.Null));
    }

    [SkippableFact]
    public void Through_clblast_a_float32_layer_learns_what_it_learns_on_the_cpu_and_with_our_kernels_to_rounding()
    {
        var (cpu, p1) = Layer(Backend.Cpu);
        var (blast, p2) = Layer(Backend.OpenCl);
        ClBlastProducts.OwnKernels = true;
        var (own, p3) = Layer(Backend.OpenCl);
        own.Build();
        ClBlastProducts.OwnKernels = false;
        // Each step's factors v = W r come from the product, so the weights check the product's path as well as the update's.
        foreach (var net in new[] { cpu, blast, own }) net.Run(8 * ms);

        var (a, b, c) = (p1.Weights(), p2.Weights(), p3.Weights());
        AssertClose(a, b, 2e-6);
        AssertClose(c, b, 2e-6);
        Assert.Contains(a.Cast<double>(), w => Math.Abs(w) == 0.08f); // the clipping took part
        Assert.Contains(a.Cast<double>(), w => Math.Abs(w) < 0.08f);
        Assert.NotEqual(a[0, 0], Layer(Backend.Cpu).Projection.Weights()[0, 0]); // it learned
    }

    [SkippableFact]
    public void Through_clblast_the_same_network_on_the_same_device_learns_the_same_bits_twice()
    {
        // What docs/decisions.md promises for CLBlast: the same device, driver, CLBlast version and tuning give the same bits.
        var (first, p1) = Layer(Backend.OpenCl);
        var (second, p2) = Layer(Backend.OpenCl);
        first.Run(6 * ms);
        second.Run(6 * ms);
        Assert.Equal(p1.Weights(), p2.Weights());
    }

    [SkippableFact]
    public void Through_clblast_one_update_is_the_rules_formula_decay_scale_and_clipping_included()
    {
        // Held rates make the factors exact inputs: W + η/B·(Σ_n y_n ⊗ r_n − (Σ_n y_n²) ⊙ W), clipped, to float32 rounding.
        const int inputs = 19, outputs = 7, batch = 5;
        const double eta = 0.3, lo = -0.45, hi = 0.5;
        var random = new System.Random(6);
        var net = new Network(1 * ms, Precision.Single) { BatchSize = batch, Backend = Backend.OpenCl };
        var pre = net.AddPopulation("pre", inputs, RateNeuron.Input());
        var post = net.AddPopulation("post", outputs, new NeuronModel("Held", "").WithState("y").WithInput("I"));
        pre.SetState("r", Enumerable.Range(0, inputs * batch).Select(_ => random.NextDouble()).ToArray());
        post.SetState("y", Enumerable.Range(0, outputs * batch).Select(_ => random.NextDouble() - 0.3).ToArray());
        var w = new double[outputs, inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++) w[j, i] = (float)(random.NextDouble() - 0.5);
        var projection = net.ConnectRate(pre, post, "r", "I", w).Learn(new OuterProductRule("Oja", post: "y", pre: "r", decay: "y^2")
            .WithParameter("eta", eta).ReducedBy(BatchReduction.Mean).ClippedTo(lo, hi));
        var (r, y) = (pre.Get("r"), post.Get("y"));
        net.Run(1 * ms);

        var learned = projection.Weights();
        int clipped = 0;
        for (int j = 0; j < outputs; j++)
        {
            double decay = 0;
            for (int n = 0; n < batch; n++) decay += y[n * outputs + j] * y[n * outputs + j];
            for (int i = 0; i < inputs; i++)
            {
                double outer = 0;
                for (int n = 0; n < batch; n++) outer += y[n * outputs + j] * r[n * inputs + i];
                double expected = w[j, i] + eta / batch * (outer - decay * w[j, i]);
                if (expected < lo || expected > hi) clipped++;
                Assert.Equal(Math.Clamp(expected, lo, hi), learned[j, i], 1e-5);
            }
        }
        Assert.InRange(clipped, 1, inputs * outputs - 1);
    }
}

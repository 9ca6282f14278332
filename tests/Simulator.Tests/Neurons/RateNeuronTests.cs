using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Neurons;

public abstract class RateNeuronTests
{
    /// <summary>The backend the tests run on: each test runs on the CPU and on OpenCL (PoCL in CI).</summary>
    protected abstract Backend Backend { get; }

    [SkippableFact]
    public void Activation_relaxes_to_input_plus_bias_with_time_constant_tau()
    {
        const double input = 0.7, tau = 10 * ms;
        var net = new Network(0.1 * ms) { Backend = Backend };
        var p = net.AddPopulation("r", 2, RateNeuron.Create(Transfer.Linear));
        p.Set("bias", "0.3*i");                       // neuron 0: no bias, neuron 1: bias 0.3
        net.Inject(p, "I", CurrentSource.Constant(input));
        var h = net.MonitorState(p, "h", [0, 1]);
        net.Run(50 * ms);

        Assert.Equal(Integrator.Exact, net.IntegratorOf(p));
        var times = h.Times;
        Assert.Equal(500, times.Length);
        for (int n = 0; n < 2; n++)
        {
            double target = input + 0.3 * n;
            var trace = h.Trace(n);
            for (int k = 0; k < times.Length; k++)
            {
                double expected = target * (1 - Math.Exp(-times[k] / tau));
                Assert.True(Math.Abs(trace[k] - expected) <= 1e-4 * expected,
                    $"neuron {n}, t = {times[k] / ms} ms: h = {trace[k]}, expected {expected}");
            }
        }
    }

    [SkippableTheory]
    [InlineData(Transfer.Linear)]
    [InlineData(Transfer.Relu)]
    [InlineData(Transfer.Sigmoid)]
    [InlineData(Transfer.Tanh)]
    [InlineData(Transfer.RectifiedPower)]
    public void Output_is_the_transfer_function_of_the_activation(Transfer transfer)
    {
        double[] h0 = [-2, -0.5, 0, 0.3, 1.5, 3];
        var net = new Network(0.1 * ms, Precision.Double) { Backend = Backend };
        var p = net.AddPopulation("r", h0.Length, RateNeuron.Create(transfer));
        p.Initialize("h", h0);
        var r = net.MonitorState(p, "r", Enumerable.Range(0, h0.Length));
        net.Run(0.5 * ms);

        var h = p.Get("h");
        var rates = p.Get("r");
        for (int k = 0; k < h0.Length; k++)
        {
            double expected = transfer switch
            {
                Transfer.Linear => h[k],
                Transfer.Relu => Math.Max(h[k], 0),
                Transfer.Sigmoid => 1 / (1 + Math.Exp(-h[k])),
                Transfer.Tanh => Math.Tanh(h[k]),
                _ => Math.Pow(Math.Max(h[k], 0), 2),
            };
            Assert.Equal(expected, rates[k], 1e-12);
            Assert.Equal(expected, r.Trace(k)[^1], 1e-12);
        }
        // h decayed from its initial value (no input), so r was computed from the current h, not h0.
        Assert.True(h[^1] < h0[^1] && h[^1] > 0.9 * h0[^1]);
    }

    [SkippableFact]
    public void Rectified_power_uses_the_exponent_parameter()
    {
        var net = new Network(0.1 * ms, Precision.Double) { Backend = Backend };
        var p = net.AddPopulation("r", 3, RateNeuron.Create(Transfer.RectifiedPower));
        p.Set("n", 2.5);
        p.Initialize("h", new double[] { -1, 0.5, 2 });
        net.MonitorState(p, "r", [0, 1, 2]);
        net.Run(0.1 * ms);
        var h = p.Get("h");
        var r = p.Get("r");
        for (int k = 0; k < 3; k++)
            Assert.Equal(Math.Pow(Math.Max(h[k], 0), 2.5), r[k], 1e-12);
        Assert.Equal(0, r[0]);
    }

    [SkippableFact]
    public void Rate_neurons_chain_through_rate_projections()
    {
        // r of the first neuron (relu of its h) feeds I of the second with weight 2.
        var net = new Network(0.1 * ms, Precision.Double) { Backend = Backend };
        var a = net.AddPopulation("a", 1, RateNeuron.Create());
        var b = net.AddPopulation("b", 1, RateNeuron.Create());
        net.Inject(a, "I", CurrentSource.Constant(0.5));
        net.ConnectRate(a, b, "r", "I", new double[,] { { 2.0 } });
        net.Run(200 * ms);
        Assert.Equal(0.5, a.Get("h")[0], 1e-6);
        Assert.Equal(1.0, b.Get("h")[0], 1e-5);
    }

    [SkippableFact]
    public void Every_transfer_builds_a_model_with_the_documented_parameters()
    {
        foreach (var transfer in Enum.GetValues<Transfer>())
        {
            var model = RateNeuron.Create(transfer);
            Assert.True(model.TryGetParameter("tau", out var tau) && tau.Default == 10 * ms);
            Assert.True(model.TryGetParameter("bias", out var bias) && bias.Default == 0);
            Assert.Equal(transfer == Transfer.RectifiedPower, model.TryGetParameter("n", out _));
            Assert.Equal(["I"], model.Inputs);
            Assert.Null(model.Threshold);
        }
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : RateNeuronTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : RateNeuronTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }
}

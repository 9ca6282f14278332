using Dendra.Plasticity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Plasticity;

public abstract class BcmTests
{
    /// <summary>The backend the tests run on: each test runs on the CPU and on OpenCL (PoCL in CI).</summary>
    protected abstract Backend Backend { get; }

    /// <summary>A leaky rate neuron: tau_r dr/dt = -r + h, with the summed input h.</summary>
    private static NeuronModel LeakyRate(double tauR = 2 * ms) =>
        new NeuronModel("Rate", "dr/dt = (h - r)/tau_r").WithParameter("tau_r", tauR).WithInput("h");

    /// <summary>A rate "neuron" whose activity r is its summed input, set every step by injection.</summary>
    private static NeuronModel Clamped() => new NeuronModel("Clamped", "").WithInput("r");

    [SkippableFact]
    public void Threshold_approaches_the_square_of_a_constant_activity_exponentially()
    {
        double[] v = [0.5, 1.0, 3.0];
        const double tauTheta = 50 * ms;
        var model = Bcm.WithSlidingThreshold(LeakyRate(), "r", tauTheta);
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double) { Backend = Backend };
        var p = net.AddPopulation("post", v.Length, model);
        p.Initialize("r", v);
        for (int k = 0; k < v.Length; k++) net.Inject(p.Slice(k, 1), "h", CurrentSource.Constant(v[k]));
        var theta = net.MonitorState(p, "theta", [0, 1, 2]);
        net.Run(200 * ms);

        Assert.Equal(Integrator.ExponentialEuler, net.IntegratorOf(p));
        var times = theta.Times;
        for (int k = 0; k < v.Length; k++)
        {
            Assert.Equal(v[k], p.Get("r")[k], 14);
            var trace = theta.Trace(k);
            for (int s = 0; s < trace.Length; s++)
            {
                double expected = v[k] * v[k] * (1 - Math.Exp(-times[s] / tauTheta));
                Assert.True(Math.Abs(trace[s] - expected) <= 1e-9 * expected, $"v = {v[k]}, t = {times[s]}: theta {trace[s]:R}, expected {expected:R}");
            }
        }
    }

    [SkippableFact]
    public void Threshold_tracks_the_mean_square_of_a_varying_activity()
    {
        // The activity alternates between 1 and 3 every 5 ms; theta (tau 200 ms) settles at ⟨r²⟩ = 5, not ⟨r⟩² = 4.
        var model = Bcm.WithSlidingThreshold(Clamped(), "r", tauTheta: 200 * ms);
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double) { Backend = Backend };
        var p = net.AddPopulation("post", 1, model);
        net.Inject(p, "r", CurrentSource.FromArray(Enumerable.Range(0, 400).Select(k => k % 2 == 0 ? 1.0 : 3.0).ToArray(), 5 * ms));
        var theta = net.MonitorState(p, "theta", [0]);
        net.Run(2 * second);

        var last = theta.Trace(0).TakeLast(1000).ToArray(); // the last 100 ms: ten periods
        Assert.Equal(5.0, last.Average(), 0.05);
        Assert.True(last.Max() - last.Min() < 0.2, "theta ripples with the activity but only by a little when tau_theta ≫ the period");
    }

    [SkippableFact]
    public void Continuous_synaptic_equation_integrates_the_rule_per_synapse_with_bounds()
    {
        // Constant activities and a fixed postsynaptic threshold: dw_ij/dt = eta·x_i·y_j·(y_j − θ_j) is constant, so w is linear
        // in time until it reaches a bound, where it stays. Post 0 potentiates, post 1 depresses, post 2 sits at its threshold.
        double[] x = [0.5, 2.0];
        double[] y = [3.0, 1.0, 2.0];
        double[] thetaValues = [1.0, 3.0, 2.0];
        const double eta = 0.5, m0 = 0.4, wmax = 1.0, duration = 300 * ms;
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double) { Backend = Backend };
        var pre = net.AddPopulation("pre", 2, Clamped());
        var post = net.AddPopulation("post", 3, Clamped().WithState("theta"));
        post.Initialize("theta", thetaValues);
        for (int i = 0; i < x.Length; i++) net.Inject(pre.Slice(i, 1), "r", CurrentSource.Constant(x[i]));
        for (int j = 0; j < y.Length; j++) net.Inject(post.Slice(j, 1), "r", CurrentSource.Constant(y[j]));
        var bounded = net.Connect(pre, post, Bcm.Synapse(eta: eta, wmin: 0, wmax: wmax), Connectivity.AllToAll(), weight: 0);
        var free = net.Connect(pre, post, Bcm.Synapse(eta: eta, wmin: double.NegativeInfinity), Connectivity.AllToAll(), weight: 0);
        bounded.Initialize(Bcm.Weight, m0);
        free.Initialize(Bcm.Weight, m0);
        net.Run(duration);

        var (preIndex, postIndex, m) = bounded.Get(Bcm.Weight);
        var (_, _, mFree) = free.Get(Bcm.Weight);
        Assert.Equal(6, m.Length);
        for (int s = 0; s < m.Length; s++)
        {
            int i = preIndex[s], j = postIndex[s];
            double linear = m0 + eta * x[i] * y[j] * (y[j] - thetaValues[j]) * duration;
            Assert.Equal(linear, mFree[s], 9);
            Assert.Equal(Math.Clamp(linear, 0, wmax), m[s], 12);
        }
        Assert.Contains(m, v => Math.Abs(v - wmax) < 1e-12);
        Assert.Contains(m, v => Math.Abs(v) < 1e-12);
        Assert.Contains(mFree, v => v < 0);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(2)]
    public void Two_alternating_patterns_make_the_neuron_selective_to_one(int favoured)
    {
        // Three inputs, two overlapping patterns A = (1, ½, 0) and B = (0, ½, 1) alternating every 20 ms, onto one leaky rate
        // neuron with a sliding threshold. The weights start equal except for a 10 % head start of input `favoured`.
        double[][] patterns = [[1, 0.5, 0], [0, 0.5, 1]];
        const double period = 20 * ms, dt = 0.5 * ms;
        int steps = (int)Math.Round(3 * second / dt);
        var net = new Network(dt: dt, precision: Precision.Double) { Backend = Backend };
        var input = net.AddPopulation("input", 3, Clamped());
        var neuron = net.AddPopulation("neuron", 1, Bcm.WithSlidingThreshold(LeakyRate(), "r", tauTheta: 100 * ms));
        int periods = (int)Math.Ceiling(steps * dt / period) + 1;
        for (int i = 0; i < 3; i++)
        {
            var course = Enumerable.Range(0, periods).Select(k => patterns[k % 2][i]).ToArray();
            net.Inject(input.Slice(i, 1), "r", CurrentSource.FromArray(course, period));
        }
        // The synapses both learn and drive the neuron (h_post = w*r_pre : summed): one closed loop in the simulator.
        net.Connect(input, neuron, Bcm.Synapse("r", eta: 5, wmin: 0, target: "h"), Connectivity.AllToAll(),
            weight: $"where(i == {favoured}, 0.55, 0.5)");
        var r = net.MonitorState(neuron, "r", [0]);
        var theta = net.MonitorState(neuron, "theta", [0]);
        net.Run(steps * dt);

        // The response to a pattern: the neuron's rate at the end of a presentation (5 τ_r after the switch: settled).
        var trace = r.Trace(0);
        int perPeriod = (int)Math.Round(period / dt);
        double Response(int presentation) => trace[(presentation + 1) * perPeriod - 1];
        int lastA = (steps / perPeriod - 1) / 2 * 2; // the last complete presentation of A (even presentations are A)
        double firstA = Response(0), firstB = Response(1), endA = Response(lastA), endB = Response(lastA + 1);

        var (winner, loser, winnerStart, loserStart) = favoured == 0 ? (endA, endB, firstA, firstB) : (endB, endA, firstB, firstA);
        Assert.True(winner > 1.5 * winnerStart && winner > 1.5, $"winner {winnerStart:F3} → {winner:F3}");
        Assert.True(loser < 0.25 * loserStart && loser < 0.1 * winner, $"loser {loserStart:F3} → {loser:F3}");
        // The threshold has settled near the mean square response, ⟨r²⟩ over the last presentations.
        var tail = trace.TakeLast(4 * perPeriod).ToArray();
        double meanSquare = tail.Average(v => v * v);
        Assert.Equal(meanSquare, theta.Trace(0).TakeLast(4 * perPeriod).Average(), 0.1 * meanSquare);
    }

    [SkippableFact]
    public void The_threshold_helper_keeps_the_rate_model_and_rejects_clashes()
    {
        var rate = new NeuronModel("Rate", "dr/dt = (g - r)/tau_r\ng = tanh(h)")
            .WithParameter("tau_r", 5 * ms, "s").WithInput("h").WithState("z", 2.0).WithInitial("r", 0.25);
        var bcm = Bcm.WithSlidingThreshold(rate, "r", 30 * ms, initialTheta: 0.5);
        Assert.Equal("Rate+BCM", bcm.Name);
        Assert.Equal(["r", "theta", "z"], bcm.StateVariables.ToArray());
        Assert.Equal(["h"], bcm.Inputs);
        Assert.True(bcm.TryGetParameter("tau_theta", out var tau) && tau.Default == 30 * ms);
        Assert.Equal(2.0, bcm.InitialValues["z"].Constant);
        Assert.Equal(0.25, bcm.InitialValues["r"].Constant);
        Assert.Equal(0.5, bcm.InitialValues["theta"].Constant);
        Assert.Equal(rate.Equations.Count + 1, bcm.Equations.Count);

        Assert.Throws<ArgumentException>(() => Bcm.WithSlidingThreshold(rate, "v"));
        Assert.Throws<ArgumentException>(() => Bcm.WithSlidingThreshold(rate, "r", threshold: "z"));
        Assert.Throws<ArgumentException>(() => Bcm.WithSlidingThreshold(bcm, "r"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bcm.WithSlidingThreshold(rate, "r", tauTheta: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bcm.Synapse(wmin: 1, wmax: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bcm.Synapse(eta: -1));

        // The sub-expression activity works in the neuron (theta from g = tanh(h)).
        var withG = Bcm.WithSlidingThreshold(rate, "g", 10 * ms);
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double) { Backend = Backend };
        var p = net.AddPopulation("p", 1, withG);
        net.Inject(p, "h", CurrentSource.Constant(1.0));
        net.Run(200 * ms);
        Assert.Equal(Math.Tanh(1) * Math.Tanh(1), p.Get("theta")[0], 6);
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : BcmTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : BcmTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }
}

using Dendra.Plasticity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Plasticity;

public abstract class PairStdpTests
{
    /// <summary>The backend the tests run on: each test runs on the CPU and on OpenCL (PoCL in CI).</summary>
    protected abstract Backend Backend { get; }

    private const double Dt = 0.1e-3;
    private const double Wmax = 0.01;
    private const double DApre = 0.01 * Wmax;
    private const double DApost = -1.05 * DApre;
    private const double Tau = 20e-3;

    private static readonly double[] DeltaMs = [-50, -30, -20, -10, -5, -0.1, 0, 0.1, 5, 10, 20, 30, 50];

    /// <summary>The analytic pair window for Δt in seconds (on-pre runs before on-post in a shared step, so Δt = 0 potentiates).</summary>
    private static double Window(double delta) => delta >= 0 ? DApre * Math.Exp(-delta / Tau) : DApost * Math.Exp(delta / Tau);

    private static long StepOf(double t) => (long)Math.Round(t / Dt);

    private static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        double error = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (relative error {error:E2})");
    }

    /// <summary>Δw of each synapse, in pair order (one-to-one projections store synapse k as pre k → post k).</summary>
    private static double[] Changes(Projection projection, double initial)
    {
        var (pre, post, w) = projection.Get("w");
        var dw = new double[w.Length];
        for (int s = 0; s < w.Length; s++)
        {
            Assert.Equal(pre[s], post[s]);
            dw[pre[s]] = w[s] - initial;
        }
        return dw;
    }

    [SkippableFact]
    public void Pair_window_between_spike_sources_matches_the_exponentials()
    {
        // One independent synapse per Δt: pre k and post k are spike sources, so both spike at exactly chosen steps.
        // A learning-only synapse (no target) may end on a spike source, which has no variables.
        int n = DeltaMs.Length;
        var net = new Network(dt: Dt, precision: Precision.Double) { Backend = Backend };
        const double tPre = 100e-3;
        var pre = net.AddSpikeSource("pre", n, Enumerable.Range(0, n).Select(k => (k, tPre)));
        var post = net.AddSpikeSource("post", n, Enumerable.Range(0, n).Select(k => (k, tPre + DeltaMs[k] * ms)));
        const double w0 = Wmax / 2;
        var syn = net.Connect(pre, post, PairStdp.Synapse(target: null), Connectivity.OneToOne(), weight: w0);
        net.Run(200 * ms);

        var dw = Changes(syn, w0);
        for (int k = 0; k < n; k++)
        {
            double delta = (StepOf(tPre + DeltaMs[k] * ms) - StepOf(tPre)) * Dt;
            AssertRelative(Window(delta), dw[k], 1e-6, $"Δt = {DeltaMs[k]} ms");
        }
    }

    [SkippableFact]
    public void Pair_window_with_a_driven_neuron_and_a_delay_counts_from_the_arrival()
    {
        // The postsynaptic neuron is a real model: it integrates the plastic synapse's input "ge" and is made to fire at
        // chosen steps by a strong static synapse from a driver. The plastic synapse has a 3 ms delay, so on-pre runs at
        // arrival and the effective Δt is t_post − (t_pre + delay).
        var postModel = new NeuronModel("Driven", "dge/dt = -ge/taue")
            .WithParameter("taue", 5 * ms).WithState("drive").WithThreshold("drive > 0.5").WithReset("drive = 0");
        int n = DeltaMs.Length;
        const double tPre = 100e-3, delay = 3e-3;
        var net = new Network(dt: Dt, precision: Precision.Double) { Backend = Backend };
        var pre = net.AddSpikeSource("pre", n, Enumerable.Range(0, n).Select(k => (k, tPre)));
        // A driver spike at step s is delivered after the threshold phase of step s, so the neuron fires at step s + 1.
        var driver = net.AddSpikeSource("driver", n, Enumerable.Range(0, n).Select(k => (k, tPre + delay + DeltaMs[k] * ms - Dt)));
        var post = net.AddPopulation("post", n, postModel);
        net.Connect(driver, post, "drive", Connectivity.OneToOne(), weight: 1.0);
        const double w0 = Wmax / 2;
        var syn = net.Connect(pre, post, PairStdp.Synapse("ge"), Connectivity.OneToOne(), weight: w0, delay: delay);
        var spikes = net.MonitorSpikes(post);
        var ge = net.MonitorState(post, "ge", Enumerable.Range(0, n));
        net.Run(200 * ms);

        long arrival = StepOf(tPre) + StepOf(delay);
        var dw = Changes(syn, w0);
        Assert.Equal(n, spikes.Count);
        for (int k = 0; k < n; k++)
        {
            var fired = spikes.TimesOf(k);
            Assert.Single(fired);
            long postStep = StepOf(fired[0]);
            Assert.Equal(StepOf(tPre + delay + DeltaMs[k] * ms), postStep);
            AssertRelative(Window((postStep - arrival) * Dt), dw[k], 1e-6, $"Δt = {DeltaMs[k]} ms");

            // The spike is transmitted at arrival with the weight before this event's update (on-post never depresses:
            // depression is applied by the following on-pre code, after "ge += w").
            var trace = ge.Trace(k);
            Assert.Equal(0.0, trace[arrival - 1]);
            AssertRelative(w0, trace[arrival], 1e-12, $"ge at arrival, Δt = {DeltaMs[k]} ms");
        }
    }

    [SkippableTheory]
    [InlineData(StdpPairing.AllToAll)]
    [InlineData(StdpPairing.Nearest)]
    public void Bursts_pair_with_every_spike_or_only_the_nearest(StdpPairing pairing)
    {
        // Synapse 0: a presynaptic burst at 100, 103, 106 ms, then one postsynaptic spike at 116 ms (potentiation).
        // Synapse 1: a postsynaptic burst at 100, 103, 106 ms, then one presynaptic spike at 116 ms (depression).
        double[] burst = [100e-3, 103e-3, 106e-3];
        const double single = 116e-3;
        var net = new Network(dt: Dt, precision: Precision.Double) { Backend = Backend };
        var pre = net.AddSpikeSource("pre", 2, burst.Select(t => (0, t)).Append((1, single)));
        var post = net.AddSpikeSource("post", 2, burst.Select(t => (1, t)).Append((0, single)));
        const double w0 = Wmax / 2;
        var syn = net.Connect(pre, post, PairStdp.Synapse(null, pairing: pairing), Connectivity.OneToOne(), weight: w0);
        net.Run(150 * ms);
        var dw = Changes(syn, w0);

        double Lag(double t) => (StepOf(single) - StepOf(t)) * Dt;
        double allLtp = burst.Sum(t => DApre * Math.Exp(-Lag(t) / Tau));
        double allLtd = burst.Sum(t => DApost * Math.Exp(-Lag(t) / Tau));
        double nearestLtp = DApre * Math.Exp(-Lag(burst[^1]) / Tau);
        double nearestLtd = DApost * Math.Exp(-Lag(burst[^1]) / Tau);
        if (pairing == StdpPairing.AllToAll)
        {
            AssertRelative(allLtp, dw[0], 1e-9, "LTP after a presynaptic burst");
            AssertRelative(allLtd, dw[1], 1e-9, "LTD after a postsynaptic burst");
        }
        else
        {
            AssertRelative(nearestLtp, dw[0], 1e-9, "LTP after a presynaptic burst");
            AssertRelative(nearestLtd, dw[1], 1e-9, "LTD after a postsynaptic burst");
        }
        Assert.True(allLtp > 2 * nearestLtp && allLtd < 2 * nearestLtd);
    }

    [SkippableFact]
    public void Nearest_and_all_to_all_differ_for_bursts_in_the_same_network()
    {
        // Alternating bursts (pre burst, post burst) with both pairings side by side: all-to-all sums over every pair,
        // nearest pairs only neighbours, so the two rules disagree in both the sign-weighted sum and the magnitude.
        var pre = Enumerable.Range(0, 5).SelectMany(b => new[] { 0, 2, 4 }.Select(o => (0, (20 + 30 * b + o) * ms))).ToList();
        var post = Enumerable.Range(0, 5).SelectMany(b => new[] { 0, 2, 4 }.Select(o => (0, (30 + 30 * b + o) * ms))).ToList();
        double Run(StdpPairing pairing)
        {
            var net = new Network(dt: Dt, precision: Precision.Double) { Backend = Backend };
            var p = net.AddSpikeSource("pre", 1, pre);
            var q = net.AddSpikeSource("post", 1, post);
            var syn = net.Connect(p, q, PairStdp.Synapse(null, pairing: pairing), Connectivity.OneToOne(), weight: Wmax / 2);
            net.Run(200 * ms);
            return syn.Get("w").Values[0] - Wmax / 2;
        }

        // Reference: the same rules evaluated by brute force over the spike lists.
        double Reference(bool nearest)
        {
            var events = pre.Select(s => (T: s.Item2, Pre: true)).Concat(post.Select(s => (T: s.Item2, Pre: false)))
                .OrderBy(e => StepOf(e.T)).ThenBy(e => e.Pre ? 0 : 1).ToList();
            double w = Wmax / 2, apre = 0, apost = 0;
            long last = 0;
            foreach (var (t, isPre) in events)
            {
                long s = StepOf(t);
                apre *= Math.Exp(-(s - last) * Dt / Tau);
                apost *= Math.Exp(-(s - last) * Dt / Tau);
                last = s;
                if (isPre) { apre = nearest ? DApre : apre + DApre; w = Math.Clamp(w + apost, 0, Wmax); }
                else { apost = nearest ? DApost : apost + DApost; w = Math.Clamp(w + apre, 0, Wmax); }
            }
            return w - Wmax / 2;
        }

        double all = Run(StdpPairing.AllToAll), nearest = Run(StdpPairing.Nearest);
        AssertRelative(Reference(false), all, 1e-9, "all-to-all");
        AssertRelative(Reference(true), nearest, 1e-9, "nearest");
        Assert.True(Math.Abs(all - nearest) > 0.1 * Math.Abs(nearest), $"all-to-all {all:E3} vs nearest {nearest:E3}");
    }

    [SkippableTheory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void Weights_stay_within_bounds_under_poisson_input(Precision precision)
    {
        // Brian2's STDP example (Song et al. 2000): Poisson inputs onto one conductance-based LIF neuron, here 300 inputs at 50 Hz
        // (the same total input as 1000 at 15 Hz) and learning amplitudes 50× larger, so the bounds are reached in a short run.
        var lif = new NeuronModel("LIF", """
            dv/dt = (ge*(Ee - v) + El - v)/taum
            dge/dt = -ge/taue
            """)
            .WithParameter("taum", 10 * ms).WithParameter("taue", 5 * ms).WithParameter("Ee", 0)
            .WithParameter("El", -74 * mV).WithParameter("vt", -54 * mV).WithParameter("vr", -60 * mV)
            .WithThreshold("v > vt").WithReset("v = vr").WithInitial("v", -60 * mV);
        var net = new Network(dt: Dt, precision: precision, seed: 7) { Backend = Backend };
        var input = net.AddPoisson("input", 300, 50 * Hz);
        var neuron = net.AddPopulation("neuron", 1, lif);
        var syn = net.Connect(input, neuron, PairStdp.Synapse("ge", Wmax, dApre: 0.5 * Wmax), Connectivity.AllToAll(), weight: $"rand()*{Wmax}");
        var spikes = net.MonitorSpikes(neuron);
        net.Run(300 * ms);

        var w = syn.Get("w").Values;
        Assert.True(spikes.Count > 20, $"the neuron fired {spikes.Count} times");
        // In single precision the bound is float(wmax), just below the double 0.01.
        double top = precision == Precision.Single ? (float)Wmax : Wmax;
        Assert.All(w, x => Assert.InRange(x, 0.0, top));
        int atZero = w.Count(x => x == 0), atMax = w.Count(x => x == top);
        Assert.True(atZero > 0 && atMax > 0, $"{atZero} weights at 0, {atMax} at wmax: the bounds were never reached");
    }

    [SkippableFact]
    public void Defaults_follow_the_brian2_example()
    {
        var model = PairStdp.Synapse();
        double Get(string name) => model.TryGetParameter(name, out var p) ? p.Default : double.NaN;
        Assert.Equal(20 * ms, Get("taupre"));
        Assert.Equal(20 * ms, Get("taupost"));
        Assert.Equal(0.01, Get("wmax"));
        Assert.Equal(1e-4, Get("dApre"), 15);
        Assert.Equal(-1.05e-4, Get("dApost"), 15);
        Assert.Equal(["Apre", "Apost", "w"], model.StateVariables.ToArray());
        Assert.Equal(["Apre"], model.PresynapticVariables.ToArray());
        Assert.Equal(["Apost"], model.PostsynapticVariables.ToArray());
        Assert.Equal(["w"], model.SynapticVariables.ToArray());
        Assert.Equal("ge", model.PreCode[0].Target);
        Assert.Throws<ArgumentOutOfRangeException>(() => PairStdp.Synapse(wmax: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairStdp.Synapse(taupre: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairStdp.Synapse(dApre: double.NaN));
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : PairStdpTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : PairStdpTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }
}

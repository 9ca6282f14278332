using System.Collections;
using System.Reflection;
using Dendra.Plasticity;
using Dendra.Simulator.Backends.Cpu;
using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>The general (non-additive) synapse path as plasticity rules use it: event queues, per-synapse delays, on-post code.</summary>
public abstract class GeneralSynapsePathTests
{
    /// <summary>The backend the tests run on: each test runs on the CPU and on OpenCL (PoCL in CI).</summary>
    protected abstract Backend Backend { get; }

    [SkippableFact]
    public void Per_synapse_delays_shift_the_stdp_window_synapse_by_synapse()
    {
        // One presynaptic spike at 50 ms to 6 spike-source targets that all fire at 60 ms; synapse j has a delay of 4j ms,
        // so its spike arrives at 50 + 4j ms and Δt = 10 − 4j ms runs from potentiation into depression.
        const double dt = 0.1 * ms, w0 = 0.005;
        var net = new Network(dt: dt, precision: Precision.Double) { Backend = Backend };
        var pre = net.AddSpikeSource("pre", 1, [(0, 50 * ms)]);
        var post = net.AddSpikeSource("post", 6, Enumerable.Range(0, 6).Select(j => (j, 60 * ms)));
        var syn = net.Connect(pre, post, PairStdp.Synapse(null), Connectivity.AllToAll(), weight: w0, delay: "4*j*ms");
        net.Run(100 * ms);

        var (_, postIndex, w) = syn.Get("w");
        for (int s = 0; s < w.Length; s++)
        {
            int j = postIndex[s];
            double delta = (600 - (500 + 40 * j)) * dt;
            double expected = delta >= 0 ? 1e-4 * Math.Exp(-delta / (20 * ms)) : -1.05e-4 * Math.Exp(delta / (20 * ms));
            Assert.Equal(expected, w[s] - w0, 1e-15);
        }
    }

    [SkippableFact]
    public void Single_precision_reproduces_the_window_to_float_accuracy()
    {
        double[] deltaMs = [-20, -5, 5, 20];
        var net = new Network(dt: 0.1 * ms, precision: Precision.Single) { Backend = Backend };
        var pre = net.AddSpikeSource("pre", 4, Enumerable.Range(0, 4).Select(k => (k, 100 * ms)));
        var post = net.AddSpikeSource("post", 4, Enumerable.Range(0, 4).Select(k => (k, (100 + deltaMs[k]) * ms)));
        var syn = net.Connect(pre, post, PairStdp.Synapse(null), Connectivity.OneToOne(), weight: 0.005);
        net.Run(150 * ms);
        var w = syn.Get("w").Values;
        for (int k = 0; k < 4; k++)
        {
            double d = deltaMs[k] * ms;
            double expected = d > 0 ? 1e-4 * Math.Exp(-d / (20 * ms)) : -1.05e-4 * Math.Exp(d / (20 * ms));
            Assert.True(Math.Abs((w[k] - (float)0.005) / expected - 1) < 1e-4, $"Δt = {deltaMs[k]} ms: Δw = {w[k] - (float)0.005:E6}, expected {expected:E6}");
        }
    }

    [SkippableFact]
    public void Rules_with_only_on_post_code_learn_and_do_not_queue_presynaptic_spikes()
    {
        // A rule with code for postsynaptic spikes only: every synapse counts its target's spikes. Presynaptic spikes have
        // nothing to run, so they must not pile up in the projection's event queue (they did: it was never emptied).
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double, seed: 3) { Backend = Backend };
        var pre = net.AddPoisson("pre", 50, 100 * Hz);
        var post = net.AddPoisson("post", 2, 20 * Hz);
        var counter = net.Connect(pre, post, new SynapseModel("count-post").OnPost("w += 1"), Connectivity.AllToAll(), weight: 0);
        var spikes = net.MonitorSpikes(post);
        net.Run(500 * ms);

        var counts = spikes.CountsPerNeuron();
        var (_, postIndex, w) = counter.Get("w");
        for (int s = 0; s < w.Length; s++) Assert.Equal(counts[postIndex[s]], w[s]);
        Assert.True(counts.Sum() > 5);
        if (Backend == Backend.Cpu) Assert.Equal(0, QueuedSpikes(net)); // the event queue is the CPU backend's
    }

    /// <summary>Synapse ids waiting in the event queues of the network's CPU projections (found by type, not by field name).</summary>
    private static int QueuedSpikes(Network net)
    {
        const BindingFlags flags = BindingFlags.NonPublic | BindingFlags.Instance;
        var backend = typeof(Network).GetFields(flags).Select(f => f.GetValue(net)).OfType<CpuSimulation<double>>().Single();
        var projections = typeof(CpuSimulation<double>).GetFields(flags)
            .Select(f => f.GetValue(backend)).OfType<HostNetwork<double>>().Single().Projections;
        int total = 0;
        foreach (var p in projections)
        {
            var queue = typeof(ProjectionRuntime<double>).GetFields(flags).Select(f => f.GetValue(p)).OfType<List<int>[]>().SingleOrDefault();
            total += queue?.Sum(list => ((ICollection)list).Count) ?? 0;
        }
        return total;
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : GeneralSynapsePathTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : GeneralSynapsePathTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }
}

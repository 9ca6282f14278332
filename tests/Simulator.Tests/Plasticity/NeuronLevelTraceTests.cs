using Dendra.Plasticity;
using Dendra.Simulator.Backends;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using Dendra.Simulator.Recording;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>
/// Neuron-level variables owned by a synapse model (pair STDP's traces, stored once per neuron): the same weights as the
/// traces kept per synapse, to rounding; trace values against their analytic sum; clock-driven against event-driven; a
/// checkpoint round trip that is bitwise; and each backend (the CPU, OpenCL) against the CPU.
/// </summary>
public abstract class NeuronLevelTraceTests
{
    private const double Wmax = 0.01, Tau = 20e-3, Dt = 0.1e-3;
    private const double DApre = 0.05 * Wmax, DApost = -1.05 * DApre;

    /// <summary>The backend the tests run on.</summary>
    protected abstract Backend Backend { get; }

    /// <summary>Pair STDP with both traces kept per synapse: what pair STDP was before neuron-level variables, and the reference.</summary>
    private static SynapseModel PerSynapseStdp(bool nearest)
    {
        string op = nearest ? "=" : "+=";
        return new SynapseModel("per-synapse STDP", """
                dApre/dt = -Apre/taupre : event-driven
                dApost/dt = -Apost/taupost : event-driven
                """)
            .WithParameter("taupre", Tau).WithParameter("taupost", Tau).WithParameter("wmax", Wmax)
            .WithParameter("dApre", DApre).WithParameter("dApost", DApost)
            .OnPre($"Apre {op} dApre; w = clip(w + Apost, 0, wmax)")
            .OnPost($"Apost {op} dApost; w = clip(w + Apre, 0, wmax)");
    }

    /// <summary>Pair STDP on clock-driven neuron-level traces (decayed every step instead of when read).</summary>
    private static SynapseModel ClockDrivenStdp() => new SynapseModel("clock-driven STDP", """
            dApre/dt = -Apre/taupre : presynaptic
            dApost/dt = -Apost/taupost : postsynaptic
            """)
        .WithParameter("taupre", Tau).WithParameter("taupost", Tau).WithParameter("wmax", Wmax)
        .WithParameter("dApre", DApre).WithParameter("dApost", DApost)
        .OnPre("w = clip(w + Apost, 0, wmax)").OnPreSpike("Apre += dApre")
        .OnPost("w = clip(w + Apre, 0, wmax)").OnPostSpike("Apost += dApost");

    /// <summary>Poisson inputs onto Poisson "cells" (no feedback from the weights onto the spikes, so every variant sees the
    /// same spike trains), all-to-all with a fixed probability and one delay.</summary>
    private Network Net(SynapseModel model, Precision precision, out Projection synapses, Placement input = Placement.Auto, Placement cells = Placement.Auto)
    {
        var net = new Network(dt: Dt, precision: precision, seed: 11) { Backend = Backend };
        var pre = net.AddPoisson("pre", 120, 40 * Hz);
        var post = net.AddPoisson("post", 15, 30 * Hz);
        (pre.Placement, post.Placement) = (input, cells);
        synapses = net.Connect(pre, post, model, Connectivity.FixedProbability(0.5), weight: $"rand()*{Wmax}", delay: 1.5 * ms);
        return net;
    }

    private static SynapseModel NeuronLevel(StdpPairing pairing) =>
        PairStdp.Synapse(null, Wmax, dApre: DApre, dApost: DApost, taupre: Tau, taupost: Tau, pairing: pairing);

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance, $"{what} {k}: {expected[k]:R} vs {actual[k]:R}");
    }

    [SkippableTheory]
    [InlineData(StdpPairing.AllToAll)]
    [InlineData(StdpPairing.Nearest)]
    public void Neuron_level_traces_learn_the_weights_of_per_synapse_traces_to_rounding(StdpPairing pairing)
    {
        var reference = Net(PerSynapseStdp(pairing == StdpPairing.Nearest), Precision.Double, out var perSynapse);
        var net = Net(NeuronLevel(pairing), Precision.Double, out var perNeuron);
        var start = perNeuron.Get("w").Values;
        reference.Run(2 * second);
        net.Run(2 * second);

        var expected = perSynapse.Get("w");
        var actual = perNeuron.Get("w");
        Assert.Equal(expected.Pre, actual.Pre);
        Assert.Equal(expected.Post, actual.Post);
        Assert.True(actual.Values.Count(w => w == 0 || w == Wmax) > 10, "hardly a weight reached a bound: the rule did not act");
        Assert.True(actual.Values.Zip(start).Count(p => p.First != p.Second) > actual.Values.Length / 2, "most weights never changed");
        // The traces are decayed along different chains of exponentials (per synapse from each synapse's last event, per
        // neuron from that neuron's last spike), so they agree to rounding, not bitwise.
        AssertClose(expected.Values, actual.Values, 1e-13 * Wmax, "weight");
    }

    [SkippableFact]
    public void Neuron_level_traces_in_single_precision_follow_the_double_precision_weights()
    {
        var reference = Net(NeuronLevel(StdpPairing.AllToAll), Precision.Double, out var inDouble);
        var net = Net(NeuronLevel(StdpPairing.AllToAll), Precision.Single, out var inSingle);
        reference.Run(1 * second);
        net.Run(1 * second);
        // Initial weights are drawn in each precision, so a few float roundings apart; the rule adds float rounding per event.
        AssertClose(inDouble.Get("w").Values, inSingle.Get("w").Values, 1e-5 * Wmax, "weight");
    }

    [SkippableFact]
    public void A_trace_is_the_sum_of_its_neurons_spikes_decayed_since_they_arrived()
    {
        // Presynaptic neuron 0 spikes at 10, 12 and 30 ms, neuron 1 never; postsynaptic neuron 0 at 20 ms. Apre changes when
        // the spike arrives (2 ms later), once per neuron however many synapses it has.
        var net = new Network(dt: Dt, precision: Precision.Double) { Backend = Backend };
        var pre = net.AddSpikeSource("pre", 2, [(0, 10 * ms), (0, 12 * ms), (0, 30 * ms)]);
        var post = net.AddSpikeSource("post", 3, [(0, 20 * ms)]);
        var synapses = net.Connect(pre, post, NeuronLevel(StdpPairing.AllToAll), Connectivity.AllToAll(), weight: Wmax / 2, delay: 2 * ms);
        net.Run(50 * ms);

        double now = 500 * Dt;
        var (preNeurons, none, apre) = synapses.Get("Apre");
        Assert.Equal([0, 1], preNeurons);
        Assert.Empty(none);
        double expectedPre = new[] { 12, 14, 32 }.Sum(t => DApre * Math.Exp(-(now - t * ms) / Tau));
        Assert.Equal(expectedPre, apre[0], 1e-17);
        Assert.Equal(0, apre[1]);
        var (_, postNeurons, apost) = synapses.Get("Apost");
        Assert.Equal([0, 1, 2], postNeurons);
        Assert.Equal(DApost * Math.Exp(-(now - 20 * ms) / Tau), apost[0], 1e-17);
        Assert.Equal([0.0, 0.0], apost[1..]);
    }

    [SkippableFact]
    public void Traces_are_monitored_and_recorded_once_per_neuron()
    {
        // Presynaptic neuron 0 spikes at 10 ms (arriving at 12 ms): a monitor of Apre sampled every 10 ms sees nothing at
        // the end of step 0 and the decayed trace of neuron 0 at the end of step 200 (20.1 ms); the recording holds the same.
        var net = new Network(dt: Dt, precision: Precision.Double) { Backend = Backend };
        var pre = net.AddSpikeSource("pre", 2, [(0, 10 * ms)]);
        var post = net.AddSpikeSource("post", 3, [(1, 15 * ms)]);
        var synapses = net.Connect(pre, post, NeuronLevel(StdpPairing.AllToAll), Connectivity.AllToAll(), weight: Wmax / 2, delay: 2 * ms);
        var apre = net.MonitorWeights(synapses, every: 100, variable: "Apre");
        var apost = net.MonitorWeights(synapses, every: 100, variable: "Apost");
        string path = Path.Combine(Path.GetTempPath(), $"dendra-traces-{Guid.NewGuid():N}.dnr");
        try
        {
            using (net.RecordTo(path, new RecordingSelection().WithWeights(synapses, "Apost", every: 100))) net.Run(30 * ms);

            Assert.Equal([0L, 100, 200], apre.Steps);
            Assert.Equal([0, 1], apre.Pre);
            Assert.Empty(apre.Post);
            Assert.Equal([0.0, 0.0], apre.Sample(0));
            Assert.Equal(DApre * Math.Exp(-(201 * Dt - 12 * ms) / Tau), apre.Sample(2)[0], 1e-17);
            Assert.Equal(0, apre.Sample(2)[1]);
            Assert.Equal([0, 1, 2], apost.Post);
            Assert.Equal(DApost * Math.Exp(-(201 * Dt - 15 * ms) / Tau), apost.Sample(2)[1], 1e-17);

            using var recording = RecordingReader.Open(path);
            var recorded = recording.ReadWeights(synapses.Name, "Apost");
            Assert.Equal([0L, 100, 200], recorded.Select(r => r.Step));
            Assert.Equal(apost.Sample(2), recorded[2].Values);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public void Clock_driven_traces_learn_the_weights_of_event_driven_traces_to_rounding()
    {
        var reference = Net(NeuronLevel(StdpPairing.AllToAll), Precision.Double, out var eventDriven);
        var net = Net(ClockDrivenStdp(), Precision.Double, out var clockDriven);
        reference.Run(1 * second);
        net.Run(1 * second);
        AssertClose(eventDriven.Get("w").Values, clockDriven.Get("w").Values, 1e-12 * Wmax, "weight");
        AssertClose(eventDriven.Get("Apre").Values, clockDriven.Get("Apre").Values, 1e-12 * DApre, "Apre");
        AssertClose(eventDriven.Get("Apost").Values, clockDriven.Get("Apost").Values, 1e-12 * DApre, "Apost");
    }

    [SkippableTheory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void A_checkpoint_round_trip_of_neuron_level_traces_is_bitwise(Precision precision)
    {
        foreach (var model in new[] { NeuronLevel(StdpPairing.AllToAll), ClockDrivenStdp() })
        {
            var straight = Net(model, precision, out var straightSynapses);
            straight.Run(1 * second);

            var first = Net(model, precision, out _);
            first.Run(0.5 * second);
            string path = Path.Combine(Path.GetTempPath(), $"dendra-traces-{Guid.NewGuid():N}.ckpt");
            try
            {
                first.SaveCheckpoint(path);
                var resumed = Net(model, precision, out var resumedSynapses);
                resumed.LoadCheckpoint(path);
                resumed.Run(0.5 * second);
                foreach (var variable in new[] { "w", "Apre", "Apost" })
                    Assert.Equal(straightSynapses.Get(variable).Values, resumedSynapses.Get(variable).Values);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [SkippableFact]
    public void Bad_declarations_name_the_variable_or_equation()
    {
        string Refusal(SynapseModel model)
        {
            var net = new Network(dt: Dt) { Backend = Backend };
            var pre = net.AddPoisson("pre", 2, 10 * Hz);
            var post = net.AddPoisson("post", 2, 10 * Hz);
            net.Connect(pre, post, model, Connectivity.AllToAll(), weight: 0, delay: 1 * ms);
            return Assert.Throws<ModelException>(() => net.Run(1 * ms)).Message;
        }
        SynapseModel Traces() => new SynapseModel("traces", """
            dApre/dt = -Apre/(20*ms) : presynaptic, event-driven
            dApost/dt = -Apost/(20*ms) : postsynaptic, event-driven
            """);

        var message = Refusal(Traces().OnPre("Apre += 1"));
        Assert.Contains("'Apre' is a presynaptic variable", message);
        Assert.Contains("OnPreSpike", message);
        message = Refusal(Traces().OnPost("Apost += 1; w += Apre"));
        Assert.Contains("'Apost' is a postsynaptic variable", message);
        Assert.Contains("OnPostSpike", message);
        message = Refusal(Traces().OnPreSpike("w += 1"));
        Assert.Contains("'w' is stored per synapse", message);
        message = Refusal(Traces().OnPostSpike("Apost += Apre"));
        Assert.Contains("'Apre' is a presynaptic variable", message);
        Assert.Contains("Apost += Apre", message);
        message = Refusal(new SynapseModel("reads w", "dApre/dt = (w - Apre)/(20*ms) : presynaptic").OnPreSpike("Apre += 1"));
        Assert.Contains("'w' is stored per synapse", message);
        Assert.Contains("dApre/dt = (w - Apre)/(20*ms)", message);
        message = Refusal(new SynapseModel("nonlinear", "dApre/dt = -Apre*Apre/(20*ms) : presynaptic, event-driven").OnPreSpike("Apre += 1"));
        Assert.Contains("linear", message);
        Assert.Contains("dApre/dt = -Apre*Apre/(20*ms)", message);

        message = Assert.Throws<ModelException>(() => new SynapseModel("both", "dx/dt = -x/(1*ms) : presynaptic, postsynaptic")).Message;
        Assert.Contains("not both", message);
        Assert.Contains("dx/dt = -x/(1*ms)", message);
        message = Assert.Throws<ModelException>(() => new SynapseModel("sub", "x = 2*w : presynaptic")).Message;
        Assert.Contains("only differential equations can be presynaptic", message);
        var neuron = new NeuronModel("flagged", "dv/dt = -v/(10*ms) : postsynaptic").WithThreshold("v > 1").WithReset("v = 0");
        var net = new Network(dt: Dt) { Backend = Backend };
        net.AddPopulation("cells", 2, neuron);
        message = Assert.Throws<ModelException>(() => net.Run(1 * ms)).Message;
        Assert.Contains("only a synapse model stores variables per presynaptic or postsynaptic neuron", message);
        Assert.Contains("dv/dt = -v/(10*ms)", message);
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : NeuronLevelTraceTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : NeuronLevelTraceTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;

        [SkippableTheory]
        [InlineData(Precision.Double)]
        [InlineData(Precision.Single)]
        public void OpenCl_learns_the_cpu_weights_and_traces(Precision precision)
        {
            var cpu = Net(NeuronLevel(StdpPairing.AllToAll), precision, out var onCpu);
            cpu.Backend = Backend.Cpu;
            var device = Net(NeuronLevel(StdpPairing.AllToAll), precision, out var onDevice);
            cpu.Run(1 * second);
            device.Run(1 * second);
            // The device's exp() may differ from .NET's in the last bit.
            double relative = precision == Precision.Double ? 1e-12 : 1e-5;
            AssertClose(onCpu.Get("w").Values, onDevice.Get("w").Values, relative * Wmax, "weight");
            AssertClose(onCpu.Get("Apre").Values, onDevice.Get("Apre").Values, relative * DApre, "Apre");
            AssertClose(onCpu.Get("Apost").Values, onDevice.Get("Apost").Values, relative * DApre, "Apost");
        }

        [SkippableTheory]
        [InlineData(Placement.Cpu, Placement.OpenCl)]
        [InlineData(Placement.OpenCl, Placement.Cpu)]
        public void Neuron_level_traces_across_the_placement_boundary_learn_the_cpu_weights(Placement input, Placement cells)
        {
            var cpu = Net(NeuronLevel(StdpPairing.AllToAll), Precision.Double, out var onCpu);
            cpu.Backend = Backend.Cpu;
            var hybrid = Net(NeuronLevel(StdpPairing.AllToAll), Precision.Double, out var split, input, cells);
            hybrid.Backend = Backend.Cpu; // the placements decide: one population on each side
            cpu.Run(1 * second);
            hybrid.Run(1 * second);
            foreach (var (variable, scale) in new[] { ("w", Wmax), ("Apre", DApre), ("Apost", DApre) })
            {
                var expected = onCpu.Get(variable).Values;
                var actual = split.Get(variable).Values;
                // Synapses run with their target: on the CPU they are fed the device's spikes and must match bitwise.
                if (cells == Placement.Cpu) Assert.Equal(expected, actual);
                else AssertClose(expected, actual, 1e-12 * scale, variable);
            }
        }
    }
}

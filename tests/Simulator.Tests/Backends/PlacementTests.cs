using Dendra.Neurons;
using Dendra.Plasticity;
using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// Networks placed partly on OpenCL and partly on the CPU against the same networks on the CPU alone: in float64 the
/// same spikes step by step, the same monitor samples and the same state and weights afterwards, whichever side each
/// population is on; and clear refusals for what cannot cross between backends.
/// </summary>
public class PlacementTests
{
    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public PlacementTests() => OpenClDriver.Require();

    /// <summary>The CUBA benchmark with its excitatory and inhibitory cells as two populations.</summary>
    private static Network Cuba(Placement excitatory, Placement inhibitory, Precision precision = Precision.Double, int n = 4000)
    {
        var net = new Network(0.1 * ms, precision, seed: 5) { Threads = 2 };
        var e = net.AddPopulation("exc", n * 4 / 5, Lif.Cuba());
        var i = net.AddPopulation("inh", n / 5, Lif.Cuba());
        e.Placement = excitatory;
        i.Placement = inhibitory;
        foreach (var target in new[] { e, i })
        {
            net.Connect(e, target, "ge", Connectivity.FixedProbability(0.02), Lif.CubaWeightE);
            net.Connect(i, target, "gi", Connectivity.FixedProbability(0.02), Lif.CubaWeightI);
        }
        net.MonitorSpikes(e);
        net.MonitorSpikes(i);
        net.MonitorState(e, "v", [0, 7, e.Size - 1], every: 3);
        net.MonitorState(i, "v", [1, i.Size - 1]);
        net.MonitorRate(e);
        net.MonitorRate(i);
        return net;
    }

    /// <summary>Izhikevich cells driven one-to-one by Poisson sources, coupled with random weights and heterogeneous delays.</summary>
    private static Network Izhikevich(Placement excitatory, Placement inhibitory, Placement drive)
    {
        var net = new Network(0.1 * ms, Precision.Double, seed: 3) { Threads = 2 };
        const int n = 2000, ne = 1600;
        var e = net.AddPopulation("E", ne, Dendra.Neurons.Izhikevich.Create(IzhikevichType.RS));
        var i = net.AddPopulation("I", n - ne, Dendra.Neurons.Izhikevich.Create(IzhikevichType.FS));
        var thalamus = net.AddPoisson("thalamus", n, 100 * Hz);
        (e.Placement, i.Placement, thalamus.Placement) = (excitatory, inhibitory, drive);
        net.Connect(thalamus.Slice(0, ne), e, "v", Connectivity.OneToOne(), 8 * mV);
        net.Connect(thalamus.Slice(ne, n - ne), i, "v", Connectivity.OneToOne(), 8 * mV);
        foreach (var target in new[] { e, i })
        {
            net.Connect(e, target, "v", Connectivity.FixedProbability(0.05), "0.5*mV*rand()", "rand()*2*ms");
            net.Connect(i, target, "v", Connectivity.FixedProbability(0.05), "-1*mV*rand()", "rand()*2*ms");
        }
        net.MonitorSpikes(e);
        net.MonitorSpikes(i);
        return net;
    }

    private static void AssertSameRun(Network expected, Network actual)
    {
        for (int m = 0; m < expected.SpikeMonitors.Count; m++)
        {
            var (a, b) = (expected.SpikeMonitors[m], actual.SpikeMonitors[m]);
            Assert.True(a.Count > 50, $"{a.Population.Name}: only {a.Count} spikes, too few to compare");
            Assert.Equal(a.Steps, b.Steps);
            Assert.Equal(a.Neurons, b.Neurons);
        }
        for (int m = 0; m < expected.StateMonitors.Count; m++)
        {
            var (a, b) = (expected.StateMonitors[m], actual.StateMonitors[m]);
            Assert.True(a.Count > 0);
            Assert.Equal(a.Steps, b.Steps);
            for (int k = 0; k < a.Count; k++) Assert.Equal(a.Sample(k), b.Sample(k));
        }
        for (int m = 0; m < expected.RateMonitors.Count; m++)
            Assert.Equal(expected.RateMonitors[m].Rates, actual.RateMonitors[m].Rates);
        foreach (var p in expected.Populations)
        {
            var q = actual.Populations[p.Index];
            Assert.Equal(p.SpikeCount, q.SpikeCount);
            foreach (var variable in p.Model.StateVariables) Assert.Equal(p.Get(variable), q.Get(variable));
        }
    }

    [SkippableTheory]
    [InlineData(Placement.OpenCl, Placement.Cpu)]
    [InlineData(Placement.Cpu, Placement.OpenCl)]
    public void Float64_cuba_split_between_opencl_and_cpu_gives_the_cpu_spikes_samples_and_state(Placement excitatory, Placement inhibitory)
    {
        var cpu = Cuba(Placement.Cpu, Placement.Cpu);
        var hybrid = Cuba(excitatory, inhibitory);
        cpu.Run(1500 * cpu.Dt);
        hybrid.Run(1500 * hybrid.Dt);

        var onDevice = excitatory == Placement.OpenCl ? "exc" : "inh";
        Assert.Equal($"cpu + opencl ({onDevice} on {OpenClDevices.Select(null)})", hybrid.BackendDescription);
        Assert.Equal(1500, hybrid.Step);
        AssertSameRun(cpu, hybrid);
    }

    [SkippableFact]
    public void Float32_split_cuba_spike_counts_per_neuron_agree_with_the_cpu_within_one_percent_over_one_second()
    {
        var cpu = Cuba(Placement.Cpu, Placement.Cpu, Precision.Single, 2000);
        var hybrid = Cuba(Placement.Cpu, Placement.OpenCl, Precision.Single, 2000);
        cpu.Run(1 * second);
        hybrid.Run(1 * second);
        for (int m = 0; m < cpu.SpikeMonitors.Count; m++)
        {
            var expected = cpu.SpikeMonitors[m].CountsPerNeuron();
            var actual = hybrid.SpikeMonitors[m].CountsPerNeuron();
            long total = expected.Sum();
            long differences = expected.Zip(actual, (a, b) => (long)Math.Abs(a - b)).Sum();
            Assert.True(total > 1000, $"only {total} spikes in 1 s");
            Assert.True(differences <= total / 100, $"per-neuron spike counts differ by {differences} of {total} spikes (more than 1%)");
        }
    }

    [SkippableFact]
    public void Runs_continue_where_they_stopped_and_report_progress_across_the_boundary()
    {
        var cpu = Cuba(Placement.Cpu, Placement.Cpu);
        var hybrid = Cuba(Placement.OpenCl, Placement.Cpu);
        cpu.Run(700 * cpu.Dt);
        var reports = new List<RunProgress>();
        foreach (var steps in new[] { 1, 299, 400 }) hybrid.Run(steps * hybrid.Dt, reports.Add);
        AssertSameRun(cpu, hybrid);
        Assert.Equal(700 * hybrid.Dt, reports[^1].Time, 12);
        Assert.Equal(cpu.Populations.Sum(p => p.SpikeCount), reports.Where(r => r.StepsDone == r.StepsTotal).Sum(r => r.Spikes));
    }

    [SkippableTheory]
    [InlineData(Placement.OpenCl, Placement.OpenCl, Placement.Cpu)]
    [InlineData(Placement.OpenCl, Placement.Cpu, Placement.Cpu)]
    [InlineData(Placement.Cpu, Placement.OpenCl, Placement.OpenCl)]
    public void Float64_poisson_driven_network_with_heterogeneous_delays_matches_the_cpu(Placement excitatory, Placement inhibitory, Placement drive)
    {
        var cpu = Izhikevich(Placement.Cpu, Placement.Cpu, Placement.Cpu);
        var hybrid = Izhikevich(excitatory, inhibitory, drive);
        cpu.Run(1000 * cpu.Dt);
        hybrid.Run(1000 * hybrid.Dt);
        Assert.StartsWith("cpu + opencl (", hybrid.BackendDescription);
        AssertSameRun(cpu, hybrid);
    }

    private static (Network Net, Projection Synapses) Stdp(Placement input, Placement neurons)
    {
        const double wmax = 0.01;
        var lif = new NeuronModel("LIF", """
            dv/dt = (ge*(Ee - v) + El - v)/taum
            dge/dt = -ge/taue
            """)
            .WithParameter("taum", 10 * ms).WithParameter("taue", 5 * ms).WithParameter("Ee", 0)
            .WithParameter("El", -74 * mV).WithParameter("vt", -54 * mV).WithParameter("vr", -60 * mV)
            .WithThreshold("v > vt").WithReset("v = vr").WithInitial("v", -60 * mV);
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double, seed: 7);
        var source = net.AddPoisson("input", 300, 50 * Hz);
        var target = net.AddPopulation("neurons", 20, lif);
        (source.Placement, target.Placement) = (input, neurons);
        var synapses = net.Connect(source, target, PairStdp.Synapse("ge", wmax, dApre: 0.5 * wmax), Connectivity.FixedProbability(0.8),
            weight: $"rand()*{wmax}", delay: "rand()*2*ms");
        net.MonitorSpikes(target);
        return (net, synapses);
    }

    [SkippableTheory]
    [InlineData(Placement.Cpu, Placement.OpenCl)]
    [InlineData(Placement.OpenCl, Placement.Cpu)]
    public void Stdp_across_the_boundary_learns_the_cpu_weights(Placement input, Placement neurons)
    {
        var (cpu, cpuSynapses) = Stdp(Placement.Cpu, Placement.Cpu);
        var (hybrid, hybridSynapses) = Stdp(input, neurons);
        cpu.Run(300 * ms);
        hybrid.Run(300 * ms);

        Assert.True(cpu.SpikeMonitors[0].Count > 50, $"only {cpu.SpikeMonitors[0].Count} spikes");
        Assert.Equal(cpu.SpikeMonitors[0].Steps, hybrid.SpikeMonitors[0].Steps);
        Assert.Equal(cpu.SpikeMonitors[0].Neurons, hybrid.SpikeMonitors[0].Neurons);
        var expected = cpuSynapses.Get("w");
        var actual = hybridSynapses.Get("w");
        Assert.True(expected.Values.Count(w => w == 0 || w == 0.01) > 0, "no weight reached a bound: the rule did not act");
        Assert.Equal(expected.Pre, actual.Pre);
        Assert.Equal(expected.Post, actual.Post);
        if (neurons == Placement.Cpu)
        {
            Assert.Equal(expected.Values, actual.Values); // the synapses run on the CPU, fed the device's input spikes
            return;
        }
        // On the device the traces decay with OpenCL's exp(), which may differ from .NET's in the last bit (as with the whole network on OpenCL).
        for (int k = 0; k < expected.Values.Length; k++)
            Assert.True(Math.Abs(expected.Values[k] - actual.Values[k]) <= 1e-5 * Math.Max(Math.Abs(expected.Values[k]), 1e-12),
                $"weight {k}: CPU {expected.Values[k]:R}, cpu + opencl {actual.Values[k]:R}");
    }

    [SkippableFact]
    public void Auto_offloads_only_the_large_populations_and_pinned_placements_win()
    {
        var net = new Network(0.1 * ms) { Backend = Backend.Auto };
        var big = net.AddPoisson("big", Network.AutoOpenClSize, 1 * Hz);
        var small = net.AddPopulation("small", 10, Lif.Cuba());
        var pinned = net.AddPopulation("pinned", 10, Lif.Cuba());
        pinned.Placement = Placement.OpenCl;
        net.Connect(big, small, "ge", Connectivity.FixedProbability(0.001), 0.1 * mV);
        net.Build();
        Assert.Equal($"cpu + opencl (big, pinned on {OpenClDevices.Select(null)})", net.BackendDescription);

        var cpu = new Network(0.1 * ms) { Backend = Backend.OpenCl };
        cpu.AddPoisson("p", 10, 1 * Hz).Placement = Placement.Cpu;
        cpu.Build();
        Assert.Equal("cpu", cpu.BackendDescription);

        var e = Assert.Throws<InvalidOperationException>(() => big.Placement = Placement.Cpu);
        Assert.Contains("set placements before the first Run or Build", e.Message);
    }

    [SkippableFact]
    public void Auto_with_a_device_choice_that_matches_no_device_is_an_error_not_a_fallback()
    {
        // The fallback to the CPU is for machines without OpenCL; a mistyped device on a machine with devices must say so.
        var net = new Network(0.1 * ms) { Backend = Backend.Auto, Device = "no-such-device" };
        net.AddPoisson("big", Network.AutoOpenClSize, 1 * Hz);
        var e = Assert.Throws<OpenClException>(() => net.Build());
        Assert.Contains("no OpenCL device matches 'no-such-device'", e.Message, StringComparison.Ordinal);
        Assert.Contains(OpenClDevices.List()[0].Name, e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void What_cannot_cross_between_backends_is_refused_with_what_to_change()
    {
        var rate = new NeuronModel("Rate", "dr/dt = (h - r)/tau_r").WithParameter("tau_r", 2 * ms).WithInput("h");
        var net = new Network(0.5 * ms, Precision.Double);
        var input = net.AddPopulation("input", 4, rate);
        var neurons = net.AddPopulation("neurons", 3, Bcm.WithSlidingThreshold(rate, "r", tauTheta: 100 * ms));
        neurons.Placement = Placement.OpenCl;
        net.Connect(input, neurons, Bcm.Synapse("r", eta: 5, wmin: 0, target: "h"), Connectivity.AllToAll(), weight: 0.3);
        var e = Assert.Throws<NotSupportedException>(net.Build);
        Assert.Contains("projection 'input→neurons' (BCM) reads 'r_pre' of population 'input' on the CPU", e.Message);
        Assert.Contains("population 'neurons' on OpenCL; only spikes cross between backends", e.Message);

        var rates = new Network(0.5 * ms, Precision.Double);
        var a = rates.AddPopulation("a", 4, rate);
        var b = rates.AddPopulation("b", 3, rate);
        b.Placement = Placement.OpenCl;
        rates.ConnectRate(a, b, "r", "h", new double[3, 4]);
        e = Assert.Throws<NotSupportedException>(rates.Build);
        Assert.Contains("rate projection 'a⇒b' reads population 'a' on the CPU into population 'b' on OpenCL", e.Message);
    }

}

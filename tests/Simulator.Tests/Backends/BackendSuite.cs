using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// Tests written once and run on every backend (one subclass per backend): spike-time and Poisson sources, delays,
/// current injection, refractoriness and a user-defined model written only as equations, each against an analytic
/// answer rather than against the other backend.
/// </summary>
public abstract class BackendSuite
{
    /// <summary>The backend the tests run on.</summary>
    protected abstract Backend Backend { get; }

    private Network NewNetwork(Precision precision = Precision.Double, ulong seed = 1) =>
        new(0.1 * ms, precision, seed) { Backend = Backend };

    /// <summary>Where each population runs: as the network's backend says, unless a variant places them itself.</summary>
    protected virtual void Place(Network net) { }

    private void Run(Network net, double duration)
    {
        Place(net);
        net.Run(duration);
    }

    // A user-defined leaky variable: nothing but an equation, integrated exactly.
    private static NeuronModel Leaky() => new NeuronModel("Leaky", "dv/dt = (I - v)/tau")
        .WithParameter("tau", 10 * ms, "s", "time constant").WithInput("I");

    [SkippableFact]
    public void A_delayed_spike_arrives_after_its_delay_and_then_decays_exactly()
    {
        var net = NewNetwork();
        var source = net.AddSpikeSource("in", 1, [(0, 1 * ms)]);
        var cell = net.AddPopulation("cell", 1, Leaky());
        net.Connect(source, cell, "v", Connectivity.OneToOne(), 2.0, delay: 0.5 * ms);
        var v = net.MonitorState(cell, "v", [0]);
        Run(net, 5 * ms);

        long arrival = 10 + 5; // spike at step 10, five steps of delay
        for (int k = 0; k < v.Count; k++)
        {
            long step = v.Steps[k];
            double expected = step < arrival ? 0 : 2.0 * Math.Exp(-(step - arrival) * 0.1 * ms / (10 * ms));
            Assert.Equal(expected, v.Trace(0)[k], 1e-12);
        }
    }

    [SkippableFact]
    public void An_injected_constant_current_charges_the_variable_exponentially()
    {
        var net = NewNetwork();
        var cell = net.AddPopulation("cell", 3, Leaky());
        net.Inject(cell.Slice(1, 2), "I", CurrentSource.Constant(1.5));
        var v = net.MonitorState(cell, "v", [0, 1, 2]);
        Run(net, 20 * ms);
        for (int k = 0; k < v.Count; k++)
        {
            double t = v.Times[k];
            Assert.Equal(0, v.Sample(k)[0]);
            Assert.Equal(1.5 * (1 - Math.Exp(-t / (10 * ms))), v.Sample(k)[1], 1e-12);
            Assert.Equal(v.Sample(k)[1], v.Sample(k)[2]);
        }
    }

    [SkippableFact]
    public void A_population_mean_couples_every_neuron_to_the_average()
    {
        // dv/dt = (mean(v) - v)/tau with Euler: the mean is conserved, every v relaxes to it as exp(-t/tau).
        var net = NewNetwork();
        var model = new NeuronModel("Coupled", "dv/dt = (mean(v) - v)/tau").WithParameter("tau", 10 * ms).WithMethod(Integrator.Euler);
        int n = 5000; // more than one 4096-element piece of the sum
        var cells = net.AddPopulation("cells", n, model).Initialize("v", "i/N");
        Run(net, 10 * ms);
        var v = cells.Get("v");
        double mean0 = (n - 1) / 2.0 / n, decay = Math.Pow(1 - 0.1 / 10, 100);
        Assert.Equal(mean0, v.Average(), 1e-12);
        for (int i = 0; i < n; i += 499) Assert.Equal(mean0 + (i / (double)n - mean0) * decay, v[i], 1e-9);
    }

    [SkippableFact]
    public void Poisson_sources_fire_at_their_rate()
    {
        var net = NewNetwork(Precision.Single, seed: 5);
        var poisson = net.AddPoisson("p", 2000, 50 * Hz);
        var spikes = net.MonitorSpikes(poisson);
        Run(net, 1 * second);
        // 100 000 expected spikes: five standard deviations are about 1600.
        Assert.InRange(spikes.Count, 100_000 - 1600, 100_000 + 1600);
    }

    [SkippableFact]
    public void A_refractory_neuron_driven_hard_fires_once_per_refractory_period()
    {
        var net = NewNetwork();
        var model = new NeuronModel("Driven", "dv/dt = 1/ms : unless refractory")
            .WithThreshold("v > 0.5").WithReset("v = 0").WithRefractory(2 * ms);
        var cell = net.AddPopulation("cell", 4, model);
        var spikes = net.MonitorSpikes(cell);
        Run(net, 30 * ms);
        // v crosses 0.5 in its 6th update. After a spike at step s the first step out of the refractory period is
        // s + 20, whose update is the first of the next 6: a spike every 25 steps.
        var times = spikes.TimesOf(0);
        Assert.True(times.Length >= 2);
        for (int k = 1; k < times.Length; k++) Assert.Equal(25 * 0.1 * ms, times[k] - times[k - 1], 1e-12);
        Assert.Equal(spikes.CountsPerNeuron(), Enumerable.Repeat(times.Length, 4).ToArray());
    }

    // Each presynaptic spike moves its synapse's weight by a known amount: a weight that changes during the run.
    private Network Learning(out Projection projection, double duration)
    {
        var net = NewNetwork();
        var source = net.AddPoisson("in", 20, 200.0);
        var cell = net.AddPopulation("cell", 5, Leaky());
        var synapse = new SynapseModel("Growing").OnPre("v += w\nw = w + 0.001");
        projection = net.Connect(source, cell, synapse, Connectivity.AllToAll(), weight: "0.01*j");
        Place(net);
        if (duration > 0) net.Run(duration);
        return net;
    }

    [SkippableFact]
    public void A_weight_monitor_samples_every_synapse_at_the_end_of_its_steps_as_a_read_then_would()
    {
        var net = Learning(out var projection, 0);
        var monitor = net.MonitorWeights(projection, every: 50);
        net.Run(20 * ms);

        Assert.Equal([0L, 50, 100, 150], monitor.Steps);
        Assert.Equal(100, monitor.Sample(3).Count);
        Assert.NotEqual(monitor.Sample(0), monitor.Sample(3)); // the weights did change between samples
        // The same network run to the end of each sampled step and read there gives the very same weights.
        foreach (int k in new[] { 1, 3 })
        {
            var reference = Learning(out var again, (monitor.Steps[k] + 1) * 0.1 * ms);
            var (pre, post, values) = again.Get("w");
            Assert.Equal(values, monitor.Sample(k));
            Assert.Equal(pre, monitor.Pre);
            Assert.Equal(post, monitor.Post);
            Assert.Equal(monitor.Steps[k] + 1, reference.Step);
        }
    }

    [SkippableFact]
    public void Sampling_the_weights_leaves_the_run_unchanged()
    {
        var watched = Learning(out var projection, 0);
        var spikes = watched.MonitorSpikes(watched.Populations[0]);
        watched.MonitorWeights(projection, 7 * 0.1 * ms);
        watched.Run(20 * ms);
        var alone = Learning(out var unwatched, 20 * ms);

        Assert.Equal(7, watched.WeightMonitors[0].Every);
        Assert.Equal(unwatched.Get("w").Values, projection.Get("w").Values);
        Assert.Equal(alone.Populations[0].SpikeCount, spikes.Count);
    }

    [SkippableFact]
    public void A_weight_monitor_names_a_variable_the_synapse_does_not_have()
    {
        var net = Learning(out var projection, 0);
        var e = Assert.Throws<ModelException>(() => net.MonitorWeights(projection, every: 10, variable: "u"));
        Assert.Contains("no synaptic variable 'u'", e.Message);
    }
}

/// <summary>The shared suite on the CPU backend.</summary>
public sealed class CpuBackendSuite : BackendSuite
{
    /// <inheritdoc />
    protected override Backend Backend => Backend.Cpu;
}

/// <summary>The shared suite on the OpenCL backend (PoCL in CI).</summary>
public sealed class OpenClBackendSuite : BackendSuite
{
    /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
    public OpenClBackendSuite() => OpenClDriver.Require();

    /// <inheritdoc />
    protected override Backend Backend => Backend.OpenCl;
}

/// <summary>The shared suite split between the backends: spike sources on the CPU, every other population (and the
/// projections into it) on OpenCL, so spikes cross from one to the other every step.</summary>
public sealed class HybridBackendSuite : BackendSuite
{
    /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
    public HybridBackendSuite() => OpenClDriver.Require();

    /// <inheritdoc />
    protected override Backend Backend => Backend.Cpu;

    /// <inheritdoc />
    protected override void Place(Network net)
    {
        foreach (var p in net.Populations) p.Placement = p.Model.Name == "SpikeSource" ? Placement.Cpu : Placement.OpenCl;
    }
}

using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using Xunit.Abstractions;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Compilation;

/// <summary>
/// Twelve models that an audit found Dendra ran without a word and computed wrongly (issue 12), each checked against its
/// analytic answer on every backend. Each test prints the value it measured beside the right answer, so the probe's
/// result can be read in the test log (<c>dotnet test --logger "console;verbosity=detailed"</c>).
/// </summary>
public abstract class AuditedModelTests(ITestOutputHelper output)
{
    /// <summary>The backend the tests run on.</summary>
    protected abstract Backend Backend { get; }

    private Network NewNetwork(double dt = 0.1 * ms) => new(dt, Precision.Double, seed: 7) { Backend = Backend };

    /// <summary>Where each population runs: as the network's backend says, unless a variant places them itself.</summary>
    protected virtual void Place(Network net) { }

    private void Run(Network net, double duration)
    {
        Place(net);
        net.Run(duration);
    }

    private void Show(string what, double measured, double expected) =>
        output.WriteLine($"{GetType().Name}: {what} = {measured:R} (right answer {expected:R})");

    /// <summary>A neuron with one state variable that does nothing, as the target of synapse-only probes.</summary>
    private static NeuronModel Sink(params string[] variables)
    {
        var model = new NeuronModel("Sink", "");
        foreach (var v in variables) model = model.WithState(v, 0);
        return model;
    }

    [SkippableFact]
    public void Clock_driven_synapse_code_reads_an_event_driven_variable_as_it_is_now()
    {
        // One presynaptic spike at step 10 sets x = 1; x decays event-driven (tau 10 ms) and z integrates it every step.
        const double tau = 10 * ms, dt = 0.1 * ms;
        var net = NewNetwork(dt);
        var pre = net.AddSpikeSource("pre", 1, [(0, 10 * dt)]);
        var post = net.AddPopulation("post", 1, Sink("v"));
        var synapse = new SynapseModel("Trace", "dx/dt = -x/tau : event-driven\ndz/dt = x").WithParameter("tau", tau)
            .OnPre("x += 1");
        var projection = net.Connect(pre, post, synapse, Connectivity.AllToAll(), weight: 0);
        Run(net, 100 * ms); // steps 0..999; the spike's on-pre code runs at the end of step 10

        // z gains dt·x(now) at each step after the spike (x held over a step, like any other input): a geometric sum,
        // within dt/2τ of the continuous τ(1 − e^(−t/τ)).
        double expected = 0;
        for (int step = 11; step < 1000; step++) expected += dt * Math.Exp(-(step - 10) * dt / tau);
        double z = projection.Get("z").Values[0];
        Show("z(100 ms)", z, expected);
        Assert.Equal(expected, z, expected * 1e-9);
        Assert.Equal(tau * (1 - Math.Exp(-98.9 * ms / tau)), z, 0.01 * tau);
    }

    [SkippableFact]
    public void Exponential_euler_draws_each_rand_once_per_step()
    {
        // dv/dt = r (E − v)/τ with r = rand() held over the step: v(t+dt) = E + (v − E)·e^(−r dt/τ) never passes E, and
        // after n steps from v = 0, −ln(1 − v) = (dt/τ)·(r₁ + … + rₙ): mean n·0.5·dt/τ, variance n·(dt/τ)²/12.
        const double tau = 10 * ms, dt = 0.1 * ms;
        var net = NewNetwork(dt);
        var p = net.AddPopulation("noisy", 4000, new NeuronModel("Noisy", "dv/dt = rand()*(1 - v)/tau").WithParameter("tau", tau)
            .WithMethod(Integrator.ExponentialEuler));
        Run(net, 100 * dt);
        var v = p.Get("v");
        Assert.All(v, x => Assert.InRange(x, 0, 1));
        var decay = v.Select(x => -Math.Log(1 - x)).ToArray();
        double mean = decay.Average(), variance = decay.Select(d => (d - mean) * (d - mean)).Average();
        double expectedMean = 100 * 0.5 * dt / tau, expectedVariance = 100 * (dt / tau) * (dt / tau) / 12;
        Show("mean of −ln(1 − v) after 100 steps", mean, expectedMean);
        Show("its variance", variance, expectedVariance);
        Assert.Equal(expectedMean, mean, 0.002);              // 4.4 standard errors of a mean of 4000
        Assert.Equal(expectedVariance, variance, 8e-5);       // 4.2 standard errors of a variance of 4000
    }

    [SkippableTheory]
    [InlineData(Integrator.Euler)]
    [InlineData(Integrator.RK2)]
    [InlineData(Integrator.RK4)]
    [InlineData(Integrator.ExponentialEuler)]
    public void Every_integrator_holds_a_random_draw_over_the_step(Integrator method)
    {
        // dv/dt = rand()/ms: each step adds dt·r/ms with one draw r, whatever the integrator, so after 100 steps of
        // 0.1 ms v is 0.1·(sum of 100 uniforms): mean 5, variance 100·0.01/12 = 0.0833, and the same draws as Euler's.
        Network Build(Integrator m)
        {
            var net = NewNetwork();
            net.AddPopulation("noise", 4000, new NeuronModel("Noise", "dv/dt = rand()/ms").WithMethod(m));
            return net;
        }
        var euler = Build(Integrator.Euler);
        var other = Build(method);
        Run(euler, 100 * euler.Dt);
        Run(other, 100 * other.Dt);
        var v = other.Populations[0].Get("v");
        double mean = v.Average(), variance = v.Select(x => (x - mean) * (x - mean)).Average();
        Show($"variance of v under {method}", variance, 100 * 0.01 / 12);
        Assert.Equal(100 * 0.01 / 12, variance, 0.008); // the sample variance of 4000 values spreads by 0.0019
        var reference = euler.Populations[0].Get("v");
        for (int k = 0; k < v.Length; k++) Assert.Equal(reference[k], v[k], 1e-12);
    }

    [SkippableTheory]
    [InlineData(Integrator.Exact, 1e-9)]
    [InlineData(Integrator.RK4, 1e-5)]
    [InlineData(Integrator.RK2, 1e-2)] // second order: 40 steps of e^(−h) with h = 0.09 lose h³/6 each
    public void A_variable_held_while_refractory_stays_still_inside_the_step(Integrator method, double tolerance)
    {
        // dv/dt = (1 − v)/τm (unless refractory), dw/dt = (v − w)/τw, v0 = w0 = 0.6 > threshold 0.5: step 0 integrates both
        // freely, spikes and resets v to 0; for the next 49 steps v is held at 0 and w decays exactly as e^(−t/τw).
        const double taum = 1 * ms, tauw = 1.1 * ms, dt = 0.1 * ms;
        var net = NewNetwork(dt);
        var model = new NeuronModel("Held", "dv/dt = (1 - v)/taum : unless refractory\ndw/dt = (v - w)/tauw")
            .WithParameter("taum", taum).WithParameter("tauw", tauw)
            .WithThreshold("v > 0.5").WithReset("v = 0").WithRefractory(5 * ms)
            .WithInitial("v", 0.6).WithInitial("w", 0.6).WithMethod(method);
        // 64 identical neurons, so that the CPU's vector loop computes most of them and its scalar loop the rest.
        var p = net.AddPopulation("held", 64, model);
        var w = net.MonitorState(p, "w", [0, 63]);
        Run(net, 4 * ms);
        Assert.Equal(w.Trace(0), w.Trace(1));

        // Free solution over the first step: v = 1 − 0.4 e^(−t/τm), w = 1 + C e^(−t/τm) + (0.6 − 1 − C) e^(−t/τw).
        double c = -0.4 * taum / (taum - tauw);
        double wAfterFirstStep = 1 + c * Math.Exp(-dt / taum) + (0.6 - 1 - c) * Math.Exp(-dt / tauw);
        double expected = wAfterFirstStep * Math.Exp(-39 * dt / tauw); // w(4 ms): the sample after step 39
        double measured = w.Trace(0)[39];
        Show($"w(4 ms) under {method}", measured, expected);
        Assert.Equal(4 * ms, w.Times[39], 1e-12);
        Assert.Equal(expected, measured, expected * tolerance);
    }

    [SkippableFact]
    public void Stored_sub_expressions_follow_a_reset()
    {
        // v ramps by 0.1 per step and resets to 0 above 0.5; vv = v is stored (monitored, and read by synapses). A monitor,
        // and on-pre code reading vv_pre or v_pre, see the state the step leaves: the same value through either name.
        var net = NewNetwork();
        var model = new NeuronModel("Ramp", "dv/dt = 1/ms\nvv = v").WithThreshold("v > 0.5").WithReset("v = 0");
        var p = net.AddPopulation("ramp", 64, model); // enough neurons for the CPU's vector loop
        var post = net.AddPopulation("post", 1, Sink("x", "y"));
        net.Connect(p, post, new SynapseModel("Reads", "").OnPre("x_post += vv_pre; y_post += v_pre"), Connectivity.AllToAll(), weight: 0);
        var v = net.MonitorState(p, "v", [0, 63]);
        var vv = net.MonitorState(p, "vv", [0, 63]);
        Run(net, 20 * net.Dt);
        Assert.Equal(v.Trace(0), vv.Trace(0));
        Assert.Equal(v.Trace(1), vv.Trace(1));
        Assert.Contains(0.0, v.Trace(0));
        var x = post.Get("x")[0];
        Show("x (through vv_pre)", x, post.Get("y")[0]);
        Assert.Equal(post.Get("y")[0], x);
    }

    [SkippableFact]
    public void I_and_j_in_synapse_code_are_the_presynaptic_and_postsynaptic_neurons()
    {
        // All-to-all from 5 sources onto 4 neurons; only source 3 spikes. Its synapse onto neuron 2 is stored 15th, but
        // code sees i = 3 and j = 2, as initial values do. Summed code (every step) and clock-driven code see the same.
        var net = NewNetwork();
        var pre = net.AddSpikeSource("pre", 5, [(3, 0.5 * ms)]);
        var post = net.AddPopulation("post", 4, new NeuronModel("Sink", "").WithState("x", 0).WithState("y", 0).WithInput("s"));
        var synapse = new SynapseModel("Indices", "s_post = i + 10*j : summed\ndk/dt = (i + 10*j)/second")
            .OnPre("x_post += i; y_post += j");
        var projection = net.Connect(pre, post, synapse, Connectivity.AllToAll(), weight: 0);
        var s = net.MonitorState(post, "s", [0, 1, 2, 3]);
        Run(net, 10 * net.Dt);
        Show("x of neuron 2 (i of the spiking source)", post.Get("x")[2], 3);
        Assert.Equal([3, 3, 3, 3], post.Get("x"));
        Assert.Equal([0, 1, 2, 3], post.Get("y"));
        for (int j = 0; j < 4; j++) Assert.Equal(10 + 50 * j, s.Trace(j)[^1], 1e-12); // Σ_i (i + 10 j) over i = 0..4
        var (preOf, postOf, k) = projection.Get("k");
        for (int n = 0; n < k.Length; n++) Assert.Equal((preOf[n] + 10 * postOf[n]) * 10 * net.Dt, k[n], 1e-12);
    }

    [SkippableFact]
    public void I_and_j_in_synapse_code_count_from_the_start_of_the_projections_slices()
    {
        // Sources 2..4 onto neurons 1..3: source 3 is i = 1 of the slice, target 2 is j = 1, as in initial values.
        var net = NewNetwork();
        var pre = net.AddSpikeSource("pre", 5, [(3, 0.5 * ms)]);
        var post = net.AddPopulation("post", 4, Sink("x", "y"));
        net.Connect(pre.Slice(2, 3), post.Slice(1, 3), new SynapseModel("Indices", "").OnPre("x_post += i; y_post += j"),
            Connectivity.AllToAll(), weight: 0);
        Run(net, 10 * net.Dt);
        Assert.Equal([0, 1, 1, 1], post.Get("x"));
        Assert.Equal([0, 0, 1, 2], post.Get("y"));
    }

    [SkippableFact]
    public void A_synapse_sub_expression_is_not_hidden_by_a_postsynaptic_variable_of_the_same_name()
    {
        var net = NewNetwork();
        var pre = net.AddSpikeSource("pre", 1, [(0, 0.5 * ms)]);
        var post = net.AddPopulation("post", 1, Sink("x", "g"));
        post.Initialize("g", 100);
        net.Connect(pre, post, new SynapseModel("Own", "g = 2*w").OnPre("x += g"), Connectivity.AllToAll(), weight: 1);
        Run(net, 10 * net.Dt);
        Show("x (the synapse's g = 2w)", post.Get("x")[0], 2);
        Assert.Equal(2, post.Get("x")[0]);
        Assert.Equal(100, post.Get("g")[0]); // still reachable as g_post
    }

    [SkippableFact]
    public void Initial_values_are_computed_after_the_values_they_read()
    {
        var net = NewNetwork();
        var model = new NeuronModel("Adaptive", "dv/dt = -v/(10*ms)").WithParameter("a", 0).WithState("theta", -50 * mV)
            .WithInitial("v", "theta - 5*mV");
        var p = net.AddPopulation("p", 3, model);
        var q = net.AddPopulation("q", 3, new NeuronModel("Reads", "dv/dt = -v/(10*ms)").WithParameter("a", 0).WithInitial("v", 2 * mV));
        q.Set("a", "v*1000");
        Place(net);
        net.Build();
        Show("v(0)", p.Get("v")[0], -55 * mV);
        Assert.All(p.Get("v"), v => Assert.Equal(-55 * mV, v, 1e-15));
        Assert.All(q.Get("a"), a => Assert.Equal(2, a, 1e-12));
    }

    [SkippableFact]
    public void Initial_values_that_read_each_other_are_refused()
    {
        var net = NewNetwork();
        net.AddPopulation("p", 1, new NeuronModel("Cycle", "du/dt = -u/(10*ms)\ndv/dt = -v/(10*ms)").WithInitial("u", "v + 1").WithInitial("v", "u + 1"));
        var e = Assert.Throws<ModelException>(() => net.Build());
        Assert.Contains("cycle", e.Message);
        Assert.Contains("u = ", e.Message);
        Assert.Contains("v = ", e.Message);
    }

    [SkippableFact]
    public void Two_spikes_of_one_source_neuron_in_one_step_are_refused_naming_the_neuron_and_times()
    {
        var net = NewNetwork();
        var e = Assert.Throws<ModelException>(() => net.AddSpikeSource("src", 2, [(1, 0.48 * ms), (0, 0.5 * ms), (1, 0.52 * ms)]));
        Assert.Contains("neuron 1", e.Message);
        Assert.Contains("0.48 ms", e.Message);
        Assert.Contains("0.52 ms", e.Message);

        // Different neurons in one step, and one neuron in consecutive steps, are delivered.
        var ok = NewNetwork();
        var src = ok.AddSpikeSource("src", 2, [(1, 0.48 * ms), (0, 0.52 * ms), (1, 0.6 * ms)]);
        var spikes = ok.MonitorSpikes(src);
        Run(ok, 1 * ms);
        Assert.Equal([5L, 5L, 6L], spikes.Steps);
        Assert.Equal([0, 1, 1], spikes.Neurons);
    }

    [SkippableFact]
    public void A_last_rate_bin_cut_short_reads_the_rate_of_its_own_steps()
    {
        // 100 sources, neuron n spiking at n·0.1 ms + 10k ms: exactly one spike per step, 100 Hz per neuron in every bin.
        var net = NewNetwork();
        var spikes = Enumerable.Range(0, 100).SelectMany(n => Enumerable.Range(0, 11).Select(k => (n, n * 0.1 * ms + k * 10 * ms)))
            .Where(s => s.Item2 < 105 * ms - 1e-9);
        var src = net.AddSpikeSource("src", 100, spikes);
        var rate = net.MonitorRate(src);
        Run(net, 105 * ms);
        var bins = rate.Smoothed(10 * ms);
        Show("rate in the last (5 ms) bin", bins[^1], 100);
        Assert.Equal(11, bins.Length);
        Assert.Equal(50, rate.BinSteps(10 * ms)[^1]);
        Assert.All(bins, r => Assert.Equal(100, r, 1e-9));
    }

    [SkippableFact]
    public void A_current_step_switches_on_at_the_step_of_its_start_time()
    {
        // For every start k·0.1 ms (k < 2000) the step source is on from step k: no floating-point comparison of step·dt.
        for (int k = 0; k < 2000; k++)
        {
            var source = CurrentSource.Step(1, k * 0.1 * ms, (k + 10) * 0.1 * ms);
            Assert.True(source.ValueAtStep(k - 1, 0.1 * ms) == 0 && source.ValueAtStep(k, 0.1 * ms) == 1, $"start {k * 0.1:0.0} ms");
            Assert.True(source.ValueAtStep(k + 9, 0.1 * ms) == 1 && source.ValueAtStep(k + 10, 0.1 * ms) == 0, $"stop {(k + 10) * 0.1:0.0} ms");
        }

        // In a network: Step(1, 4.9 ms, 5.9 ms) at dt = 0.1 ms drives q from step 49 to step 58.
        var net = NewNetwork();
        var p = net.AddPopulation("q", 1, new NeuronModel("Counter", "dq/dt = I/second").WithInput("I"));
        net.Inject(p, "I", CurrentSource.Step(1, 4.9 * ms, 5.9 * ms));
        var q = net.MonitorState(p, "q", [0]);
        Run(net, 10 * ms);
        int first = Array.FindIndex(q.Trace(0), v => v > 0);
        Show("first step with the current on", first, 49);
        Assert.Equal(49, first);
        Assert.Equal(10 * net.Dt, q.Trace(0)[^1], 1e-15);
    }

    [SkippableFact]
    public void A_reset_that_writes_a_nan_stops_the_run_naming_population_neuron_variable_and_time()
    {
        var net = NewNetwork();
        var model = new NeuronModel("Divides", "dv/dt = 1/ms").WithState("theta", 1).WithThreshold("v > 0.5").WithReset("v = 0; theta = theta/0");
        var p = net.AddPopulation("p", 3, model);
        var spikes = net.MonitorSpikes(p);
        var v = net.MonitorState(p, "v", [0]);
        var e = Assert.Throws<SimulationException>(() => Run(net, 2 * ms));
        output.WriteLine(e.Message);
        Assert.Equal("p", e.Population);
        Assert.Equal("theta", e.Variable);
        Assert.Equal(5, e.Step); // v passes 0.5 at the end of step 5
        Assert.Equal(5, v.Count); // steps 0..4 were recorded, the failing step was not
        Assert.Equal(0, spikes.Count);
    }

    [SkippableFact]
    public void Synapse_code_that_writes_a_nan_stops_the_run_naming_projection_synapse_variable_and_time()
    {
        var net = NewNetwork();
        // Source 0's synapse has w = 0, so its first spike makes w = log(0) = −∞.
        var pre = net.AddSpikeSource("pre", 2, [(1, 0.1 * ms), (0, 0.3 * ms)]);
        var post = net.AddPopulation("post", 1, Sink("x"));
        var projection = net.Connect(pre, post, new SynapseModel("Logs", "").OnPre("w = log(w); x += w"), Connectivity.AllToAll(), weight: "i");
        var e = Assert.Throws<SimulationException>(() => Run(net, 1 * ms));
        output.WriteLine(e.Message);
        Assert.Equal(projection.Name, e.Projection);
        Assert.Equal("w", e.Variable);
        Assert.Equal(3, e.Step);
        Assert.Equal(0, e.Synapse);
        Assert.Contains("neuron 0 of 'pre'", e.Message);
    }

    [SkippableFact]
    public void Clock_driven_synapse_equations_that_blow_up_stop_the_run_naming_the_synapse()
    {
        var net = NewNetwork();
        var pre = net.AddPopulation("pre", 2, new NeuronModel("Source", "r = 1 + i"));
        var post = net.AddPopulation("post", 1, Sink("x"));
        var projection = net.Connect(pre, post, new SynapseModel("Grows", "dw/dt = w*w/ms").WithMethod(Integrator.Euler), Connectivity.AllToAll(), weight: "i*1e100");
        var e = Assert.Throws<SimulationException>(() => Run(net, 1 * ms));
        output.WriteLine(e.Message);
        Assert.Equal(projection.Name, e.Projection);
        Assert.Equal(1, e.Synapse);
        Assert.Equal("w", e.Variable);
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu(ITestOutputHelper output) : AuditedModelTests(output)
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : AuditedModelTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl(ITestOutputHelper output) : base(output) => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }

    /// <summary>These tests split between the backends: spike sources on the CPU, the neurons they drive (and the
    /// synapses onto them) on OpenCL, so spikes cross from one to the other every step.</summary>
    public sealed class OnBothBackends : AuditedModelTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnBothBackends(ITestOutputHelper output) : base(output) => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;

        /// <inheritdoc />
        protected override void Place(Network net)
        {
            foreach (var p in net.Populations) p.Placement = p.Model.Name == "SpikeSource" ? Placement.Cpu : Placement.OpenCl;
        }
    }
}

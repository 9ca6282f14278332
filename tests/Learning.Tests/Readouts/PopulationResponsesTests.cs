using Dendra.Learning.Datasets;
using Dendra.Learning.Encoders;
using Dendra.Learning.Readouts;
using Dendra.Learning.Training;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Learning.Tests.Readouts;

/// <summary>
/// A population's response to a presentation: the mean of its monitored variable over the presentation's steps (a
/// linear ramp's mean is known), its spike counts and rates (a neuron driven at a constant slope to threshold spikes a
/// known number of times), and the latest sample; the rest after a presentation does not count.
/// </summary>
public class PopulationResponsesTests
{
    private const double Dt = 1e-3;

    /// <summary>Three units whose v ramps at slope 1 + i per second from 0 (Euler: after step s of the run, v = (s + 1) dt (1 + i)).</summary>
    private static (Network Net, Population Ramp) Ramping()
    {
        var net = new Network(dt: Dt);
        var ramp = net.AddPopulation("ramp", 3, new NeuronModel("Ramp", "dv/dt = slope").WithParameter("slope", 0).WithMethod(Integrator.Euler));
        ramp.Set("slope", "1 + i");
        net.MonitorState(ramp, "v", [0, 1, 2]);
        return (net, ramp);
    }

    [Fact]
    public void The_mean_over_a_presentation_of_a_linear_ramp_is_its_value_at_the_middle()
    {
        var (net, ramp) = Ramping();
        net.Build();
        long first = net.Step;
        net.Run(10 * Dt);
        var presented = new PresentationSteps(first, net.Step);
        net.Run(5 * Dt);                                   // a rest after it: not part of the response
        // Samples v = dt (1 + i) · 1, 2, …, 10: their mean is 5.5 dt (1 + i).
        Assert.Equal(new PresentationSteps(0, 10), presented);
        var mean = PopulationResponses.Mean(ramp, "v", presented);
        for (int i = 0; i < 3; i++) Assert.Equal(5.5 * Dt * (1 + i), mean[i], 6);
        // A second presentation, steps 15 to 24: the mean of 16, 17, …, 25 steps' worth, 20.5 dt (1 + i).
        long second = net.Step;
        net.Run(10 * Dt);
        mean = PopulationResponses.Mean(ramp, steps: new PresentationSteps(second, net.Step));
        for (int i = 0; i < 3; i++) Assert.Equal(20.5 * Dt * (1 + i), mean[i], 6);
        // Without a window: every sample held, 1 … 25: 13 dt (1 + i); the latest: 25 dt (1 + i).
        Assert.Equal(13 * Dt * 2, PopulationResponses.Mean(ramp)[1], 6);
        Assert.Equal(25 * Dt * 3, PopulationResponses.Latest(ramp)[2], 6);
        Assert.Equal("the monitor of 'v' in population 'ramp' holds no sample in steps 100 to 109: run the presentation with the monitor in place before reading it out",
            Assert.Throws<InvalidOperationException>(() => PopulationResponses.Mean(ramp, steps: new PresentationSteps(100, 110))).Message);
    }

    [Fact]
    public void The_trainer_gives_the_steps_of_each_presentation_without_its_rest()
    {
        var net = new Network(dt: Dt);
        var input = net.AddPopulation("input", 1, new NeuronModel("Rate-Input", "").WithState("r"));
        var ramp = net.AddPopulation("ramp", 2, new NeuronModel("Ramp", "dv/dt = slope").WithParameter("slope", 1).WithMethod(Integrator.Euler));
        net.MonitorState(ramp, "v", [0, 1]);
        var data = new LabeledSet([0.1f, 0.2f, 0.3f], [0, 1, 0], 1, 2);
        var trainer = new Trainer(net, new RateEncoder(input), data) { Presentation = Presentation.For(10 * Dt, rest: 5 * Dt) };
        var means = new List<double>();
        var windows = new List<PresentationSteps>();
        trainer.Presented = () =>
        {
            windows.Add(trainer.LastPresentation);
            means.Add(PopulationResponses.Mean(ramp, "v", trainer.LastPresentation)[0]);
        };
        trainer.Run();
        // Presentation k runs steps 15k to 15k + 9 (then rests 5): v = dt (15k + 1 … 15k + 10), mean dt (15k + 5.5).
        Assert.Equal([new(0, 10), new(15, 25), new(30, 40)], windows);
        Assert.Equal([5.5 * Dt, 20.5 * Dt, 35.5 * Dt], means, (a, b) => Math.Abs(a - b) < 1e-8);
    }

    /// <summary>Neurons driven to threshold at slope 1 + i per second, reset to 0: v crosses 0.0095 after 10, 5 and 4 steps
    /// (v = 0.001 k (1 + i)), so they spike every 10, 5 and 4 steps.</summary>
    private static (Network Net, Population Spiking) Spiking()
    {
        var net = new Network(dt: Dt);
        var spiking = net.AddPopulation("spiking", 3, new NeuronModel("Integrator", "dv/dt = slope").WithParameter("slope", 0)
            .WithThreshold("v > 0.0095").WithReset("v = 0").WithMethod(Integrator.Euler));
        spiking.Set("slope", "1 + i");
        net.MonitorSpikes(spiking);
        return (net, spiking);
    }

    [Fact]
    public void The_spike_counts_and_rates_over_a_presentation_are_the_spikes_in_its_steps()
    {
        var (net, spiking) = Spiking();
        net.Build();
        long first = net.Step;
        net.Run(40 * Dt);
        var presented = new PresentationSteps(first, net.Step);
        net.Run(20 * Dt); // a rest: 2, 4 and 5 more spikes that do not count
        Assert.Equal([4f, 8f, 10f], PopulationResponses.SpikeCounts(spiking, presented));
        Assert.Equal([100f, 200f, 250f], PopulationResponses.SpikeRates(spiking, presented)); // over 40 ms
        Assert.Equal([6f, 12f, 15f], PopulationResponses.SpikeCounts(spiking));               // everything held
    }

    [Fact]
    public void A_spike_count_of_a_population_whose_spikes_nobody_records_is_refused_with_what_to_do()
    {
        var (net, hidden) = Held();
        net.Run(1e-3);
        Assert.Equal("a spike count of population 'hidden' needs its spikes, but no monitor records every neuron of 'hidden': monitor them before running, e.g. net.MonitorSpikes(hidden)",
            Assert.Throws<InvalidOperationException>(() => PopulationResponses.SpikeCounts(hidden)).Message);
    }

    /// <summary>A population of 4 units whose rate r holds what it was set to (no dynamics).</summary>
    private static (Network Net, Population Hidden) Held()
    {
        var net = new Network(dt: 1e-3);
        var hidden = net.AddPopulation("hidden", 4, new NeuronModel("Held", "").WithState("r"));
        return (net, hidden);
    }

    [Fact]
    public void The_latest_sample_of_every_neuron_is_the_row_in_neuron_order()
    {
        var (net, hidden) = Held();
        net.MonitorState(hidden, "r", [2, 0, 3, 1]);
        net.Build();
        hidden.SetState("r", [0.5, 1.5, 2.5, 3.5]);
        net.Run(2e-3);
        Assert.Equal([0.5f, 1.5f, 2.5f, 3.5f], PopulationResponses.Latest(hidden));
        Assert.Equal([0.5f, 1.5f, 2.5f, 3.5f], PopulationResponses.Latest(hidden, "r"));
    }

    [Fact]
    public void A_population_with_no_monitored_variable_is_refused_with_what_to_do()
    {
        var (net, hidden) = Held();
        net.Run(1e-3);
        var e = Assert.Throws<InvalidOperationException>(() => PopulationResponses.Latest(hidden));
        Assert.Equal("a readout of population 'hidden' needs its activity, but no variable of 'hidden' is monitored: monitor one before running, e.g. net.MonitorState(hidden, \"r\", Enumerable.Range(0, 4))", e.Message);
    }

    [Fact]
    public void A_monitor_of_some_neurons_or_without_samples_is_refused()
    {
        var (net, hidden) = Held();
        net.MonitorState(hidden, "r", [0, 1]);
        net.Run(1e-3);
        Assert.StartsWith("a readout of population 'hidden' needs all 4 neurons, but its monitor of 'r' records 2",
            Assert.Throws<InvalidOperationException>(() => PopulationResponses.Latest(hidden)).Message);
        Assert.StartsWith("a readout of population 'hidden' asks for 'v', which is not monitored (monitored: r)",
            Assert.Throws<InvalidOperationException>(() => PopulationResponses.Latest(hidden, "v")).Message);

        var (fresh, unrun) = Held();
        fresh.MonitorState(unrun, "r", Enumerable.Range(0, 4));
        Assert.Equal("the monitor of 'r' in population 'hidden' holds no sample yet: run the network before reading it out",
            Assert.Throws<InvalidOperationException>(() => PopulationResponses.Latest(unrun)).Message);
    }
}

using Dendra.Learning.Readouts;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Learning.Tests.Readouts;

public class PopulationResponsesTests
{
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

using Dendra.Render.Activity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Render.Tests;

/// <summary>Receptive fields and weight histograms show what a weight monitor sampled, not a read of the backend.</summary>
public sealed class WeightViewFeedTests
{
    [Fact]
    public void Weight_views_show_the_newest_sample_of_their_weight_monitor()
    {
        var net = new Network(dt: 1e-4);
        var input = net.AddPoisson("input", 4, 500.0);
        var cell = net.AddPopulation("cell", 2, new NeuronModel("Leaky", "dv/dt = -v/tau").WithParameter("tau", 0.01));
        var growing = new SynapseModel("Growing").OnPre("v += w\nw = w + 0.001");
        net.Connect(input, cell, growing, Connectivity.AllToAll(), weight: "0.01*j", name: "input->cell");
        var feed = new ActivityFeed(net, new ViewOptions { WeightSampleSeconds = 10 * net.Dt }.ReceptiveField("input->cell", 2, 2).WeightHistogram("input->cell"));
        var monitor = Assert.Single(net.WeightMonitors);

        net.Run(25 * net.Dt);
        feed.Collect();
        var shown = feed.Snapshot(new RunStatus(net.Time, 1, 0, "cpu"));
        Assert.Equal(0, monitor.Count); // the feed consumed its samples, so memory stays bounded

        // The newest sample is the end of step 20: a network run to there and read gives the same weights.
        var reference = new Network(dt: 1e-4);
        var input2 = reference.AddPoisson("input", 4, 500.0);
        var cell2 = reference.AddPopulation("cell", 2, new NeuronModel("Leaky", "dv/dt = -v/tau").WithParameter("tau", 0.01));
        var again = reference.Connect(input2, cell2, growing, Connectivity.AllToAll(), weight: "0.01*j", name: "input->cell");
        reference.Run(21 * reference.Dt);
        Assert.Equal(again.Get("w").Values, Assert.Single(shown.Weights).Values);
        var field = Assert.Single(shown.Fields);
        Assert.Equal(2, field.Units);
        Assert.Equal(again.Get("w").Values.Sum(), field.Values.Sum(v => (double)v), 1e-5);
    }

    [Fact]
    public void A_rate_projection_shows_its_units_weights_as_receptive_fields()
    {
        // Two units learning by Hebb's rule from a 2×2 input: each tile is the unit's row of W, input k at pixel k.
        var net = new Network(dt: 1e-3, precision: Precision.Double);
        var input = net.AddPopulation("input", 4, new NeuronModel("Input", "").WithState("r"));
        var unit = net.AddPopulation("unit", 2, new NeuronModel("Linear", "v = I").WithInput("I"));
        var hebb = new OuterProductRule("Hebb", post: "v", pre: "r").WithParameter("eta", 0.1);
        var w = new double[,] { { 0.1, 0.2, 0.3, 0.4 }, { -0.4, -0.3, -0.2, -0.1 } };
        var projection = net.ConnectRate(input, unit, "r", "I", w, name: "input->unit").Learn(hebb);
        input.SetState("r", [1.0, 0.5, 0.25, 0]);
        var feed = new ActivityFeed(net, new ViewOptions { WeightSampleSeconds = net.Dt }.ReceptiveField("input->unit", 2, 2));

        net.Run(5 * net.Dt);
        feed.Collect();
        var field = Assert.Single(feed.Snapshot(new RunStatus(net.Time, 1, 0, "cpu")).Fields);

        var learned = projection.Weights();
        Assert.NotEqual(w, learned); // it learned, and the view shows the weights after the last step
        Assert.Equal(2, field.Units);
        for (int j = 0; j < 2; j++)
            for (int i = 0; i < 4; i++) Assert.Equal((float)learned[j, i], field.Values[j * 4 + i]);
    }
}

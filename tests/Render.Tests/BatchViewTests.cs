using Dendra.Render.Activity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Render.Tests;

/// <summary>A view attached to a batched rate network: it must not ask for spike monitors, which a batch refuses.</summary>
public sealed class BatchViewTests
{
    [Fact]
    public void A_view_of_a_batch_builds_and_runs_without_spike_monitors()
    {
        var net = new Network { BatchSize = 4 };
        var leaky = net.AddPopulation("leaky", 10, new NeuronModel("Leaky", "dv/dt = (1 - v)/tau").WithParameter("tau", 0.01));
        var feed = new ActivityFeed(net, new ViewOptions());
        net.Run(10 * net.Dt);
        Assert.Empty(net.SpikeMonitors);
        Assert.Equal(40, leaky.Get("v").Length);
        Assert.True(leaky.Get("v", 3)[0] > 0);

        // The feed follows the batch: what it hands the views is up to the last step, with no spike rasters at all.
        feed.Collect();
        var snapshot = feed.Snapshot(new RunStatus(net.Time, 1, 0, "cpu"));
        Assert.Equal(10, snapshot.Now);
        Assert.Empty(snapshot.Populations);
    }
}

using Dendra.Neurons;
using Dendra.Render.Live;
using Dendra.Simulator.Graph;
using static Dendra.Units;

namespace Dendra.Render.Tests;

/// <summary>
/// A live window on a running network draws frames, and the run measures what the window costs the simulation thread
/// (time spent collecting activity and copying snapshots for the renderer against time spent stepping). How large
/// that share is is a speed figure, measured in <c>benchmarks/render/window-cost.cs</c> and written up in
/// docs/benchmarks.md: a bound here would be a timed unit test, decided by whatever else the machine runs (it failed
/// CI at 11% on a loaded 2-core machine). In the same class as the other window tests: they share one Xvfb display,
/// and the process has one DISPLAY.
/// </summary>
public sealed partial class LiveViewTests
{
    [SkippableFact]
    public void A_live_window_on_cuba_draws_frames_and_measures_its_share_of_the_simulation_thread()
    {
        var net = new Network(0.1 * ms);
        Brette2007.Cuba(net, 4000);
        // As fast as the network runs, about a second of wall time: long enough for several frames.
        var result = new LiveView(net).Run(10 * second, closeWhenDone: true);

        Assert.False(result.StoppedEarly);
        Assert.Equal(100_000, result.StepsDone);
        Assert.True(result.Frames >= 3, $"only {result.Frames} frames drawn in {result.WallSeconds:0.00} s");
        Assert.True(result.SnapshotsPublished >= 3, $"only {result.SnapshotsPublished} snapshots published");
        Assert.True(result.RendererSeconds > 0, "the time spent for the renderer was not measured");
        Assert.True(result.SimulationSeconds > 0, "the time spent stepping was not measured");
        Assert.Equal(result.RendererSeconds / (result.SimulationSeconds + result.RendererSeconds), result.RendererShare, 12);
    }
}

using Dendra.Neurons;
using Dendra.Render.Live;
using Dendra.Simulator.Graph;
using static Dendra.Units;

namespace Dendra.Render.Tests;

/// <summary>
/// What a live window costs the simulation, measured on the simulation thread within one run (time spent collecting
/// activity and copying snapshots for the renderer against time spent stepping), not by comparing wall times of two
/// runs, which other programs on a shared machine would decide. In the same class as the other window tests: they
/// share one Xvfb display, and the process has one DISPLAY.
/// </summary>
public sealed partial class LiveViewTests
{
    [SkippableFact]
    public void A_live_window_on_cuba_draws_frames_and_takes_under_a_tenth_of_the_simulation_threads_time()
    {
        var net = new Network(0.1 * ms);
        Brette2007.Cuba(net, 4000);
        // As fast as the network runs, and long enough (about a second of wall time) that the feed's first calls
        // (a fixed cost of some 30 ms, probably JIT compilation) do not decide the share.
        var result = new LiveView(net).Run(10 * second, closeWhenDone: true);

        Assert.False(result.StoppedEarly);
        Assert.Equal(100_000, result.StepsDone);
        Assert.True(result.Frames >= 3, $"only {result.Frames} frames drawn in {result.WallSeconds:0.00} s");
        Assert.True(result.SnapshotsPublished >= 3, $"only {result.SnapshotsPublished} snapshots published");
        Assert.True(result.RendererSeconds > 0, "the time spent for the renderer was not measured");
        Assert.True(result.RendererShare < 0.10,
            $"the simulation thread spent {result.RendererShare:P1} of its time on the window ({result.RendererSeconds:0.000} s of {result.SimulationSeconds + result.RendererSeconds:0.000} s)");
    }
}

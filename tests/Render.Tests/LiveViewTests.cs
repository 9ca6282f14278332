using Dendra.Neurons;
using Dendra.Render.Live;
using Dendra.Simulator.Graph;
using static Dendra.Units;

namespace Dendra.Render.Tests;

public sealed partial class LiveViewTests : IClassFixture<VirtualDisplay>
{
    private readonly VirtualDisplay _display;

    /// <summary>Every test here opens windows on the class's own Xvfb display: skips them where Xvfb or GLFW is
    /// missing (fails them on CI).</summary>
    public LiveViewTests(VirtualDisplay display)
    {
        XvfbDisplay.Require();
        display.Start();
        _display = display;
    }

    [SkippableFact]
    public void A_live_window_draws_frames_while_the_network_runs_to_its_end()
    {
        Assert.StartsWith(":", _display.Name, StringComparison.Ordinal);
        var net = new Network(0.1 * ms);
        Brette2007.Cuba(net, 4000);
        var view = new LiveView(net, new Activity.ViewOptions().Trace("P", "v", 0, 1));
        view.Press(Key.P);    // a screenshot of whatever is on screen first
        view.Press(Key.Down); // slower: from as fast as possible to real time, so 2 s of network take 2 s of frames
        var result = view.Run(2 * second, closeWhenDone: true);

        Assert.False(result.StoppedEarly);
        Assert.Equal(20_000, result.StepsDone);
        Assert.Equal(20_000, net.Step);
        Assert.True(result.Frames >= 10, $"only {result.Frames} frames drawn");
        Assert.True(result.WallSeconds >= 1.9, $"the run at real time took only {result.WallSeconds} s");
        // Frames redraw the latest snapshot, so how many of them show a new one depends on how the two threads are
        // scheduled; what must hold is that the simulation kept publishing while it ran.
        Assert.True(result.SnapshotsPublished >= 10, $"only {result.SnapshotsPublished} snapshots published for {result.Frames} frames");
        var shot = Assert.Single(result.Screenshots);
        using (var bitmap = SkiaSharp.SKBitmap.Decode(shot))
        {
            Assert.Equal(1280, bitmap.Width);
            Assert.Equal(720, bitmap.Height);
        }
        File.Delete(shot);
    }

    [SkippableFact]
    public void Pause_holds_the_simulation_and_single_steps_advance_it_one_step_at_a_time()
    {
        var net = new Network(0.1 * ms);
        Brette2007.Cuba(net, 1000);
        var view = new LiveView(net);
        view.Press(Key.Space);
        foreach (var _ in Enumerable.Range(0, 3)) view.Press(Key.S);
        // Paused before the first step, then three single steps: the run cannot finish; the window closes after 4 s,
        // which must cover building the network as well as the three steps on a busy machine.
        var result = view.Run(10 * second, closeAfter: TimeSpan.FromSeconds(4));
        Assert.True(result.StoppedEarly);
        Assert.Equal(3, result.StepsDone);
        Assert.True(result.Frames > 0);
    }

    [SkippableFact]
    public void Closing_the_window_stops_the_run_and_what_ran_is_kept()
    {
        var net = new Network(0.1 * ms);
        var p = Brette2007.Cuba(net, 1000);
        var spikes = net.MonitorSpikes(p);
        var view = new LiveView(net);
        view.Press(Key.Q);
        var result = view.Run(1000 * second);
        Assert.True(result.StoppedEarly);
        Assert.Equal(net.Step, result.StepsDone);
        Assert.True(net.Step < 1000 * 10_000);

        // The network is left where the window stopped it: a further run goes on from that step, and the population's
        // spike count and its monitor agree on every spike of both runs.
        net.Run(20 * ms);
        Assert.Equal(result.StepsDone + 200, net.Step);
        Assert.Equal(p.SpikeCount, spikes.Count);
        Assert.True(spikes.Count > 0, "CUBA should spike within the 20 ms after the window closed");
        Assert.All(spikes.Steps, step => Assert.InRange(step, 0, net.Step - 1));
    }

    [SkippableFact]
    public void The_replay_window_plays_a_recording_to_its_end_and_seeks_with_keys()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dendra-play-{Guid.NewGuid():N}.dnr");
        var net = new Network(0.1 * ms);
        Brette2007.Cuba(net, 1000);
        using (net.RecordTo(path)) net.Run(0.5 * second);
        try
        {
            using var recording = Simulator.Recording.RecordingReader.Open(path);
            var activity = new Replay.RecordingActivity(recording);
            var played = new Replay.ReplayPlayer(activity).Play(speed: 1, closeAtEnd: true);
            Assert.True(played.Frames >= 5, $"only {played.Frames} frames");
            Assert.Equal(activity.EndStep, played.LastPosition);

            // End jumps to the end at once: the first frame is already past the last step.
            var player = new Replay.ReplayPlayer(activity);
            player.Press(Key.End);
            var jumped = player.Play(speed: 0.001, closeAtEnd: true);
            Assert.Equal(activity.EndStep, jumped.LastPosition);
            Assert.True(jumped.Frames <= 1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public void A_run_that_blows_up_closes_the_window_and_reports_the_neuron()
    {
        var net = new Network(0.1 * ms);
        var model = new Simulator.Models.NeuronModel("Runaway", "dv/dt = v^2/(1*ms)").WithInitial("v", "1");
        net.AddPopulation("cells", 3, model);
        var view = new LiveView(net);
        // The window would stay open for a minute; the error closes it at once and surfaces as the simulation's own.
        var error = Assert.Throws<Simulator.SimulationException>(() => view.Run(1 * second, closeAfter: TimeSpan.FromMinutes(1)));
        Assert.Contains("cells", error.Message, StringComparison.Ordinal);
        Assert.Contains("'v'", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Closing_one_window_leaves_another_open_window_working()
    {
        // GLFW is initialized once per process and glfwTerminate destroys every window; the first window closed
        // must not take the second with it.
        using var second = OpenTwoAndCloseTheFirst();
        second.Gl.ClearColor(0f, 0f, 1f, 1f);
        second.Gl.Clear(Silk.NET.OpenGL.ClearBufferMask.ColorBufferBit);
        var pixel = ReadCorner(second);
        Assert.Equal(Silk.NET.OpenGL.GLEnum.NoError, second.Gl.GetError());
        Assert.Equal([0, 0, 255, 255], pixel);
        Assert.False(second.ShouldClose);
        second.SwapBuffers();
    }

    private static unsafe byte[] ReadCorner(Window window)
    {
        var pixel = new byte[4];
        fixed (byte* p = pixel)
            window.Gl.ReadPixels(0, 0, 1u, 1u, Silk.NET.OpenGL.PixelFormat.Rgba, Silk.NET.OpenGL.PixelType.UnsignedByte, p);
        return pixel;
    }

    private static Window OpenTwoAndCloseTheFirst()
    {
        var first = Window.Open(64, 48, "first");
        var second = Window.Open(64, 48, "second");
        first.Dispose();
        return second;
    }
}

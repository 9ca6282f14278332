using Dendra.Render.Activity;
using Dendra.Render.Drawing;
using Dendra.Render.Output;
using Dendra.Render.Replay;
using Dendra.Render.Views;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;

namespace Dendra.Render.Tests;

/// <summary>A recording of a scripted spike pattern, replayed offscreen: the pixels it lights are those the pattern puts there.</summary>
public sealed class ReplayRenderTests : IDisposable
{
    private readonly string _dir;

    /// <summary>Every test here renders offscreen: skips them where EGL is missing (fails them on CI).</summary>
    public ReplayRenderTests()
    {
        Egl.Require();
        _dir = Directory.CreateTempSubdirectory("dendra-replay-").FullName;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Records two spike sources, 60 and 40 neurons, firing a known pattern over 1000 steps of 0.1 ms.</summary>
    private (string Path, List<(int Population, int Neuron, long Step)> Spikes) RecordPattern()
    {
        var spikes = new List<(int, int, long)>();
        for (int k = 0; k < 30; k++) spikes.Add((0, k * 2, 30L * k + 7));      // a diagonal in A
        for (int k = 0; k < 8; k++) spikes.Add((1, k * 5, 600));               // a column in B at step 600
        var net = new Network(1e-4);
        var a = net.AddSpikeSource("A", 60, spikes.Where(s => s.Item1 == 0).Select(s => (s.Item2, s.Item3 * 1e-4)));
        var b = net.AddSpikeSource("B", 40, spikes.Where(s => s.Item1 == 1).Select(s => (s.Item2, s.Item3 * 1e-4)));
        var path = Path.Combine(_dir, "pattern.dnr");
        using (net.RecordTo(path, RecordingSelection.Nothing().WithSpikes(a).WithSpikes(b)))
            net.Run(0.1);
        return (path, spikes);
    }

    [SkippableFact]
    public void Replayed_raster_lights_exactly_the_recorded_spikes()
    {
        var (path, spikes) = RecordPattern();
        using var recording = RecordingReader.Open(path);
        var activity = new RecordingActivity(recording, new ViewOptions { WindowSeconds = 0.1 });
        var snapshot = activity.Snapshot(1000, new RunStatus(0.1, 1, double.NaN, "replay"));
        Assert.Equal(38, snapshot.Populations.Sum(p => p.Steps.Length));

        using var renderer = new OffscreenRenderer(400, 300);
        var layout = new Layout([new RasterView()], 1);
        var frame = renderer.Render(snapshot, layout);
        var area = RasterView.PlotArea(renderer.PlotAreas(layout, withTimeline: true)[0]);

        var expected = spikes.ToDictionary(
            s => ((int)(s.Step * area.Width / 1000), (int)((s.Population * 60 + s.Neuron) * (long)area.Height / 100)),
            s => Rgba.Population(s.Population));
        for (int y = 0; y < area.Height; y++)
        {
            for (int x = 0; x < area.Width; x++)
            {
                var pixel = frame.Get(area.X + x, area.Y + y);
                Assert.Equal(expected.TryGetValue((x, y), out var c) ? c : Rgba.Background, pixel);
            }
        }
        // The scrub bar at the bottom stands at the end of the recording.
        var bar = FrameRenderer.TimelineArea(400, 300);
        Assert.Equal(Rgba.Text, frame.Get(bar.Right - 1, bar.Y + 1));
    }

    [SkippableFact]
    public void Playing_forward_reads_only_new_spikes_yet_every_window_holds_what_a_fresh_read_gives()
    {
        var path = Path.Combine(_dir, "poisson.dnr");
        var net = new Network(1e-4);
        var cells = net.AddPoisson("cells", 500, 40.0);
        using (net.RecordTo(path, RecordingSelection.Nothing().WithSpikes(cells))) net.Run(0.3);
        using var recording = RecordingReader.Open(path);
        var options = new ViewOptions { WindowSeconds = 0.05 };
        var playing = new RecordingActivity(recording, options);
        var status = new RunStatus(0, 1, double.NaN, "replay");
        // Forward in uneven strides, then a seek back, then forward again.
        foreach (long now in new long[] { 10, 137, 500, 501, 900, 1700, 2999, 3000, 1200, 1300, 2600 })
        {
            var incremental = playing.Snapshot(now, status).Populations[0];
            var fresh = new RecordingActivity(recording, options).Snapshot(now, status).Populations[0];
            Assert.Equal(fresh.Steps, incremental.Steps);
            Assert.Equal(fresh.Neurons, incremental.Neurons);
            Assert.All(incremental.Steps, s => Assert.InRange(s, Math.Max(0, now - 500), now - 1));
        }
    }

    [SkippableFact]
    public void Replay_renders_one_frame_per_interval_into_png_files()
    {
        var (path, _) = RecordPattern();
        using var recording = RecordingReader.Open(path);
        var options = new ViewOptions { Width = 320, Height = 200 };
        var player = new ReplayPlayer(new RecordingActivity(recording, options), options);
        using var sink = new PngFrames(Path.Combine(_dir, "frames"));
        Assert.Equal(10, player.Render(sink, frameInterval: 0.01));
        Assert.Equal(10, Directory.GetFiles(sink.Destination, "*.png").Length);
    }
}

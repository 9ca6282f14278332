using Dendra.Cli.Reporting;
using Dendra.Learning.Learners;
using Dendra.Render.Drawing;
using Dendra.Render.Output;
using Dendra.Render.Views;
using Dendra.Simulator.Recording;
using SkiaSharp;

namespace Dendra.Cli.Tests;

/// <summary>
/// Watching a learner learn: <c>dendra run</c> with <c>--frames</c> and <c>--record</c> on a script that calls Learn(...),
/// the frames' pixels showing each unit's weights as a tile and, beside them, the units' activity in the minibatch just
/// learned, <c>dendra replay</c> of the recording, and the warning when a script neither runs nor learns.
/// </summary>
public sealed class LearnerViewTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dendra-learner-view-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    [SkippableFact]
    public void Learn_renders_the_mosaic_into_frames_records_the_weights_and_the_recording_replays()
    {
        Egl.Require();
        var frames = Path.Combine(_work, "frames");
        var recording = Path.Combine(_work, "learner.dnr");
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", DendraProcess.Script("learner_mosaic.csx"),
            "--frames", frames, "--record", recording);
        Assert.True(r.ExitCode == 0, r.ToString());
        // 2 epochs of 6 minibatches: the initial weights, then a frame and a snapshot after every minibatch.
        Assert.Contains($"wrote 13 frames to {frames}", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("recorded 13 weight snapshots (every 1 minibatches)", r.StdErr, StringComparison.Ordinal);
        var files = Directory.GetFiles(frames, "frame-*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(13, files.Length);

        using var reader = RecordingReader.Open(recording);
        var last = reader.ReadWeights("competitive")[^1];
        Assert.Equal(12, last.Step);
        using var frame = SKBitmap.Decode(files[^1]);
        // Each weight pixel of each 4×4 tile is red where the unit's weight is positive, blue where negative, brighter the
        // larger it is within the tile.
        using var renderer = new OffscreenRenderer(frame.Width, frame.Height);
        var plot = renderer.PlotAreas(new Layout(LearnerFrames.Views(new Probe())))[0];
        int columns = 2, gap = 1, side = 4;
        int scale = Math.Min((plot.Width - gap) / (columns * side), (plot.Height - gap) / (2 * side));
        for (int unit = 0; unit < 4; unit++)
        {
            var w = last.Values.Skip(unit * 16).Take(16).ToArray();
            double largest = w.Max(Math.Abs);
            for (int k = 0; k < 16; k++)
            {
                int x = plot.X + unit % columns * (side * scale + gap) + k % side * scale + scale / 2;
                int y = plot.Y + unit / columns * (side * scale + gap) + k / side * scale + scale / 2;
                var pixel = frame.GetPixel(x, y);
                if (Math.Abs(w[k]) < 0.2 * largest) continue; // near black: the colour says little
                if (w[k] > 0) Assert.True(pixel.Red > pixel.Blue, $"unit {unit} weight {k} = {w[k]} drawn as {pixel}");
                else Assert.True(pixel.Blue > pixel.Red, $"unit {unit} weight {k} = {w[k]} drawn as {pixel}");
                if (Math.Abs(w[k]) == largest) Assert.True(Math.Max(pixel.Red, pixel.Blue) > 200, $"unit {unit}'s largest weight drawn as {pixel}");
            }
        }

        r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "info", recording);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("learner:   competitive: 4 units x 16 features, one step = one minibatch of 4 samples", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("weights: competitive.w", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("first unit's share (2 values)", r.StdOut, StringComparison.Ordinal);

        // The replay shows one snapshot per 10 ms frame (its default interval).
        var replayed = Path.Combine(_work, "replay");
        r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "replay", recording, "--frames", replayed);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"wrote 13 frames to {replayed}", r.StdErr, StringComparison.Ordinal);
        using var first = SKBitmap.Decode(Directory.GetFiles(replayed, "frame-*.png").Order(StringComparer.Ordinal).First());
        using var end = SKBitmap.Decode(Directory.GetFiles(replayed, "frame-*.png").Order(StringComparer.Ordinal).Last());
        Assert.NotEqual(first.Bytes, end.Bytes);
    }

    /// <summary>Checks that the activity panel of <paramref name="frame"/> (its plot <paramref name="plot"/>) shows
    /// <paramref name="g"/>, 4 images × 4 units of 1 (the winner: red), −0.5 (the runner-up: half blue) and 0 (black).</summary>
    private static void AssertPanelShows(SKBitmap frame, Area plot, float[] g, string what)
    {
        for (int b = 0; b < 4; b++)
            for (int u = 0; u < 4; u++)
            {
                var pixel = frame.GetPixel(plot.X + u * (plot.Width / 4) + plot.Width / 8, plot.Y + b * (plot.Height / 4) + plot.Height / 8);
                float v = g[b * 4 + u];
                bool ok = v == 1 ? pixel.Red > 200 && pixel.Blue < 100 : v < 0 ? pixel.Blue > 100 && pixel.Blue > pixel.Red : Math.Max(pixel.Red, pixel.Blue) < 10;
                Assert.True(ok, $"{what}: image {b}, unit {u} has g = {v}, drawn as {pixel}");
            }
    }

    [SkippableFact]
    public void A_learners_activity_is_drawn_beside_its_mosaic_changing_from_frame_to_frame_and_replays_from_its_recording()
    {
        Egl.Require();
        var frames = Path.Combine(_work, "activity-frames");
        var recording = Path.Combine(_work, "activity.dnr");
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", DendraProcess.Script("learner_mosaic.csx"),
            "--set", "activity=true", "--frames", frames, "--record", recording);
        Assert.True(r.ExitCode == 0, r.ToString());
        var files = Directory.GetFiles(frames, "frame-*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(13, files.Length);

        // The recording holds each minibatch's g beside its snapshot: 4 images × 4 units at each of steps 1 to 12.
        using var reader = RecordingReader.Open(recording);
        var g = reader.ReadState("units", "g");
        Assert.Equal(Enumerable.Range(1, 12).SelectMany(s => Enumerable.Repeat((long)s, 4)), g.Steps);
        float[] At(long step) => [.. g.Values.Skip((int)(step - 1) * 16).Take(16).Select(v => (float)v)];

        // Frame k (after minibatch k) shows that minibatch's g beside the mosaic, and it changes as the images do.
        using var renderer = new OffscreenRenderer(1280, 720);
        var layout = new Layout(LearnerFrames.Views(new Probe("g")));
        var plot = renderer.PlotAreas(layout)[1];
        int changed = 0;
        for (int k = 1; k < files.Length; k++)
        {
            using var frame = SKBitmap.Decode(files[k]);
            AssertPanelShows(frame, plot, At(k), $"frame {k}");
            if (k > 1 && !At(k).SequenceEqual(At(k - 1))) changed++;
        }
        Assert.True(changed >= 6, $"the activity changed in only {changed} of 11 frames after the first");
        // Before the first minibatch there is no activity: the panel is left empty (the background).
        using (var initial = SKBitmap.Decode(files[0]))
            Assert.Equal(new SKColor(12, 12, 18), initial.GetPixel(plot.X + plot.Width / 2, plot.Y + plot.Height / 2));

        r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "info", recording);
        Assert.Contains("state:   units.g (4 neurons, every 1 steps)", r.StdOut, StringComparison.Ordinal);

        // The replay draws it too, from the recording: its last frame shows the last minibatch's g.
        var replayed = Path.Combine(_work, "activity-replay");
        r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "replay", recording, "--frames", replayed);
        Assert.True(r.ExitCode == 0, r.ToString());
        var replayPlot = renderer.PlotAreas(layout, withTimeline: true)[1];
        using var last = SKBitmap.Decode(Directory.GetFiles(replayed, "frame-*.png").Order(StringComparer.Ordinal).Last());
        AssertPanelShows(last, replayPlot, At(12), "the replay's last frame");
    }

    [Theory]
    [InlineData("--mp4", "x.mp4", "--mp4 had no effect")]
    [InlineData("--frames", "frames", "--frames had no effect")]
    [InlineData("--record", "x.dnr", "--record had no effect")]
    public void Showing_or_recording_a_script_that_neither_runs_nor_learns_warns(string option, string value, string warning)
    {
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", DendraProcess.Script("no_run.csx"), option, Path.Combine(_work, value));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"warning: {warning}: the script never calls Run(net, duration) nor Learn(learner, train, evaluation, ...)", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_frame_interval_given_to_a_learners_frames_is_said_to_have_no_effect()
    {
        var frames = Path.Combine(_work, "interval-frames");
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", DendraProcess.Script("learner_mosaic.csx"), "--frames", frames, "--frame-interval", "5ms");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("warning: --frame-interval had no effect on Learn(...)", r.StdErr, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(frames, "frame-*.png"));
    }

    [Fact]
    public void A_seed_given_to_a_script_that_only_learns_is_used_and_not_warned_about()
    {
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", DendraProcess.Script("learner_mosaic.csx"), "--seed", "4", "--dt", "1ms");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("warning: --dt had no effect", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("--seed", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void View_of_a_learner_without_a_display_says_so_in_one_line()
    {
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", DendraProcess.Script("learner_mosaic.csx"), "--view");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("there is no display", line, StringComparison.Ordinal);
    }

    private sealed class Probe(string? activity = null) : Learner("competitive", 4, 16)
    {
        public override string? ActivityQuantity => activity;

        public override void Learn(Dendra.Learning.Datasets.Minibatch batch, double progress) { }
    }
}

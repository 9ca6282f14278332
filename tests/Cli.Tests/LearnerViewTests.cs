using Dendra.Cli.Reporting;
using Dendra.Learning.Learners;
using Dendra.Render.Output;
using Dendra.Render.Views;
using Dendra.Simulator.Recording;
using SkiaSharp;

namespace Dendra.Cli.Tests;

/// <summary>
/// Watching a learner learn: <c>dendra run</c> with <c>--frames</c> and <c>--record</c> on a script that calls Learn(...),
/// the frames' pixels showing each unit's weights as a tile, <c>dendra replay</c> of the recording, and the warning when a
/// script neither runs nor learns.
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

    private sealed class Probe() : Learner("competitive", 4, 16)
    {
        public override void Learn(Dendra.Learning.Datasets.Minibatch batch, double progress) { }
    }
}

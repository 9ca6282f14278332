using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Dendra.Cli.Tests;

public sealed class DemoTests : IDisposable
{
    private readonly string _out = Path.Combine(Directory.CreateTempSubdirectory("dendra-demo-").FullName, "out");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_out)!, recursive: true);

    private static void AssertPng(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5_000, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
    }

    [SkippableFact]
    public void Demo_runs_coba_and_writes_raster_rate_and_summary()
    {
        // Without a display the demo renders the run offscreen into an MP4.
        Egl.Require();
        Ffmpeg.Require();
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "demo", "--duration", "200ms", "--out", _out);

        Assert.True(r.ExitCode == 0, r.ToString());
        AssertPng(Path.Combine(_out, "raster.png"), 1200, 700);
        AssertPng(Path.Combine(_out, "rate.png"), 1000, 500);

        var summary = File.ReadAllText(Path.Combine(_out, "summary.md"));
        // | exc | 3200 | spikes | rate | cv |
        var exc = Regex.Match(summary, @"^\| exc \| 3200 \| (\d+) \| ([0-9.]+) \|", RegexOptions.Multiline);
        var inh = Regex.Match(summary, @"^\| inh \| 800 \| (\d+) \| ([0-9.]+) \|", RegexOptions.Multiline);
        Assert.True(exc.Success && inh.Success, summary);
        Assert.True(long.Parse(exc.Groups[1].Value, CultureInfo.InvariantCulture) > 0, summary);
        Assert.InRange(double.Parse(exc.Groups[2].Value, CultureInfo.InvariantCulture), 1, 100);
        Assert.InRange(double.Parse(inh.Groups[2].Value, CultureInfo.InvariantCulture), 1, 100);
        Assert.Contains("- dt: 0.1 ms", summary, StringComparison.Ordinal);
        Assert.Contains("- seed: 1", summary, StringComparison.Ordinal);
        Assert.Contains("simulated: 200 ms (2000 steps)", summary, StringComparison.Ordinal);
        Assert.Matches(@"wall time: [0-9.]+ s", summary);

        // It says what it did and where the files are; progress goes to stderr.
        Assert.Contains("simulated 200 ms (2000 steps of 0.1 ms)", r.StdOut, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(_out), r.StdOut, StringComparison.Ordinal);
        Assert.Contains("raster.png", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("summary.md", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("100%", r.StdErr, StringComparison.Ordinal);

        // With no display the run is also rendered as a video: one frame per 10 ms of the 200 ms.
        Assert.True(new FileInfo(Path.Combine(_out, "activity.mp4")).Length > 1000);
        Assert.Contains("activity.mp4", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("wrote 20 frames to", r.StdErr, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    [SkippableFact]
    public void Demo_without_ffmpeg_writes_png_frames_and_says_how_to_get_a_video()
    {
        Egl.Require();
        var empty = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(_out)!, "bin")).FullName;
        var env = new Dictionary<string, string?>(NoDisplay) { ["PATH"] = empty };
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, env, "demo", "--duration", "30ms", "--out", _out);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_out, "frames"), "frame-*.png").Length);
        Assert.Contains("install ffmpeg for an MP4", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_help_shows_the_options_and_an_example()
    {
        var r = DendraProcess.Run("demo", "--help");

        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (var option in new[] { "--duration", "--seed", "--out", "Examples:", "dendra demo --duration" })
            Assert.Contains(option, r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_rejects_a_bad_duration()
    {
        var r = DendraProcess.Run("demo", "--duration", "-5ms", "--out", _out);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--duration", r.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out));
    }
}

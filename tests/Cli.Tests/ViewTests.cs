using System.Diagnostics;
using SkiaSharp;

namespace Dendra.Cli.Tests;

/// <summary>dendra run showing a run: offscreen PNG frames and MP4, and the messages when it cannot.</summary>
public sealed class ViewTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dendra-view-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    [SkippableFact]
    public void Frames_are_rendered_offscreen_one_per_interval_of_simulated_time()
    {
        Egl.Require();
        var frames = Path.Combine(_work, "frames");
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", Path.Combine("examples", "cuba.csx"),
            "--duration", "50ms", "--frames", frames, "--frame-interval", "10ms", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var files = Directory.GetFiles(frames, "frame-*.png").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["frame-000001.png", "frame-000002.png", "frame-000003.png", "frame-000004.png", "frame-000005.png"], files.Select(Path.GetFileName));
        using var last = SKBitmap.Decode(files[^1]);
        Assert.Equal(1280, last.Width);
        Assert.Equal(720, last.Height);
        Assert.Contains($"wrote 5 frames to {frames}", r.StdErr, StringComparison.Ordinal);
        // The run itself is reported as usual.
        Assert.Contains("simulated 50 ms (500 steps of 0.1 ms)", r.StdOut, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Mp4_holds_one_video_frame_per_interval()
    {
        Egl.Require();
        Ffmpeg.Require();
        var mp4 = Path.Combine(_work, "cuba.mp4");
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", Path.Combine("examples", "cuba.csx"),
            "--duration", "100ms", "--mp4", mp4, "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(new FileInfo(mp4).Length > 1000);
        // ffprobe counts the decoded frames: 100 ms at the default 10 ms per frame.
        var probe = Process.Start(new ProcessStartInfo("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames,width,height", "-of", "csv=p=0", mp4]) { RedirectStandardOutput = true })!;
        var output = probe.StandardOutput.ReadToEnd().Trim();
        probe.WaitForExit();
        Assert.Equal("1280,720,10", output);
    }

    [Fact]
    public void View_without_a_display_says_so_in_one_line_and_how_to_get_frames()
    {
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", Path.Combine("examples", "cuba.csx"), "--view");
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("there is no display", line, StringComparison.Ordinal);
        Assert.Contains("--mp4", line, StringComparison.Ordinal);
        Assert.Contains("--frames", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Mp4_without_ffmpeg_names_the_package_and_the_png_alternative()
    {
        var emptyPath = Directory.CreateDirectory(Path.Combine(_work, "bin")).FullName;
        var env = new Dictionary<string, string?>(NoDisplay) { ["PATH"] = emptyPath };
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, env, "run", Path.Combine("examples", "cuba.csx"),
            "--duration", "20ms", "--mp4", Path.Combine(_work, "x.mp4"), "--quiet");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("ffmpeg is not installed", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("--frames DIR", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Replay_renders_a_recording_into_frames_and_without_a_display_prints_its_table()
    {
        Egl.Require();
        var recording = Path.Combine(_work, "cuba.dnr");
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", Path.Combine("examples", "cuba.csx"), "--duration", "100ms", "--record", recording, "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());

        var frames = Path.Combine(_work, "replay");
        r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "replay", recording, "--frames", frames, "--frame-interval", "20ms");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(5, Directory.GetFiles(frames, "frame-*.png").Length);
        Assert.Contains($"wrote 5 frames to {frames}", r.StdErr, StringComparison.Ordinal);

        r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "replay", recording);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("no display", r.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header and one 100 ms row

        r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "replay", recording, "--view");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("there is no display", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_frames_without_egl_name_the_packages_and_are_not_reported_as_a_bug()
    {
        var recording = Path.Combine(_work, "cuba.dnr");
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, "run", Path.Combine("examples", "cuba.csx"), "--duration", "20ms", "--record", recording, "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());

        var env = new Dictionary<string, string?>(NoDisplay) { ["DENDRA_EGL_LIBRARY"] = "/nonexistent/libEGL.so.1" };
        r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, env, "replay", recording, "--frames", Path.Combine(_work, "frames"));
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("error: EGL is not installed", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("apt-get install libegl1", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void View_without_glfw_names_the_package()
    {
        var env = new Dictionary<string, string?> { ["DISPLAY"] = ":0", ["DENDRA_GLFW_LIBRARY"] = "/nonexistent/libglfw.so.3" };
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, env, "run", Path.Combine("examples", "cuba.csx"), "--view", "--duration", "10ms");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("apt-get install libglfw3", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/libglfw.so.3", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--offscreen" }, "add --frames DIR")]
    [InlineData(new[] { "--frames", "a", "--mp4", "b.mp4" }, "not both")]
    [InlineData(new[] { "--frame-interval", "5ms" }, "add --frames DIR or --mp4 FILE")]
    public void Inconsistent_display_options_are_usage_errors(string[] options, string message)
    {
        var r = DendraProcess.RunWith(DendraProcess.RepositoryRoot, NoDisplay, ["run", Path.Combine("examples", "cuba.csx"), .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.StdErr, StringComparison.Ordinal);
    }
}

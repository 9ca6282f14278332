using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Dendra.Render.Drawing;

namespace Dendra.Render.Output;

/// <summary>Encodes frames into an MP4 file (H.264) by piping raw RGBA frames into <c>ffmpeg</c>.</summary>
public sealed class Mp4Video : IFrameSink
{
    private readonly Process _ffmpeg;
    private readonly Stream _input;
    private readonly Task<string> _log;
    private readonly int _width;
    private readonly int _height;
    private bool _closed;

    /// <summary>Starts ffmpeg writing <paramref name="path"/> at <paramref name="framesPerSecond"/>.</summary>
    /// <exception cref="RenderException">ffmpeg is not installed (the message says how to get it or PNG frames instead).</exception>
    public Mp4Video(string path, int width, int height, int framesPerSecond = 30, string ffmpeg = "ffmpeg")
    {
        Destination = Path.GetFullPath(path);
        _width = width;
        _height = height;
        var folder = Path.GetDirectoryName(Destination);
        if (folder is not null) Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // yuv420p needs even sizes; scale rounds them down by at most one pixel.
        foreach (var a in new[]
        {
            "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgba",
            "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-r", framesPerSecond.ToString(CultureInfo.InvariantCulture), "-i", "-",
            "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", Destination,
        })
            start.ArgumentList.Add(a);
        try
        {
            _ffmpeg = Process.Start(start) ?? throw new RenderException("ffmpeg did not start");
        }
        catch (Win32Exception e)
        {
            throw new RenderException($"ffmpeg is not installed (no {ffmpeg} on PATH): MP4 output needs it. On Debian or Ubuntu: apt-get install ffmpeg; or write PNG frames instead (--frames DIR)", e);
        }
        _input = _ffmpeg.StandardInput.BaseStream;
        _log = _ffmpeg.StandardError.ReadToEndAsync();
        _ = _ffmpeg.StandardOutput.ReadToEndAsync();
    }

    /// <summary>True when an <c>ffmpeg</c> program is on the PATH.</summary>
    public static bool FfmpegAvailable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "ffmpeg")));

    /// <inheritdoc/>
    public string Destination { get; }

    /// <inheritdoc/>
    public int Frames { get; private set; }

    /// <inheritdoc/>
    public void Write(RgbaImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != _width || frame.Height != _height)
            throw new ArgumentException($"frame is {frame.Width}×{frame.Height}, the video {_width}×{_height}", nameof(frame));
        try
        {
            _input.Write(frame.Pixels);
        }
        catch (IOException e)
        {
            throw new RenderException($"ffmpeg stopped taking frames for {Destination}: {FfmpegLog()}", e);
        }
        Frames++;
    }

    /// <summary>Finishes the file: closes ffmpeg's input and waits for it to write the MP4.</summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            _input.Dispose();
        }
        catch (IOException)
        {
            // ffmpeg already exited; its exit code and log say why.
        }
        if (!_ffmpeg.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            _ffmpeg.Kill();
            throw new RenderException($"ffmpeg did not finish writing {Destination} within 2 minutes");
        }
        if (_ffmpeg.ExitCode != 0) throw new RenderException($"ffmpeg failed writing {Destination} (exit code {_ffmpeg.ExitCode}): {FfmpegLog()}");
    }

    private string FfmpegLog() => _log.Wait(TimeSpan.FromSeconds(5)) ? _log.Result.Trim() : "(no message)";

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_closed)
        {
            try
            {
                Close();
            }
            catch (RenderException)
            {
                // Dispose must not throw; Close reports the failure to callers that ask.
            }
        }
        _ffmpeg.Dispose();
    }
}

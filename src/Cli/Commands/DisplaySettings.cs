using Dendra.Render.Live;

namespace Dendra.Cli.Commands;

/// <summary>How a run is shown: a live window, or frames rendered offscreen into PNG files or an MP4.</summary>
/// <param name="Window">A live window (else offscreen).</param>
/// <param name="FramesFolder">Folder for PNG frames, when asked for.</param>
/// <param name="Mp4Path">MP4 file, when asked for.</param>
/// <param name="FrameInterval">Simulated seconds between offscreen frames.</param>
internal sealed record DisplaySettings(bool Window, string? FramesFolder, string? Mp4Path, double FrameInterval)
{
    /// <summary>Default simulated time between offscreen frames: 1 s of simulation is 100 frames (3.3 s of video at 30 fps).</summary>
    public const double DefaultFrameInterval = 0.01;

    /// <summary>True when <c>--frame-interval</c> was given (not the default): a learner's frames, which come at fixed
    /// minibatches rather than simulated times, then say that it has no effect on them.</summary>
    public bool FrameIntervalGiven { get; init; }

    /// <summary>
    /// What the display options ask for: nothing (null); offscreen frames when <c>--frames</c> or <c>--mp4</c> is
    /// given; a live window for <c>--view</c> when there is a display. <c>--view</c> without a display, or
    /// <c>--offscreen</c> with nowhere to put frames, is a usage error that says how to get frames instead.
    /// </summary>
    public static DisplaySettings? Resolve(bool view, bool offscreen, string? frames, string? mp4, double? frameInterval, bool displayAvailable)
    {
        if (frames is not null && mp4 is not null) throw new UsageException("give either --frames DIR or --mp4 FILE, not both");
        if (frames is not null || mp4 is not null)
            return new DisplaySettings(false, frames is null ? null : Path.GetFullPath(frames), mp4 is null ? null : Path.GetFullPath(mp4), frameInterval ?? DefaultFrameInterval)
            {
                FrameIntervalGiven = frameInterval is not null,
            };
        if (frameInterval is not null) throw new UsageException("--frame-interval sets the time between offscreen frames: add --frames DIR or --mp4 FILE");
        if (offscreen) throw new UsageException("--offscreen renders frames into files: add --frames DIR (PNG frames) or --mp4 FILE (video, needs ffmpeg)");
        if (!view) return null;
        if (!displayAvailable) throw new UsageException("there is no display (DISPLAY is not set), so --view cannot open a window; render offscreen instead: --mp4 run.mp4 or --frames DIR");
        return new DisplaySettings(true, null, null, DefaultFrameInterval);
    }

    /// <summary>True when a display server is reachable.</summary>
    public static bool DisplayAvailable => Display.Available;
}

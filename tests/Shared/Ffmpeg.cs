namespace Dendra.Tests;

/// <summary>
/// Whether <c>ffmpeg</c> (which writes MP4 videos) and <c>ffprobe</c> (which the tests use to count a video's frames)
/// are installed: Debian's <c>ffmpeg</c>. See <see cref="Prerequisite"/> for what happens when they are missing.
/// </summary>
internal static class Ffmpeg
{
    private static readonly Lazy<string?> Missing = new(() =>
        ProgramsOnPath.Has("ffmpeg") && ProgramsOnPath.Has("ffprobe") ? null : "ffmpeg: not installed (no ffmpeg or ffprobe on PATH); install ffmpeg");

    /// <summary>Skips the calling test (fails it on CI) when ffmpeg or ffprobe is missing.</summary>
    public static void Require() => Prerequisite.Require(Missing.Value);
}

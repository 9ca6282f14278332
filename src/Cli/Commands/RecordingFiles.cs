using Dendra.Simulator.Recording;

namespace Dendra.Cli.Commands;

/// <summary>Opens the recording a command was given, turning a missing, foreign or damaged file into one clear message.</summary>
internal static class RecordingFiles
{
    /// <summary>Opens <paramref name="path"/>; throws <see cref="UsageException"/> with the reason when it cannot.</summary>
    public static RecordingReader Open(string path)
    {
        try
        {
            return RecordingReader.Open(path);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"{path}: no such file");
        }
        catch (RecordingFormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot be read: {e.Message}");
        }
    }

    /// <summary>Runs a read on an open recording, turning damage found while reading into one clear message.</summary>
    public static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (RecordingFormatException e)
        {
            throw new UsageException(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>A name made safe for a file name (projection names hold arrows, for one).</summary>
    public static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    /// <summary>A line saying the file was cut short, or null for a complete one.</summary>
    public static string? CutShortNote(RecordingReader recording) => recording.IsComplete ? null
        : $"note: {recording.Path} was cut short (the run stopped before the recording was closed); it holds the {recording.Chunks.Count} whole chunks written before";
}

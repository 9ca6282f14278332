namespace Dendra.Simulator.Recording;

/// <summary>
/// A file that is not a readable Dendra recording or checkpoint: not one at all, a newer format version, or
/// damaged at a known position. The message names the file, the position and what was wrong.
/// </summary>
public sealed class RecordingFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/> at byte <paramref name="offset"/> (−1 when no position applies).</summary>
    public RecordingFormatException(string path, long offset, string problem, Exception? inner = null)
        : base(offset >= 0 ? $"{path}: {problem} (at byte {offset})" : $"{path}: {problem}", inner)
    {
        Path = path;
        Offset = offset;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Byte position of the problem, or −1.</summary>
    public long Offset { get; }
}

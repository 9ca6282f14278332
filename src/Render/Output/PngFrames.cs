using System.Globalization;
using Dendra.Render.Drawing;

namespace Dendra.Render.Output;

/// <summary>Writes each frame as <c>frame-000001.png</c>, <c>frame-000002.png</c>, … into a folder.</summary>
public sealed class PngFrames : IFrameSink
{
    private readonly string _folder;

    /// <summary>Writes into <paramref name="folder"/> (created if missing).</summary>
    public PngFrames(string folder)
    {
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    /// <inheritdoc/>
    public string Destination => _folder;

    /// <inheritdoc/>
    public int Frames { get; private set; }

    /// <inheritdoc/>
    public void Write(RgbaImage frame)
    {
        Frames++;
        PngFile.Write(Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"frame-{Frames:D6}.png")), frame);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}

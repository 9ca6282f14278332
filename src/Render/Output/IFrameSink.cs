using Dendra.Render.Drawing;

namespace Dendra.Render.Output;

/// <summary>Where rendered frames go: PNG files or a video.</summary>
public interface IFrameSink : IDisposable
{
    /// <summary>Takes the next frame.</summary>
    void Write(RgbaImage frame);

    /// <summary>What was written, for the user: a folder or a file.</summary>
    string Destination { get; }

    /// <summary>Frames written so far.</summary>
    int Frames { get; }
}

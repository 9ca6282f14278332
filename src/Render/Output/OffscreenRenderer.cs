using Dendra.Render.Activity;
using Dendra.Render.Context;
using Dendra.Render.Drawing;
using Dendra.Render.Views;

namespace Dendra.Render.Output;

/// <summary>
/// Renders frames with no window: an OpenGL context of its own (EGL, no display server needed) drawing into a
/// framebuffer that is read back. Use it from one thread; frames come back as images for PNG files or a video.
/// </summary>
public sealed class OffscreenRenderer : IDisposable
{
    private readonly HeadlessContext _context;
    private readonly Framebuffer _target;
    private readonly FrameRenderer _renderer;

    /// <summary>Creates a renderer of <paramref name="width"/> × <paramref name="height"/> frames.</summary>
    /// <exception cref="RenderException">No OpenGL 3.3 context can be had (the message says which package is missing).</exception>
    public OffscreenRenderer(int width, int height)
    {
        _context = HeadlessContext.Create();
        try
        {
            _target = new Framebuffer(_context.Gl, width, height);
            _renderer = new FrameRenderer(_context.Gl);
        }
        catch
        {
            _context.Dispose();
            throw;
        }
    }

    /// <summary>Frame width in pixels.</summary>
    public int Width => _target.Width;

    /// <summary>Frame height in pixels.</summary>
    public int Height => _target.Height;

    /// <summary>The OpenGL renderer that draws (e.g. llvmpipe).</summary>
    public string Device => _context.Renderer;

    /// <summary>Renders one frame of <paramref name="snapshot"/> laid out by <paramref name="layout"/>.</summary>
    public RgbaImage Render(ActivitySnapshot snapshot, Layout layout, double fps = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(layout);
        _target.Bind();
        _renderer.Draw(snapshot, layout, Width, Height, fps);
        var image = new RgbaImage(Width, Height);
        _target.ReadRgba().CopyTo(image.Pixels, 0);
        return image;
    }

    /// <summary>Where each view's plot lies in a frame of this size (for tests and tools that read pixels back).</summary>
    /// <param name="layout">The layout.</param>
    /// <param name="withTimeline">True for a replay's frames, which keep a strip for the scrub bar.</param>
    public IReadOnlyList<Area> PlotAreas(Layout layout, bool withTimeline = false)
    {
        ArgumentNullException.ThrowIfNull(layout);
        int height = withTimeline ? Height - FrameRenderer.TimelineHeight - Layout.Padding : Height;
        return layout.Arrange(Width, height, _renderer.LineHeight).Panels.Select(p => p.Plot).ToList();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _renderer.Dispose();
        _target.Dispose();
        _context.Dispose();
    }
}

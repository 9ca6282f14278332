using Silk.NET.OpenGL;

namespace Dendra.Render.Drawing;

/// <summary>An offscreen render target: a framebuffer object with an RGBA8 colour buffer, read back as top-down rows.</summary>
internal sealed class Framebuffer : IDisposable
{
    private readonly GL _gl;
    private readonly uint _framebuffer;
    private readonly uint _color;

    /// <summary>Creates a <paramref name="width"/> × <paramref name="height"/> target.</summary>
    public Framebuffer(GL gl, int width, int height)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"a frame must be at least 1×1 pixels, got {width}×{height}");
        _gl = gl;
        Width = width;
        Height = height;
        _framebuffer = gl.GenFramebuffer();
        _color = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _color);
        gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Rgba8, (uint)width, (uint)height);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, _framebuffer);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, _color);
        var status = gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete)
            throw new RenderException($"the offscreen framebuffer ({width}×{height}) is incomplete: {status}");
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Makes this the target of drawing, covering the whole viewport.</summary>
    public void Bind()
    {
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, _framebuffer);
        _gl.Viewport(0, 0, (uint)Width, (uint)Height);
    }

    /// <summary>Reads the pixels as RGBA bytes, the top row first (OpenGL's rows go bottom up).</summary>
    public unsafe byte[] ReadRgba()
    {
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, _framebuffer);
        _gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        var bottomUp = new byte[Width * Height * 4];
        fixed (byte* p = bottomUp)
            _gl.ReadPixels(0, 0, (uint)Width, (uint)Height, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        var topDown = new byte[bottomUp.Length];
        int row = Width * 4;
        for (int y = 0; y < Height; y++)
            System.Buffer.BlockCopy(bottomUp, (Height - 1 - y) * row, topDown, y * row, row);
        return topDown;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _gl.DeleteFramebuffer(_framebuffer);
        _gl.DeleteRenderbuffer(_color);
    }
}

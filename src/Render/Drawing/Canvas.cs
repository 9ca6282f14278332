using Silk.NET.OpenGL;

namespace Dendra.Render.Drawing;

/// <summary>
/// Draws in pixel coordinates (origin top left) on the current OpenGL target: filled rectangles and lines in one
/// batched draw call each, images as one textured quad (nearest-neighbour, so each image pixel is one frame pixel),
/// and text from a glyph atlas. Everything is queued and drawn in order by <see cref="Flush"/>.
/// </summary>
internal sealed class Canvas : IDisposable
{
    private const string ColorVertex = """
        #version 330 core
        layout(location = 0) in vec2 position;
        layout(location = 1) in vec4 color;
        uniform vec2 size;
        out vec4 vColor;
        void main() {
            gl_Position = vec4(position.x * 2.0 / size.x - 1.0, 1.0 - position.y * 2.0 / size.y, 0.0, 1.0);
            vColor = color;
        }
        """;

    private const string ColorFragment = """
        #version 330 core
        in vec4 vColor;
        out vec4 fragColor;
        void main() { fragColor = vColor; }
        """;

    private const string TextureVertex = """
        #version 330 core
        layout(location = 0) in vec2 position;
        layout(location = 1) in vec2 uv;
        uniform vec2 size;
        out vec2 vUv;
        void main() {
            gl_Position = vec4(position.x * 2.0 / size.x - 1.0, 1.0 - position.y * 2.0 / size.y, 0.0, 1.0);
            vUv = uv;
        }
        """;

    private const string TextureFragment = """
        #version 330 core
        in vec2 vUv;
        uniform sampler2D image;
        uniform vec4 tint;
        out vec4 fragColor;
        void main() { fragColor = texture(image, vUv) * tint; }
        """;

    private readonly GL _gl;
    private readonly ShaderProgram _colorProgram;
    private readonly ShaderProgram _textureProgram;
    private readonly uint _vao;
    private readonly uint _vbo;
    private readonly ImageTextures _imageTextures;
    private RgbaImage? _scratch;
    private readonly List<float> _triangles = [];
    private readonly List<float> _lines = [];
    private readonly GlyphAtlas _glyphs;
    private int _width;
    private int _height;

    /// <summary>Creates the shaders and buffers on the current context.</summary>
    public Canvas(GL gl)
    {
        _gl = gl;
        _colorProgram = new ShaderProgram(gl, "colour", ColorVertex, ColorFragment);
        _textureProgram = new ShaderProgram(gl, "texture", TextureVertex, TextureFragment);
        _vao = gl.GenVertexArray();
        _vbo = gl.GenBuffer();
        _imageTextures = new ImageTextures(gl);
        _glyphs = new GlyphAtlas(gl);
    }

    /// <summary>Line height of text in pixels.</summary>
    public int TextHeight => _glyphs.LineHeight;

    /// <summary>Starts a frame of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public void Begin(int width, int height)
    {
        _width = width;
        _height = height;
        _gl.Viewport(0, 0, (uint)width, (uint)height);
        _gl.Disable(EnableCap.DepthTest);
        _gl.Enable(EnableCap.Blend);
        _gl.BlendFunc(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha);
    }

    /// <summary>Clears the frame.</summary>
    public void Clear(Rgba color)
    {
        _gl.ClearColor(color.R / 255f, color.G / 255f, color.B / 255f, color.A / 255f);
        _gl.Clear(ClearBufferMask.ColorBufferBit);
    }

    /// <summary>Queues a filled rectangle covering exactly the pixels of <paramref name="area"/>.</summary>
    public void Fill(Area area, Rgba color)
    {
        float x0 = area.X, y0 = area.Y, x1 = area.Right, y1 = area.Bottom;
        Vertex(_triangles, x0, y0, color); Vertex(_triangles, x1, y0, color); Vertex(_triangles, x1, y1, color);
        Vertex(_triangles, x0, y0, color); Vertex(_triangles, x1, y1, color); Vertex(_triangles, x0, y1, color);
    }

    /// <summary>Queues a one-pixel line between two points (pixel centres are at +0.5).</summary>
    public void Line(float x0, float y0, float x1, float y1, Rgba color)
    {
        Vertex(_lines, x0, y0, color);
        Vertex(_lines, x1, y1, color);
    }

    /// <summary>Queues a polyline through <paramref name="points"/>.</summary>
    public void Polyline(IReadOnlyList<(float X, float Y)> points, Rgba color)
    {
        for (int k = 1; k < points.Count; k++) Line(points[k - 1].X, points[k - 1].Y, points[k].X, points[k].Y, color);
    }

    /// <summary>Queues the outline of <paramref name="area"/>.</summary>
    public void Frame(Area area, Rgba color)
    {
        float x0 = area.X + 0.5f, y0 = area.Y + 0.5f, x1 = area.Right - 0.5f, y1 = area.Bottom - 0.5f;
        Line(x0, y0, x1, y0, color); Line(x1, y0, x1, y1, color); Line(x1, y1, x0, y1, color); Line(x0, y1, x0, y0, color);
    }

    /// <summary>Draws <paramref name="image"/> pixel for pixel at the top left of <paramref name="area"/> (scaled to fill it).</summary>
    public unsafe void Image(Area area, RgbaImage image)
    {
        if (image.Width == 0 || image.Height == 0 || area.Width == 0 || area.Height == 0) return;
        Flush();
        _imageTextures.Upload(image);
        DrawTexturedQuads([Quad(area.X, area.Y, area.Right, area.Bottom, 0, 0, 1, 1)], new Rgba(255, 255, 255));
    }

    /// <summary>
    /// A transparent <paramref name="width"/> × <paramref name="height"/> image for a view to compose and hand to
    /// <see cref="Image"/>, the same buffer every call while the size stays (so a 1280 × 720 window does not allocate
    /// megabytes per frame on the large-object heap, whose collections pause the simulation's threads too). Valid until
    /// the next call.
    /// </summary>
    public RgbaImage Scratch(int width, int height)
    {
        if (_scratch is null || _scratch.Width != width || _scratch.Height != height) _scratch = new RgbaImage(width, height);
        else Array.Clear(_scratch.Pixels);
        return _scratch;
    }

    /// <summary>Queues text with its top left at (<paramref name="x"/>, <paramref name="y"/>); returns its width in pixels.</summary>
    public int Text(int x, int y, string text, Rgba color)
    {
        Flush();
        var quads = new List<float[]>();
        int pen = x;
        foreach (var c in text)
        {
            var g = _glyphs.Glyph(c);
            if (g.Width > 0)
                quads.Add(Quad(pen + g.OffsetX, y + g.OffsetY, pen + g.OffsetX + g.Width, y + g.OffsetY + g.Height, g.U0, g.V0, g.U1, g.V1));
            pen += g.Advance;
        }
        if (quads.Count > 0)
        {
            _gl.BindTexture(TextureTarget.Texture2D, _glyphs.Texture);
            DrawTexturedQuads(quads, color);
        }
        return pen - x;
    }

    /// <summary>Width of <paramref name="text"/> in pixels.</summary>
    public int MeasureText(string text) => text.Sum(c => _glyphs.Glyph(c).Advance);

    /// <summary>Draws everything queued.</summary>
    public unsafe void Flush()
    {
        DrawColored(_triangles, PrimitiveType.Triangles);
        DrawColored(_lines, PrimitiveType.Lines);
    }

    private unsafe void DrawColored(List<float> vertices, PrimitiveType primitive)
    {
        if (vertices.Count == 0) return;
        _gl.UseProgram(_colorProgram.Handle);
        _gl.Uniform2(_colorProgram.Uniform("size"), (float)_width, _height);
        _gl.BindVertexArray(_vao);
        _gl.BindBuffer(BufferTargetARB.ArrayBuffer, _vbo);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(vertices);
        fixed (float* p = span)
            _gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(span.Length * sizeof(float)), p, BufferUsageARB.StreamDraw);
        _gl.EnableVertexAttribArray(0);
        _gl.VertexAttribPointer(0, 2, VertexAttribPointerType.Float, false, 6 * sizeof(float), (void*)0);
        _gl.EnableVertexAttribArray(1);
        _gl.VertexAttribPointer(1, 4, VertexAttribPointerType.Float, false, 6 * sizeof(float), (void*)(2 * sizeof(float)));
        _gl.DrawArrays(primitive, 0, (uint)(vertices.Count / 6));
        vertices.Clear();
    }

    private unsafe void DrawTexturedQuads(List<float[]> quads, Rgba tint)
    {
        var data = quads.SelectMany(q => q).ToArray();
        _gl.UseProgram(_textureProgram.Handle);
        _gl.Uniform2(_textureProgram.Uniform("size"), (float)_width, _height);
        _gl.Uniform1(_textureProgram.Uniform("image"), 0);
        _gl.Uniform4(_textureProgram.Uniform("tint"), tint.R / 255f, tint.G / 255f, tint.B / 255f, tint.A / 255f);
        _gl.ActiveTexture(TextureUnit.Texture0);
        _gl.BindVertexArray(_vao);
        _gl.BindBuffer(BufferTargetARB.ArrayBuffer, _vbo);
        fixed (float* p = data)
            _gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(data.Length * sizeof(float)), p, BufferUsageARB.StreamDraw);
        _gl.EnableVertexAttribArray(0);
        _gl.VertexAttribPointer(0, 2, VertexAttribPointerType.Float, false, 4 * sizeof(float), (void*)0);
        _gl.EnableVertexAttribArray(1);
        _gl.VertexAttribPointer(1, 2, VertexAttribPointerType.Float, false, 4 * sizeof(float), (void*)(2 * sizeof(float)));
        _gl.DrawArrays(PrimitiveType.Triangles, 0, (uint)(data.Length / 4));
    }

    private static float[] Quad(float x0, float y0, float x1, float y1, float u0, float v0, float u1, float v1) =>
    [
        x0, y0, u0, v0, x1, y0, u1, v0, x1, y1, u1, v1,
        x0, y0, u0, v0, x1, y1, u1, v1, x0, y1, u0, v1,
    ];

    private static void Vertex(List<float> list, float x, float y, Rgba c)
    {
        list.Add(x); list.Add(y);
        list.Add(c.R / 255f); list.Add(c.G / 255f); list.Add(c.B / 255f); list.Add(c.A / 255f);
    }

    /// <summary>A texture sampled nearest-neighbour and clamped: one texel per frame pixel, nothing bleeding over edges.</summary>
    internal static uint CreateTexture(GL gl)
    {
        uint texture = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, texture);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);
        return texture;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _glyphs.Dispose();
        _imageTextures.Dispose();
        _gl.DeleteBuffer(_vbo);
        _gl.DeleteVertexArray(_vao);
        _colorProgram.Dispose();
        _textureProgram.Dispose();
    }
}

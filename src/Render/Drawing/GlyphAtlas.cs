using Silk.NET.OpenGL;
using SkiaSharp;

namespace Dendra.Render.Drawing;

/// <summary>
/// The printable ASCII characters rasterized once by SkiaSharp (DejaVu Sans Mono where installed) into one texture of
/// white glyphs on transparent cells, so that text is drawn as tinted quads. Other characters draw as '?'.
/// </summary>
internal sealed class GlyphAtlas : IDisposable
{
    /// <summary>Where one character lies in the atlas and how far it moves the pen.</summary>
    internal readonly record struct GlyphCell(int Width, int Height, int OffsetX, int OffsetY, int Advance, float U0, float V0, float U1, float V1);

    private const char First = ' ', Last = '~';
    private const float FontSize = 13f;
    private const int Columns = 16;
    private readonly GL _gl;
    private readonly GlyphCell[] _cells = new GlyphCell[Last - First + 1];

    /// <summary>Rasterizes the glyphs and uploads the atlas to the current context.</summary>
    public unsafe GlyphAtlas(GL gl)
    {
        _gl = gl;
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans Mono") ?? SKTypeface.Default;
        using var font = new SKFont(typeface, FontSize) { Edging = SKFontEdging.Antialias };
        var metrics = font.Metrics;
        LineHeight = (int)Math.Ceiling(metrics.Descent - metrics.Ascent);
        int cellWidth = (int)Math.Ceiling(Enumerable.Range(First, Last - First + 1).Max(c => font.MeasureText(((char)c).ToString())));
        int rows = (_cells.Length + Columns - 1) / Columns;
        int width = Columns * cellWidth, height = rows * LineHeight;

        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.White, IsAntialias = true })
        {
            canvas.Clear(SKColors.Transparent);
            for (int k = 0; k < _cells.Length; k++)
            {
                var text = ((char)(First + k)).ToString();
                int cx = k % Columns * cellWidth, cy = k / Columns * LineHeight;
                canvas.DrawText(text, cx, cy - metrics.Ascent, font, paint);
                int advance = (int)Math.Round(font.MeasureText(text));
                _cells[k] = new GlyphCell(cellWidth, LineHeight, 0, 0, advance,
                    cx / (float)width, cy / (float)height, (cx + cellWidth) / (float)width, (cy + LineHeight) / (float)height);
            }
        }

        Texture = Canvas.CreateTexture(gl);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)width, (uint)height, 0, PixelFormat.Rgba, PixelType.UnsignedByte, (void*)bitmap.GetPixels());
    }

    /// <summary>The atlas texture.</summary>
    public uint Texture { get; }

    /// <summary>Height of a line of text in pixels.</summary>
    public int LineHeight { get; }

    /// <summary>The cell of <paramref name="c"/> ('?' for characters outside printable ASCII).</summary>
    public GlyphCell Glyph(char c) => _cells[(c is >= First and <= Last ? c : '?') - First];

    /// <inheritdoc/>
    public void Dispose() => _gl.DeleteTexture(Texture);
}

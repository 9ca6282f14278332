namespace Dendra.Render.Drawing;

/// <summary>A CPU-side picture, top row first, 4 bytes per pixel: what views compose before one texture upload.</summary>
public sealed class RgbaImage
{
    /// <summary>Creates a transparent image.</summary>
    public RgbaImage(int width, int height)
    {
        if (width < 0 || height < 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}×{height}");
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 4];
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>RGBA bytes, row by row from the top.</summary>
    public byte[] Pixels { get; }

    /// <summary>Sets one pixel (ignored outside the image).</summary>
    public void Set(int x, int y, Rgba color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return;
        int k = (y * Width + x) * 4;
        Pixels[k] = color.R;
        Pixels[k + 1] = color.G;
        Pixels[k + 2] = color.B;
        Pixels[k + 3] = color.A;
    }

    /// <summary>The colour of one pixel.</summary>
    public Rgba Get(int x, int y)
    {
        int k = (y * Width + x) * 4;
        return new Rgba(Pixels[k], Pixels[k + 1], Pixels[k + 2], Pixels[k + 3]);
    }

    /// <summary>Fills the whole image with one colour.</summary>
    public void Fill(Rgba color)
    {
        for (int k = 0; k < Pixels.Length; k += 4)
        {
            Pixels[k] = color.R;
            Pixels[k + 1] = color.G;
            Pixels[k + 2] = color.B;
            Pixels[k + 3] = color.A;
        }
    }
}

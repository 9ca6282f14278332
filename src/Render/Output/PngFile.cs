using Dendra.Render.Drawing;
using SkiaSharp;

namespace Dendra.Render.Output;

/// <summary>Writes frames as PNG files.</summary>
public static class PngFile
{
    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/> (folders are created).</summary>
    public static void Write(string path, RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        System.Runtime.InteropServices.Marshal.Copy(image.Pixels, 0, bitmap.GetPixels(), image.Pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}

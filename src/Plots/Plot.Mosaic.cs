using SkiaSharp;

namespace Dendra.Plots;

public static partial class Plot
{
    /// <summary>
    /// A receptive-field mosaic: each unit's weights as a <paramref name="width"/> × <paramref name="height"/> tile, tiles in
    /// a square-ish grid with a one-pixel gap, each pixel drawn <paramref name="scale"/> × <paramref name="scale"/>. Signed
    /// weights are red (positive) and blue (negative), black at zero, scaled by the tile's largest magnitude (the live
    /// receptive-field view's colours); a tile of non-negative weights is grey from its smallest to its largest.
    /// </summary>
    /// <param name="path">The PNG file to write (its folder is created).</param>
    /// <param name="weights">The weights, row-major [unit, pixel].</param>
    /// <param name="units">How many units (tiles).</param>
    /// <param name="width">Tile width in pixels of the input (28 for MNIST).</param>
    /// <param name="height">Tile height.</param>
    /// <param name="scale">Screen pixels per input pixel.</param>
    public static void Mosaic(string path, ReadOnlySpan<float> weights, int units, int width, int height, int scale = 3)
    {
        if (units < 1 || width < 1 || height < 1 || scale < 1) throw new ArgumentOutOfRangeException(nameof(units), "a mosaic needs at least one tile of at least one pixel");
        if (weights.Length != (long)units * width * height)
            throw new ArgumentException($"{units} tiles of {width}×{height} need {(long)units * width * height} weights, got {weights.Length}", nameof(weights));
        int columns = (int)Math.Ceiling(Math.Sqrt(units)), rows = (units + columns - 1) / columns;
        int tileWidth = width * scale + 1, tileHeight = height * scale + 1;
        int imageWidth = columns * tileWidth + 1;
        // Colours go into one array, handed to the bitmap in one call: SKBitmap.SetPixel crosses into native code per
        // pixel, and a mosaic of 2000 MNIST units at scale 3 has 14 million pixels (34 s that way on a loaded machine).
        var pixels = new SKColor[imageWidth * (rows * tileHeight + 1)];
        Array.Fill(pixels, new SKColor(128, 128, 128));
        for (int unit = 0; unit < units; unit++)
        {
            var tile = weights.Slice(unit * width * height, width * height);
            float min = float.PositiveInfinity, max = float.NegativeInfinity, magnitude = 0;
            foreach (var w in tile) (min, max, magnitude) = (Math.Min(min, w), Math.Max(max, w), Math.Max(magnitude, Math.Abs(w)));
            int left = 1 + unit % columns * tileWidth, top = 1 + unit / columns * tileHeight;
            for (int k = 0; k < tile.Length; k++)
            {
                var color = TileColor(tile[k], min, max, magnitude);
                for (int dy = 0; dy < scale; dy++)
                    for (int dx = 0; dx < scale; dx++) pixels[(top + k / width * scale + dy) * imageWidth + left + k % width * scale + dx] = color;
            }
        }
        using var bitmap = new SKBitmap(imageWidth, rows * tileHeight + 1);
        bitmap.Pixels = pixels;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>A weight's colour within its tile.</summary>
    internal static SKColor TileColor(float w, float min, float max, float magnitude)
    {
        if (!float.IsFinite(w)) return SKColors.Yellow;
        if (min >= 0)
        {
            byte g = max > min ? (byte)Math.Round(255 * (w - min) / (max - min)) : (byte)0;
            return new SKColor(g, g, g);
        }
        float t = magnitude > 0 ? Math.Abs(w) / magnitude : 0;
        return w >= 0 ? new SKColor((byte)Math.Round(255 * t), (byte)Math.Round(60 * t), (byte)Math.Round(40 * t))
            : new SKColor((byte)Math.Round(60 * t), (byte)Math.Round(120 * t), (byte)Math.Round(255 * t));
    }
}

using SkiaSharp;

namespace Dendra.Plots.Tests;

/// <summary>The receptive-field mosaic: where each tile lands and what colour each weight gets, read back from the PNG.</summary>
public sealed class MosaicTests
{
    [Fact]
    public void Each_units_weights_are_a_tile_coloured_by_sign_and_magnitude()
    {
        // Three units of 4×3 weights at 5 pixels each: a 2×2 grid of tiles (the fourth empty). Unit 0 is signed (red for
        // positive, blue for negative, scaled by its largest magnitude), units 1 and 2 are non-negative (grey levels).
        const int width = 4, height = 3, scale = 5;
        var weights = new float[3 * width * height];
        for (int k = 0; k < width * height; k++)
        {
            weights[k] = k - 4;                       // −4 … 7
            weights[width * height + k] = k;          // 0 … 11
            weights[2 * width * height + k] = 2;      // constant: black
        }
        string path = Path.Combine(Path.GetTempPath(), $"dendra-mosaic-{Guid.NewGuid():N}.png");
        try
        {
            Plot.Mosaic(path, weights, 3, width, height, scale);
            using var bitmap = SKBitmap.Decode(path);
            int tileWidth = width * scale + 1, tileHeight = height * scale + 1;
            Assert.Equal(2 * tileWidth + 1, bitmap.Width);
            Assert.Equal(2 * tileHeight + 1, bitmap.Height);

            SKColor At(int unit, int pixel, int dx = 0, int dy = 0) =>
                bitmap.GetPixel(1 + unit % 2 * tileWidth + pixel % width * scale + dx, 1 + unit / 2 * tileHeight + pixel / width * scale + dy);
            Assert.Equal(new SKColor(255, 60, 40), At(0, 11, scale - 1, scale - 1)); // +7, the largest magnitude: full red
            Assert.Equal(new SKColor(0, 0, 0), At(0, 4));                           // 0: black
            var negative = At(0, 0, 2, 2);                                         // −4 of 7: blue at 4/7
            Assert.Equal(new SKColor((byte)Math.Round(60 * 4 / 7.0), (byte)Math.Round(120 * 4 / 7.0), (byte)Math.Round(255 * 4 / 7.0)), negative);
            Assert.Equal(new SKColor(0, 0, 0), At(1, 0));
            Assert.Equal(new SKColor(255, 255, 255), At(1, 11));
            Assert.Equal(new SKColor(116, 116, 116), At(1, 5));                      // 5 of 11: round(255·5/11)
            Assert.Equal(new SKColor(0, 0, 0), At(2, 7));
            Assert.Equal(new SKColor(128, 128, 128), bitmap.GetPixel(0, 0));         // the gaps and the empty fourth tile
            Assert.Equal(new SKColor(128, 128, 128), bitmap.GetPixel(1 + tileWidth + 3, 1 + tileHeight + 3));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Weights_that_do_not_fill_the_tiles_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Mosaic("never.png", new float[10], 2, 2, 3));
        Assert.Contains("need 12 weights, got 10", e.Message);
    }
}

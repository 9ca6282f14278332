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
    public void Side_by_side_mosaics_put_each_panels_tiles_under_its_title_in_the_same_grid()
    {
        // Two panels of 2 units of 2×2 signed weights at 3 pixels: a 2×1 grid each. The first pixel is the largest
        // magnitude of its tile: in panel "a" positive in unit 0 and negative in unit 1, in panel "b" the other way round,
        // so the same tile of the two panels starts with opposite colours.
        const int width = 2, height = 2, scale = 3, units = 2;
        float[] a = [1, -0.5f, -0.5f, -0.5f, -1, 0.5f, 0.5f, 0.5f], b = [-1, 0.5f, 0.5f, 0.5f, 1, -0.5f, -0.5f, -0.5f];
        string path = Path.Combine(Path.GetTempPath(), $"dendra-mosaics-{Guid.NewGuid():N}.png");
        try
        {
            Plot.MosaicsSideBySide(path, [("a", a), ("b", b)], units, width, height, scale);
            using var bitmap = SKBitmap.Decode(path);
            int tileWidth = width * scale + 1, mosaicWidth = 2 * tileWidth + 1, mosaicHeight = height * scale + 2;
            const int margin = 12, titleHeight = 24;
            Assert.Equal(2 * (mosaicWidth + margin) + margin, bitmap.Width);
            Assert.Equal(titleHeight + mosaicHeight + margin, bitmap.Height);
            SKColor At(int panel, int unit) => bitmap.GetPixel(margin + panel * (mosaicWidth + margin) + 1 + unit * tileWidth + 1, titleHeight + 2);
            var (red, blue) = (new SKColor(255, 60, 40), new SKColor(60, 120, 255));
            Assert.Equal(red, At(0, 0));
            Assert.Equal(blue, At(0, 1));
            Assert.Equal(blue, At(1, 0));
            Assert.Equal(red, At(1, 1));
            Assert.Equal(new SKColor(128, 128, 128), bitmap.GetPixel(margin, titleHeight));          // the grid's outer gap
            Assert.Equal(SKColors.White, bitmap.GetPixel(margin + mosaicWidth + margin / 2, titleHeight + 2)); // between panels
            // Each title is drawn above its panel: some dark pixels in the title band over each.
            for (int panel = 0; panel < 2; panel++)
            {
                int left = margin + panel * (mosaicWidth + margin);
                bool inked = Enumerable.Range(left, mosaicWidth).Any(x => Enumerable.Range(0, titleHeight).Any(y => bitmap.GetPixel(x, y).Red < 128));
                Assert.True(inked, $"no title drawn over panel {panel}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_side_by_side_panel_whose_weights_do_not_fill_the_tiles_is_refused_by_its_title()
    {
        var error = Assert.Throws<ArgumentException>(() => Plot.MosaicsSideBySide("unused.png", [("fast", new float[8]), ("full", new float[7])], 2, 2, 2));
        Assert.Contains("'full'", error.Message);
        Assert.Contains("got 7", error.Message);
    }

    [Fact]
    public void Weights_that_do_not_fill_the_tiles_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Mosaic("never.png", new float[10], 2, 2, 3));
        Assert.Contains("need 12 weights, got 10", e.Message);
    }
}

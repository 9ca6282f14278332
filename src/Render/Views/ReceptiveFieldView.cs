using Dendra.Render.Activity;
using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>
/// Receptive-field mosaic: each unit's incoming weights reshaped to an image, tiles in a square-ish grid. Non-negative
/// weights are grey levels from the tile's smallest (black) to its largest (white); signed weights use blue for negative
/// and red for positive, scaled by the tile's largest magnitude, black at zero.
/// </summary>
/// <param name="projection">Name of the projection whose weights are shown.</param>
public sealed class ReceptiveFieldView(string projection) : IView
{
    /// <summary>Gap between tiles in pixels.</summary>
    internal const int Gap = 1;

    /// <summary>The projection shown.</summary>
    public string Projection { get; } = projection;

    /// <inheritdoc/>
    public string Title => $"receptive fields: {Projection}";

    /// <summary>The mosaic composed at one pixel per weight when it does not fit at that size, reused while its size stays.</summary>
    private RgbaImage? _mosaic;

    void IView.Draw(Canvas canvas, Area plot, ActivitySnapshot snapshot)
    {
        var fields = snapshot.Fields.FirstOrDefault(f => f.Name == Projection);
        if (fields is null || fields.Units == 0) return;
        var (columns, scale) = TileLayout(fields, plot);
        var (width, height) = MosaicSize(fields, columns, scale);
        if (width > plot.Width || height > plot.Height)
        {
            // Too many units for one pixel per weight (2000 units of 28 × 28 need 1304 × 1305): the whole mosaic is
            // composed at that size and drawn shrunk into the panel, rather than cut off at its edges.
            canvas.Image(ShrunkArea(fields, plot), Mosaic(fields, columns));
            return;
        }
        for (int u = 0; u < fields.Units; u++)
            canvas.Image(TileArea(fields, plot, columns, scale, u), Tile(fields, u));
    }

    /// <summary>The width and height of the mosaic in <paramref name="columns"/> columns at <paramref name="scale"/> pixels per weight.</summary>
    internal static (int Width, int Height) MosaicSize(ReceptiveFields fields, int columns, int scale)
    {
        int rows = (fields.Units + columns - 1) / columns;
        return (columns * (fields.Width * scale + Gap) - Gap, rows * (fields.Height * scale + Gap) - Gap);
    }

    /// <summary>Where a mosaic that does not fit at one pixel per weight is drawn: shrunk to the panel, its aspect kept,
    /// at the panel's top left.</summary>
    internal static Area ShrunkArea(ReceptiveFields fields, Area plot)
    {
        var (columns, _) = TileLayout(fields, plot);
        var (width, height) = MosaicSize(fields, columns, 1);
        double shrink = Math.Min((double)plot.Width / width, (double)plot.Height / height);
        return new Area(plot.X, plot.Y, Math.Max(1, (int)(width * shrink)), Math.Max(1, (int)(height * shrink)));
    }

    /// <summary>Every tile at one pixel per weight in one image.</summary>
    private RgbaImage Mosaic(ReceptiveFields fields, int columns)
    {
        var (width, height) = MosaicSize(fields, columns, 1);
        if (_mosaic is null || _mosaic.Width != width || _mosaic.Height != height) _mosaic = new RgbaImage(width, height);
        else Array.Clear(_mosaic.Pixels);
        for (int u = 0; u < fields.Units; u++)
        {
            var tile = Tile(fields, u);
            int x0 = u % columns * (fields.Width + Gap), y0 = u / columns * (fields.Height + Gap);
            for (int y = 0; y < fields.Height; y++)
                for (int x = 0; x < fields.Width; x++)
                    _mosaic.Set(x0 + x, y0 + y, tile.Get(x, y));
        }
        return _mosaic;
    }

    /// <summary>Columns of tiles and the integer scale of each weight pixel that fit every tile into <paramref name="plot"/>.</summary>
    internal static (int Columns, int Scale) TileLayout(ReceptiveFields fields, Area plot)
    {
        int columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(fields.Units)));
        int rows = (fields.Units + columns - 1) / columns;
        int scale = Math.Max(1, Math.Min((plot.Width - (columns - 1) * Gap) / (columns * fields.Width), (plot.Height - (rows - 1) * Gap) / (rows * fields.Height)));
        return (columns, scale);
    }

    /// <summary>Where unit <paramref name="unit"/>'s tile lies.</summary>
    internal static Area TileArea(ReceptiveFields fields, Area plot, int columns, int scale, int unit) =>
        new(plot.X + unit % columns * (fields.Width * scale + Gap), plot.Y + unit / columns * (fields.Height * scale + Gap), fields.Width * scale, fields.Height * scale);

    /// <summary>One unit's weights as an image.</summary>
    internal static RgbaImage Tile(ReceptiveFields fields, int unit)
    {
        int n = fields.Width * fields.Height;
        var values = new ReadOnlySpan<float>(fields.Values, unit * n, n);
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (!float.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var image = new RgbaImage(fields.Width, fields.Height);
        for (int k = 0; k < n; k++)
            image.Set(k % fields.Width, k / fields.Width, Color(values[k], min, max));
        return image;
    }

    /// <summary>The colour of weight <paramref name="v"/> in a tile whose weights span [<paramref name="min"/>, <paramref name="max"/>].</summary>
    internal static Rgba Color(float v, float min, float max)
    {
        if (!float.IsFinite(v) || !float.IsFinite(min)) return new Rgba(0, 0, 0);
        if (min >= 0)
        {
            double level = max > min ? (v - min) / (max - min) : 1;
            var g = (byte)Math.Round(255 * level);
            return new Rgba(g, g, g);
        }
        float magnitude = Math.Max(-min, Math.Max(0, max));
        double t = magnitude > 0 ? Math.Abs(v) / magnitude : 0;
        return v >= 0 ? Rgba.Lerp(new Rgba(0, 0, 0), new Rgba(255, 60, 40), t) : Rgba.Lerp(new Rgba(0, 0, 0), new Rgba(60, 120, 255), t);
    }
}

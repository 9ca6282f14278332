using System.Globalization;
using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>Draws series of (x, y) points into an area with a frame and the y range written at its left: what trace,
/// rate and histogram views share.</summary>
internal static class LinePlot
{
    /// <summary>Room at the left for the y labels.</summary>
    private const int LabelWidth = 64;

    /// <summary>Draws <paramref name="series"/> over x in [<paramref name="x0"/>, <paramref name="x1"/>] and y in [<paramref name="y0"/>, <paramref name="y1"/>].</summary>
    public static void Draw(Canvas canvas, Area plot, IReadOnlyList<(double[] X, double[] Y, Rgba Color)> series,
        double x0, double x1, double y0, double y1, string unit)
    {
        var area = plot.Inset(LabelWidth, 0, 2, 2);
        if (area.Width < 2 || area.Height < 2) return;
        canvas.Frame(area, Rgba.Axis);
        canvas.Text(plot.X, area.Y, Label(y1, unit), Rgba.Axis);
        canvas.Text(plot.X, area.Bottom - canvas.TextHeight, Label(y0, unit), Rgba.Axis);
        if (!(x1 > x0) || !(y1 > y0)) return;
        foreach (var (xs, ys, color) in series)
        {
            var points = new List<(float, float)>(xs.Length);
            for (int k = 0; k < xs.Length; k++)
            {
                if (!double.IsFinite(ys[k])) continue;
                float px = (float)(area.X + 0.5 + (xs[k] - x0) / (x1 - x0) * (area.Width - 1));
                float py = (float)(area.Bottom - 0.5 - (Math.Clamp(ys[k], y0, y1) - y0) / (y1 - y0) * (area.Height - 1));
                points.Add((px, py));
            }
            canvas.Polyline(points, color);
        }
    }

    /// <summary>A y range with a little room around [<paramref name="min"/>, <paramref name="max"/>] (and a width even when they are equal).</summary>
    public static (double Low, double High) Range(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) return (0, 1);
        if (max <= min) return (min - 0.5 * Math.Max(Math.Abs(min), 1e-12), max + 0.5 * Math.Max(Math.Abs(max), 1e-12));
        double pad = 0.05 * (max - min);
        return (min - pad, max + pad);
    }

    private static string Label(double value, string unit) =>
        value.ToString("G3", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : "");
}

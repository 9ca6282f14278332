using Dendra.Render.Activity;
using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>
/// What a learner's units did in its latest minibatch (<see cref="UnitActivity"/>) as an images × units raster: one row
/// per image, one column per unit in the mosaic's order (unit 0 at the left). Each row is scaled to its own largest
/// magnitude, so the unit that won an image is bright whatever the image's contrast: positive values red, negative blue
/// (the receptive fields' colours), black at zero. A row shows how many units an image leaves active and which one wins;
/// a column lit in many rows is a unit that wins many images, a column dark in all of them a unit that never learns.
/// </summary>
/// <remarks>When there are more units (images) than pixels across (down), each pixel shows the value of largest
/// magnitude among the units (images) it covers, so a winner is never averaged away.</remarks>
/// <param name="learner">The learner whose units are shown (<see cref="UnitActivity.Name"/>).</param>
/// <param name="quantity">What the values are, for the title (e.g. <c>relu(h)</c>).</param>
public sealed class UnitActivityView(string learner, string quantity) : IView
{
    /// <summary>The learner shown.</summary>
    public string Learner { get; } = learner;

    /// <summary>What the values are.</summary>
    public string Quantity { get; } = quantity;

    /// <inheritdoc/>
    public string Title => $"hidden activity: {Quantity}, images (down) x units (across)";

    void IView.Draw(Canvas canvas, Area plot, ActivitySnapshot snapshot)
    {
        var activity = snapshot.Activities.FirstOrDefault(a => a.Name == Learner);
        if (activity is null || activity.Images == 0 || activity.Units == 0 || plot.Width <= 0 || plot.Height <= 0) return;
        var (area, columns, rows) = Placement(activity, plot);
        var image = canvas.Scratch(columns, rows);
        Rasterize(activity, image);
        canvas.Image(area, image);
    }

    /// <summary>Where the raster lies in <paramref name="plot"/> and its size in texels: a whole number of pixels per unit and
    /// per image where they fit, else one texel per pixel, each covering several units or images.</summary>
    internal static (Area Area, int Columns, int Rows) Placement(UnitActivity activity, Area plot)
    {
        int columns = Math.Min(activity.Units, plot.Width), rows = Math.Min(activity.Images, plot.Height);
        int width = columns == activity.Units ? plot.Width / columns * columns : columns;
        int height = rows == activity.Images ? plot.Height / rows * rows : rows;
        return (new Area(plot.X, plot.Y, width, height), columns, rows);
    }

    /// <summary>Draws the activity into <paramref name="image"/> (one texel per unit and image, or per group of them).</summary>
    internal static void Rasterize(UnitActivity activity, RgbaImage image)
    {
        int columns = image.Width, rows = image.Height;
        var shown = new float[columns * rows];
        for (int b = 0; b < activity.Images; b++)
        {
            var row = new ReadOnlySpan<float>(activity.Values, b * activity.Units, activity.Units);
            float largest = 0;
            foreach (var v in row) if (float.IsFinite(v)) largest = Math.Max(largest, Math.Abs(v));
            if (largest == 0) continue;
            int y = (int)((long)b * rows / activity.Images);
            for (int u = 0; u < activity.Units; u++)
            {
                if (!float.IsFinite(row[u])) continue;
                float level = row[u] / largest;
                ref float texel = ref shown[y * columns + (int)((long)u * columns / activity.Units)];
                if (Math.Abs(level) > Math.Abs(texel)) texel = level;
            }
        }
        for (int k = 0; k < shown.Length; k++) image.Set(k % columns, k / columns, Color(shown[k]));
    }

    /// <summary>The colour of a value scaled to its image's largest magnitude (−1 to 1).</summary>
    internal static Rgba Color(float level) =>
        level >= 0 ? Rgba.Lerp(new Rgba(0, 0, 0), new Rgba(255, 60, 40), level) : Rgba.Lerp(new Rgba(0, 0, 0), new Rgba(60, 120, 255), -level);
}

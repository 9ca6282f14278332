using Dendra.Render.Activity;
using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>
/// Spike raster of every population, stacked in order (each band as tall as its share of the neurons), time running
/// left to right across the window. Spikes are binned straight into pixels — a pixel is lit in its population's
/// colour when any spike falls in it — so 100k neurons cost one texture upload and one quad, not one primitive each.
/// </summary>
public sealed class RasterView : IView
{
    /// <summary>Width of the population colour strip at the left edge.</summary>
    internal const int LegendWidth = 4;

    /// <inheritdoc/>
    public string Title => "spike raster";

    void IView.Draw(Canvas canvas, Area plot, ActivitySnapshot snapshot)
    {
        var area = PlotArea(plot);
        if (area.Width <= 0 || area.Height <= 0) return;
        long total = snapshot.Populations.Sum(p => (long)p.Size);
        if (total == 0 || snapshot.WindowSteps <= 0) return;

        var image = canvas.Scratch(area.Width, area.Height);
        Rasterize(snapshot, image);
        long offset = 0;
        for (int k = 0; k < snapshot.Populations.Count; k++)
        {
            var p = snapshot.Populations[k];
            int top = (int)(offset * area.Height / total), bottom = (int)((offset + p.Size) * area.Height / total);
            canvas.Fill(new Area(plot.X, area.Y + top, LegendWidth, Math.Max(1, bottom - top)), Rgba.Population(k));
            offset += p.Size;
        }
        canvas.Image(area, image);
    }

    /// <summary>The area spikes are drawn in: the panel minus the legend strip and a one-pixel gap.</summary>
    internal static Area PlotArea(Area plot) => plot.Inset(LegendWidth + 1, 0, 0, 0);

    /// <summary>Draws the raster into <paramref name="image"/>, which must be transparent: the pixels of spikes lit, the rest left as they are.</summary>
    internal static void Rasterize(ActivitySnapshot snapshot, RgbaImage image)
    {
        int width = image.Width, height = image.Height;
        long total = snapshot.Populations.Sum(p => (long)p.Size);
        long steps = snapshot.WindowSteps;
        long offset = 0;
        for (int k = 0; k < snapshot.Populations.Count; k++)
        {
            var p = snapshot.Populations[k];
            var color = Rgba.Population(k);
            for (int s = 0; s < p.Steps.Length; s++)
            {
                long step = p.Steps[s] - snapshot.WindowStart;
                if (step < 0 || step >= steps) continue;
                Pixel(step, offset + p.Neurons[s], steps, total, width, height, out int x, out int y);
                image.Set(x, y, color);
            }
            offset += p.Size;
        }
    }

    /// <summary>The pixel of a spike at <paramref name="step"/> (from the window start) of global neuron <paramref name="neuron"/>.</summary>
    internal static void Pixel(long step, long neuron, long steps, long neurons, int width, int height, out int x, out int y)
    {
        x = (int)(step * width / steps);
        y = (int)(neuron * height / neurons);
    }
}

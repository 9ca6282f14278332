using Dendra.Render.Activity;
using Dendra.Render.Drawing;
using Dendra.Render.Output;
using Dendra.Render.Views;

namespace Dendra.Render.Tests;

public sealed class OffscreenRenderTests : IDisposable
{
    private readonly OffscreenRenderer _renderer;

    /// <summary>Every test here renders offscreen: skips them where EGL is missing (fails them on CI).</summary>
    public OffscreenRenderTests()
    {
        Egl.Require();
        _renderer = new(480, 320);
    }

    public void Dispose() => _renderer.Dispose();

    private static RunStatus Status => new(1.25, 2.5, 1234, "cpu");

    /// <summary>A scripted pattern: population A (100 neurons) spikes on a diagonal, B (50) in a column at step 700.</summary>
    private static ActivitySnapshot Pattern(long windowStart = 0, long windowEnd = 1000)
    {
        var aSteps = Enumerable.Range(0, 10).Select(k => (long)(k * 97 + 5)).ToArray();
        var aNeurons = Enumerable.Range(0, 10).Select(k => k * 10 + 3).ToArray();
        var bSteps = Enumerable.Repeat(700L, 5).ToArray();
        var bNeurons = new[] { 0, 12, 25, 37, 49 };
        return new ActivitySnapshot(1e-4, windowStart, windowEnd,
            [new PopulationSpikes("A", 100, aSteps, aNeurons), new PopulationSpikes("B", 50, bSteps, bNeurons)], Status);
    }

    [SkippableFact]
    public void Raster_lights_exactly_the_pixels_of_the_scripted_spikes_and_leaves_the_rest_dark()
    {
        var layout = new Layout([new RasterView()]);
        var snapshot = Pattern();
        var frame = _renderer.Render(snapshot, layout);
        var area = RasterView.PlotArea(_renderer.PlotAreas(layout)[0]);

        // Expected pixels from the raster's definition: x = step·W/steps, y = (offset + neuron)·H/total.
        var expected = new Dictionary<(int, int), Rgba>();
        void Expect(long step, int globalNeuron, Rgba color) =>
            expected[((int)(step * area.Width / 1000), (int)(globalNeuron * (long)area.Height / 150))] = color;
        foreach (var (s, n) in snapshot.Populations[0].Steps.Zip(snapshot.Populations[0].Neurons)) Expect(s, n, Rgba.Population(0));
        foreach (var (s, n) in snapshot.Populations[1].Steps.Zip(snapshot.Populations[1].Neurons)) Expect(s, 100 + n, Rgba.Population(1));
        Assert.Equal(15, expected.Count);

        int lit = 0;
        for (int y = 0; y < area.Height; y++)
        {
            for (int x = 0; x < area.Width; x++)
            {
                var pixel = frame.Get(area.X + x, area.Y + y);
                if (expected.TryGetValue((x, y), out var color))
                {
                    Assert.Equal(color, pixel);
                    lit++;
                }
                else
                {
                    Assert.True(pixel == Rgba.Background, $"pixel ({x}, {y}) of the raster is {pixel}, not the background");
                }
            }
        }
        Assert.Equal(15, lit);
    }

    [SkippableFact]
    public void Raster_of_a_hundred_thousand_neurons_bins_spikes_into_pixels()
    {
        // 100 000 neurons on ~280 rows: each row holds ~360 neurons; a spike of any of them lights the row.
        const int n = 100_000;
        var rng = new Random(5);
        var steps = Enumerable.Range(0, 20_000).Select(_ => (long)rng.Next(0, 2000)).OrderBy(s => s).ToArray();
        var neurons = steps.Select(_ => rng.Next(0, n)).ToArray();
        var snapshot = new ActivitySnapshot(1e-4, 0, 2000, [new PopulationSpikes("big", n, steps, neurons)], Status);
        var layout = new Layout([new RasterView()]);
        var frame = _renderer.Render(snapshot, layout);
        var area = RasterView.PlotArea(_renderer.PlotAreas(layout)[0]);

        var expected = new HashSet<(int, int)>(steps.Zip(neurons).Select(p => ((int)(p.First * area.Width / 2000), (int)((long)p.Second * area.Height / n))));
        int lit = 0;
        for (int y = 0; y < area.Height; y++)
        {
            for (int x = 0; x < area.Width; x++)
            {
                bool on = frame.Get(area.X + x, area.Y + y) == Rgba.Population(0);
                Assert.Equal(expected.Contains((x, y)), on);
                if (on) lit++;
            }
        }
        Assert.Equal(expected.Count, lit);
    }

    [SkippableFact]
    public void Spikes_outside_the_window_are_not_drawn()
    {
        var layout = new Layout([new RasterView()]);
        var frame = _renderer.Render(Pattern(windowStart: 750, windowEnd: 1750), layout);
        var area = RasterView.PlotArea(_renderer.PlotAreas(layout)[0]);
        // Only A's spikes at steps 781 and 878 remain (B's column at 700 is before the window).
        int lit = 0;
        for (int y = 0; y < area.Height; y++)
            for (int x = 0; x < area.Width; x++)
                if (frame.Get(area.X + x, area.Y + y) != Rgba.Background) lit++;
        Assert.Equal(2, lit);
    }

    [SkippableFact]
    public void Receptive_field_tile_intensities_follow_the_weights()
    {
        // Two 4×3 units: unit 0 a ramp 0..11, unit 1 the same ramp reversed and scaled.
        const int w = 4, h = 3;
        var values = new float[2 * w * h];
        for (int k = 0; k < w * h; k++)
        {
            values[k] = k;
            values[w * h + k] = 0.5f * (w * h - 1 - k);
        }
        var snapshot = Pattern() with { Fields = [new ReceptiveFields("in->hidden", 2, w, h, values)] };
        var layout = new Layout([new ReceptiveFieldView("in->hidden")]);
        var frame = _renderer.Render(snapshot, layout);
        var plot = _renderer.PlotAreas(layout)[0];
        var (columns, scale) = ReceptiveFieldView.TileLayout(snapshot.Fields[0], plot);
        Assert.True(scale >= 10, $"tiles are drawn {scale}× ({plot.Width}×{plot.Height} panel)");

        for (int unit = 0; unit < 2; unit++)
        {
            var tile = ReceptiveFieldView.TileArea(snapshot.Fields[0], plot, columns, scale, unit);
            for (int k = 0; k < w * h; k++)
            {
                // Weight k of the unit covers a scale×scale block; its grey level is (v - min)/(max - min) of the tile.
                float v = values[unit * w * h + k];
                float min = 0, max = unit == 0 ? 11 : 5.5f;
                var level = (byte)Math.Round(255 * (v - min) / (max - min));
                for (int dy = 0; dy < scale; dy++)
                    for (int dx = 0; dx < scale; dx++)
                        Assert.Equal(new Rgba(level, level, level), frame.Get(tile.X + k % w * scale + dx, tile.Y + k / w * scale + dy));
            }
        }
    }

    [SkippableFact]
    public void A_mosaic_too_large_for_its_panel_is_shrunk_into_it_whole()
    {
        // 2000 units of 28 × 28 need 1304 × 1305 pixels at one pixel per weight; the panel is a fraction of that. Every
        // tile is white (all its weights equal), so every tile centre must be white and nothing white may lie outside
        // the shrunk mosaic.
        const int units = 2000, side = 28;
        var fields = new ReceptiveFields("in->hidden", units, side, side, Enumerable.Repeat(1f, units * side * side).ToArray());
        var layout = new Layout([new ReceptiveFieldView("in->hidden")]);
        var frame = _renderer.Render(Pattern() with { Fields = [fields] }, layout);
        var plot = _renderer.PlotAreas(layout)[0];
        var drawn = ReceptiveFieldView.ShrunkArea(fields, plot);
        Assert.True(drawn.Right <= plot.Right && drawn.Bottom <= plot.Bottom, $"{drawn} lies outside the panel {plot}");
        Assert.True(drawn.Width == plot.Width || drawn.Height == plot.Height, $"{drawn} does not fill the panel {plot} in either direction");

        var (columns, _) = ReceptiveFieldView.TileLayout(fields, plot);
        var (width, height) = ReceptiveFieldView.MosaicSize(fields, columns, 1);
        var white = new Rgba(255, 255, 255);
        foreach (var unit in new[] { 0, columns - 1, units / 2, units - columns, units - 1 })
        {
            double cx = unit % columns * (side + ReceptiveFieldView.Gap) + side / 2.0, cy = unit / columns * (side + ReceptiveFieldView.Gap) + side / 2.0;
            Assert.Equal(white, frame.Get(drawn.X + (int)(cx * drawn.Width / width), drawn.Y + (int)(cy * drawn.Height / height)));
        }
        for (int y = plot.Y; y < plot.Bottom; y++)
            for (int x = plot.X; x < _renderer.Width; x++)
                if (x >= drawn.Right || y >= drawn.Bottom)
                    Assert.NotEqual(white, frame.Get(x, y));
    }

    [SkippableFact]
    public void Hud_text_is_drawn_across_the_top_and_changes_with_the_status()
    {
        var layout = new Layout([new RasterView()]);
        var a = _renderer.Render(Pattern(), layout, fps: 60);
        var b = _renderer.Render(Pattern() with { Status = Status with { SimulatedSeconds = 9.875, Paused = true } }, layout, fps: 60);
        var hud = new Area(Layout.Padding, Layout.Padding, 480 - 2 * Layout.Padding, _renderer.PlotAreas(layout)[0].Y - Layout.Padding);

        int TextPixels(RgbaImage frame)
        {
            int count = 0;
            for (int y = hud.Y; y < hud.Y + 12; y++)
                for (int x = hud.X; x < hud.Right; x++)
                    if (frame.Get(x, y) != Rgba.Background) count++;
            return count;
        }
        Assert.True(TextPixels(a) > 100, $"only {TextPixels(a)} HUD pixels drawn");
        Assert.Contains("t = 1.250 s", HudView.Text(Status, 60), StringComparison.Ordinal);
        Assert.Contains("PAUSED", HudView.Text(Status with { Paused = true }, 60), StringComparison.Ordinal);
        bool differs = false;
        for (int y = hud.Y; y < hud.Y + 12 && !differs; y++)
            for (int x = hud.X; x < hud.Right && !differs; x++)
                differs = a.Get(x, y) != b.Get(x, y);
        Assert.True(differs, "a different status drew the same HUD");
    }

    [SkippableFact]
    public void Every_view_draws_into_one_frame_and_the_frame_writes_as_png()
    {
        var snapshot = Pattern() with
        {
            Traces = [new TraceSeries("A[3].v", Enumerable.Range(0, 100).Select(k => k * 1e-3).ToArray(), Enumerable.Range(0, 100).Select(k => Math.Sin(k / 10.0)).ToArray())],
            Fields = [new ReceptiveFields("in->A", 4, 5, 5, Enumerable.Range(0, 100).Select(k => (float)k).ToArray())],
            Weights = [new WeightSet("in->A", Enumerable.Range(0, 1000).Select(k => k % 37 / 37.0).ToArray())],
        };
        var layout = new Layout([new RasterView(), new HeatmapView("A"), new ReceptiveFieldView("in->A"), new TraceView(), new RateView(), new WeightHistogramView("in->A")], columns: 3);
        var frame = _renderer.Render(snapshot, layout);
        foreach (var (plot, view) in _renderer.PlotAreas(layout).Zip(layout.Views))
        {
            int drawn = 0;
            for (int y = plot.Y; y < plot.Bottom; y++)
                for (int x = plot.X; x < plot.Right; x++)
                    if (frame.Get(x, y) != Rgba.Background) drawn++;
            Assert.True(drawn > 10, $"{view.Title}: only {drawn} pixels drawn");
        }
        var path = Path.Combine(Path.GetTempPath(), $"dendra-frame-{Guid.NewGuid():N}.png");
        PngFile.Write(path, frame);
        using var decoded = SkiaSharp.SKBitmap.Decode(path);
        Assert.Equal(480, decoded.Width);
        Assert.Equal(320, decoded.Height);
        var p = decoded.GetPixel(3, 3);
        Assert.Equal(Rgba.Background, new Rgba(p.Red, p.Green, p.Blue, p.Alpha));
        File.Delete(path);
    }
}

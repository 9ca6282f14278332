using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;
using SkiaSharp;
using static Dendra.Units;

namespace Dendra.Plots.Tests;

public sealed class PlotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dendra-plots-").FullName;

    /// <summary>Deletes the plots, unless DENDRA_KEEP_PLOTS is set (to look at them).</summary>
    public void Dispose()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DENDRA_KEEP_PLOTS"))) Directory.Delete(_dir, recursive: true);
        else Console.Error.WriteLine($"plots kept in {_dir}");
    }

    private string File(string name) => Path.Combine(_dir, name);

    private static SKBitmap Decode(string path)
    {
        Assert.True(System.IO.File.Exists(path), $"{path} was not written");
        var bytes = System.IO.File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        return SKBitmap.Decode(bytes) ?? throw new InvalidOperationException($"{path} does not decode");
    }

    private static void AssertSize(string path, int width, int height)
    {
        using var bitmap = Decode(path);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
    }

    /// <summary>A network with a scripted spike source of 20 neurons, run for 100 ms.</summary>
    private static (Network Net, Population Source) ScriptedSpikes(IEnumerable<(int, double)> spikes)
    {
        var net = new Network(dt: 0.1 * ms);
        var source = net.AddSpikeSource("gen", 20, spikes);
        return (net, source);
    }

    /// <summary>Pixels in the data area that have the colour of the first population (ScottPlot's C0 blue), by x.</summary>
    private static List<int> SpikeColouredColumns(SKBitmap bitmap, ScottPlot.PixelRect data) =>
        PixelsOfColour(bitmap, data, 0).Select(p => p.X).ToList();

    /// <summary>Pixels in the data area that have the colour of population <paramref name="population"/> (Category10 palette).</summary>
    private static List<(int X, int Y)> PixelsOfColour(SKBitmap bitmap, ScottPlot.PixelRect data, int population)
    {
        var colour = new ScottPlot.Palettes.Category10().GetColor(population);
        var pixels = new List<(int, int)>();
        for (int y = (int)Math.Ceiling(data.Top); y < (int)Math.Floor(data.Bottom); y++)
        {
            for (int x = (int)Math.Ceiling(data.Left); x < (int)Math.Floor(data.Right); x++)
            {
                var p = bitmap.GetPixel(x, y);
                // Close to the dot colour (the grid is light grey, the background white).
                if (Math.Abs(p.Red - colour.R) < 40 && Math.Abs(p.Green - colour.G) < 40 && Math.Abs(p.Blue - colour.B) < 40)
                    pixels.Add((x, y));
            }
        }
        return pixels;
    }

    private (SKBitmap Bitmap, ScottPlot.PixelRect Data, float MidX) RenderRaster(SpikeMonitor monitor, string name)
    {
        var plot = Plot.RasterPlot(null, 1000, 500, [monitor]);
        var path = File(name);
        plot.SavePng(path, 1000, 500);
        var data = plot.RenderManager.LastRender.DataRect;
        float midX = plot.GetPixel(new ScottPlot.Coordinates(monitor.Population.Network.Time * 1e3 / 2, 0)).X;
        return (Decode(path), data, midX);
    }

    [Fact]
    public void Raster_writes_a_png_of_the_default_size()
    {
        var (net, source) = ScriptedSpikes([(0, 10 * ms), (5, 20 * ms)]);
        var spikes = net.MonitorSpikes(source);
        net.Run(100 * ms);
        var path = File("raster.png");
        Plot.Raster(path, spikes);
        AssertSize(path, 1000, 500);
    }

    [Fact]
    public void Raster_of_an_empty_monitor_has_no_spike_pixels_in_the_data_area()
    {
        var (net, source) = ScriptedSpikes([]);
        var spikes = net.MonitorSpikes(source);
        net.Run(100 * ms);
        Assert.Equal(0, spikes.Count);
        var (bitmap, data, _) = RenderRaster(spikes, "empty.png");
        using (bitmap)
        {
            Assert.True(data.Width > 500 && data.Height > 250, $"data area {data} is too small");
            Assert.Empty(SpikeColouredColumns(bitmap, data));
        }
    }

    [Fact]
    public void Raster_spikes_in_the_first_half_colour_only_the_left_half_of_the_data_area()
    {
        // Every neuron fires every 2 ms during the first 40 ms of a 100 ms run.
        var pattern = new List<(int, double)>();
        for (double t = 1 * ms; t < 40 * ms; t += 2 * ms)
            for (int n = 0; n < 20; n++) pattern.Add((n, t));
        var (net, source) = ScriptedSpikes(pattern);
        var spikes = net.MonitorSpikes(source);
        net.Run(100 * ms);
        Assert.Equal(pattern.Count, spikes.Count);

        var (bitmap, data, midX) = RenderRaster(spikes, "half.png");
        using (bitmap)
        {
            var columns = SpikeColouredColumns(bitmap, data);
            Assert.True(columns.Count > 500, $"only {columns.Count} spike-coloured pixels for {spikes.Count} spikes");
            Assert.True(columns.Max() < midX, $"a spike pixel at x = {columns.Max()}, right of the middle {midX} of the data area {data}");
            // And they spread over most of the first 40% of the axis, not into one corner.
            float at40 = data.Left + 0.4f * data.Width;
            Assert.True(columns.Max() > data.Left + 0.3f * data.Width && columns.Max() <= at40 + 5, $"rightmost spike pixel {columns.Max()}, expected near {at40}");
        }
    }

    [Fact]
    public void Raster_stacks_several_populations()
    {
        var net = new Network(dt: 0.1 * ms);
        var a = net.AddSpikeSource("A", 10, [(0, 5 * ms), (9, 15 * ms)]);
        var b = net.AddSpikeSource("B", 30, [(29, 25 * ms)]);
        var ma = net.MonitorSpikes(a);
        var mb = net.MonitorSpikes(b);
        net.Run(50 * ms);
        var path = File("stacked.png");
        Plot.Raster(path, 800, 600, ma, mb);
        AssertSize(path, 800, 600);
        var plot = Plot.RasterPlot(null, 800, 600, [ma, mb]);
        var limits = plot.Axes.GetLimits();
        Assert.Equal(39.5, limits.Top, 6);
        Assert.Equal(50, limits.Right, 6);

        // Each spike is a dot of its population's colour where its time and stacked index say.
        var file = File("stacked-check.png");
        plot.SavePng(file, 800, 600);
        var data = plot.RenderManager.LastRender.DataRect;
        using var bitmap = Decode(file);
        var blue = PixelsOfColour(bitmap, data, 0);
        var orange = PixelsOfColour(bitmap, data, 1);
        (double T, double Y)[] expectedBlue = [(5, 0), (15, 9)], expectedOrange = [(25, 10 + 29)];
        foreach (var (pixels, expected, name) in new[] { (blue, expectedBlue, "A"), (orange, expectedOrange, "B") })
        {
            Assert.NotEmpty(pixels);
            foreach (var (x, y) in pixels)
            {
                bool near = expected.Any(e =>
                {
                    var at = plot.GetPixel(new ScottPlot.Coordinates(e.T, e.Y));
                    return Math.Abs(at.X - x) <= 4 && Math.Abs(at.Y - y) <= 4;
                });
                Assert.True(near, $"a pixel of {name}'s colour at ({x}, {y}) is far from its spikes");
            }
            foreach (var e in expected)
            {
                var at = plot.GetPixel(new ScottPlot.Coordinates(e.T, e.Y));
                Assert.Contains(pixels, p => Math.Abs(at.X - p.X) <= 3 && Math.Abs(at.Y - p.Y) <= 3);
            }
        }
    }

    [Fact]
    public void Raster_of_a_million_spikes_is_fast()
    {
        // 1000 neurons, each firing every 1 ms for 1 s: 10^6 spikes.
        var pattern = new List<(int, double)>(1_000_000);
        for (int s = 0; s < 1000; s++)
            for (int n = 0; n < 1000; n++) pattern.Add((n, (s + 0.5) * ms));
        var net = new Network(dt: 0.1 * ms);
        var source = net.AddSpikeSource("many", 1000, pattern);
        var spikes = net.MonitorSpikes(source);
        net.Run(1 * second);
        Assert.Equal(1_000_000, spikes.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var path = File("million.png");
        Plot.Raster(path, spikes);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        AssertSize(path, 1000, 500);
    }

    [Fact]
    public void Rate_writes_a_png()
    {
        var net = new Network(dt: 0.1 * ms);
        var p = net.AddPoisson("in", 200, 20 * Hz);
        var rate = net.MonitorRate(p);
        net.Run(200 * ms);
        var path = File("rate.png");
        Plot.Rate(path, rate);
        AssertSize(path, 1000, 500);
        Plot.Rate(File("rate1ms.png"), rate, binSeconds: 1 * ms);
        AssertSize(File("rate1ms.png"), 1000, 500);
    }

    [Fact]
    public void Traces_writes_a_png()
    {
        var net = new Network(dt: 0.1 * ms);
        var p = net.AddPopulation("P", 3, Lif.CurrentBased());
        net.Inject(p, "I_ext", Dendra.Simulator.Inputs.CurrentSource.Constant(500 * pA));
        var v = net.MonitorState(p, "v", [0, 2]);
        net.Run(50 * ms);
        var path = File("traces.png");
        Plot.Traces(path, v);
        AssertSize(path, 1000, 500);
    }

    [Fact]
    public void WeightHistogram_writes_a_png()
    {
        var net = new Network(dt: 0.1 * ms);
        var pre = net.AddPoisson("in", 50, 10 * Hz);
        var post = net.AddPopulation("P", 50, Lif.CurrentBased());
        var projection = net.Connect(pre, post, "I_e", Connectivity.AllToAll(), weight: "rand()*10*pA");
        net.Build();
        var path = File("weights.png");
        Plot.WeightHistogram(path, projection, bins: 20);
        AssertSize(path, 1000, 500);
    }

    [Fact]
    public void FICurve_writes_a_png_and_checks_lengths()
    {
        double[] currents = [0, 100 * pA, 200 * pA, 300 * pA, 400 * pA];
        double[] rates = [0, 0, 5, 18, 30];
        var path = File("fi.png");
        Plot.FICurve(path, currents, rates, "LIF");
        AssertSize(path, 1000, 500);
        Assert.Throws<ArgumentException>(() => Plot.FICurve(File("bad.png"), currents, [1.0, 2.0]));
    }

    [Fact]
    public void Writing_into_a_missing_folder_says_so()
    {
        var net = new Network(dt: 0.1 * ms);
        var rate = net.MonitorRate(net.AddPoisson("in", 10, 5 * Hz));
        net.Run(10 * ms);
        var e = Assert.Throws<DirectoryNotFoundException>(() => Plot.Rate(Path.Combine(_dir, "missing", "rate.png"), rate));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }
}

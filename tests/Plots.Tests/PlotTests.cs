using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;
using Dendra.Simulator.Recording;
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

    /// <summary>
    /// Lays <paramref name="plot"/> out at the size the public methods write (rendering it once, off the record), so that
    /// its data area and its coordinate-to-pixel mapping are those of the PNG they wrote.
    /// </summary>
    private static ScottPlot.Plot LaidOut(ScottPlot.Plot plot, int width = Plot.DefaultWidth, int height = Plot.DefaultHeight)
    {
        plot.GetImage(width, height).Dispose();
        return plot;
    }

    /// <summary>
    /// How much of <paramref name="colour"/> a pixel shows over the white background, 0 to 1: a line's edges, and the
    /// tips of its sharp peaks, are only partly covered (antialiased). Zero for a pixel of another hue (the grey grid).
    /// </summary>
    private static double Tint(SKColor pixel, ScottPlot.Color colour)
    {
        // pixel = white·(1 − a) + colour·a: each channel in which the colour differs from white gives a, and they agree.
        double lo = 1, hi = 0;
        foreach (var (p, c) in new[] { (pixel.Red, colour.R), (pixel.Green, colour.G), (pixel.Blue, colour.B) })
        {
            if (c > 215)
            {
                if (p < c - 40) return 0;
                continue;
            }
            double a = (255.0 - p) / (255.0 - c);
            (lo, hi) = (Math.Min(lo, a), Math.Max(hi, a));
        }
        return hi - lo <= 0.15 ? Math.Clamp((lo + hi) / 2, 0, 1) : 0;
    }

    /// <summary>True for a pixel mostly of <paramref name="colour"/> (a dashed line drawn at 60% opacity is not).</summary>
    private static bool IsColour(SKColor pixel, ScottPlot.Color colour) => Tint(pixel, colour) >= 0.7;

    /// <summary>True for a pixel that shows hardly any of <paramref name="colour"/>.</summary>
    private static bool IsFreeOf(SKColor pixel, ScottPlot.Color colour) => Tint(pixel, colour) < 0.3;

    /// <summary>Asserts that a pixel of <paramref name="colour"/> lies within <paramref name="radius"/> pixels of where
    /// <paramref name="plot"/> puts the point (<paramref name="x"/>, <paramref name="y"/>).</summary>
    private static void AssertColourAt(SKBitmap bitmap, ScottPlot.Plot plot, double x, double y, ScottPlot.Color colour, int radius, string what)
    {
        var at = plot.GetPixel(new ScottPlot.Coordinates(x, y));
        int cx = (int)Math.Round(at.X), cy = (int)Math.Round(at.Y);
        for (int py = cy - radius; py <= cy + radius; py++)
            for (int px = cx - radius; px <= cx + radius; px++)
                if (px >= 0 && py >= 0 && px < bitmap.Width && py < bitmap.Height && IsColour(bitmap.GetPixel(px, py), colour)) return;
        Assert.Fail($"no pixel of the colour of {what} within {radius} px of ({cx}, {cy}), where the point ({x}, {y}) is drawn");
    }

    /// <summary>The share of the data area's pixels that have <paramref name="colour"/>.</summary>
    private static double ShareOfColour(SKBitmap bitmap, ScottPlot.PixelRect data, ScottPlot.Color colour)
    {
        int all = 0, coloured = 0;
        for (int y = (int)Math.Ceiling(data.Top); y < (int)Math.Floor(data.Bottom); y++)
        {
            for (int x = (int)Math.Ceiling(data.Left); x < (int)Math.Floor(data.Right); x++)
            {
                all++;
                if (IsColour(bitmap.GetPixel(x, y), colour)) coloured++;
            }
        }
        return coloured / (double)all;
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
    public void Raster_writes_a_png_of_the_default_size_with_a_dot_at_each_spike_and_nowhere_else()
    {
        var (net, source) = ScriptedSpikes([(0, 10 * ms), (5, 20 * ms)]);
        var spikes = net.MonitorSpikes(source);
        net.Run(100 * ms);
        var path = File("raster.png");
        Plot.Raster(path, spikes);
        AssertSize(path, 1000, 500);

        var plot = LaidOut(Plot.RasterPlot(null, 1000, 500, [spikes]));
        using var bitmap = Decode(path);
        var blue = new ScottPlot.Palettes.Category10().GetColor(0);
        AssertColourAt(bitmap, plot, 10, 0, blue, 3, "neuron 0's spike at 10 ms");
        AssertColourAt(bitmap, plot, 20, 5, blue, 3, "neuron 5's spike at 20 ms");
        var first = plot.GetPixel(new ScottPlot.Coordinates(10, 0));
        var second = plot.GetPixel(new ScottPlot.Coordinates(20, 5));
        Assert.All(PixelsOfColour(bitmap, plot.RenderManager.LastRender.DataRect, 0), p => Assert.True(
            Math.Abs(p.X - first.X) <= 4 && Math.Abs(p.Y - first.Y) <= 4 || Math.Abs(p.X - second.X) <= 4 && Math.Abs(p.Y - second.Y) <= 4,
            $"a spike-coloured pixel at ({p.X}, {p.Y}), far from both spikes"));
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

        // Every neuron fires every millisecond, so the dots fill most of the data area.
        var plot = LaidOut(Plot.RasterPlot(null, 1000, 500, [spikes]));
        using var bitmap = Decode(path);
        double share = ShareOfColour(bitmap, plot.RenderManager.LastRender.DataRect, new ScottPlot.Palettes.Category10().GetColor(0));
        Assert.True(share > 0.5, $"only {share:P0} of the data area has the spike colour");
    }

    [Fact]
    public void Rate_draws_the_line_through_the_rate_of_each_bin()
    {
        var net = new Network(dt: 0.1 * ms);
        var p = net.AddPoisson("in", 200, 20 * Hz);
        var rate = net.MonitorRate(p);
        net.Run(200 * ms);
        var line = new ScottPlot.Palettes.Category10().GetColor(0);
        foreach (var (name, bin) in new[] { ("rate.png", 5 * ms), ("rate1ms.png", 1 * ms) })
        {
            var path = File(name);
            if (bin == 5 * ms) Plot.Rate(path, rate);
            else Plot.Rate(path, rate, binSeconds: bin);
            AssertSize(path, 1000, 500);

            // 200 ms in full bins: each point sits at the middle of its bin, at the bin's mean rate.
            var rates = rate.Smoothed(bin);
            Assert.Equal((int)Math.Round(200 * ms / bin), rates.Length);
            Assert.True(rates.Max() > rates.Min(), "Poisson rates should vary from bin to bin");
            var plot = LaidOut(Plot.RatePlot([rate], bin));
            using var bitmap = Decode(path);
            for (int b = 0; b < rates.Length; b++)
                AssertColourAt(bitmap, plot, (b + 0.5) * bin / ms, rates[b], line, 2, $"the rate of bin {b} of {name}");
        }
    }

    [Fact]
    public void Traces_draw_each_neuron_in_its_colour_through_its_samples()
    {
        // Neuron 0 above rheobase (375 pA) fires and resets; neuron 2 below it charges towards a plateau.
        var net = new Network(dt: 0.1 * ms);
        var p = net.AddPopulation("P", 3, Lif.CurrentBased());
        net.Inject(p.Slice(0, 1), "I_ext", Dendra.Simulator.Inputs.CurrentSource.Constant(500 * pA));
        net.Inject(p.Slice(2, 1), "I_ext", Dendra.Simulator.Inputs.CurrentSource.Constant(300 * pA));
        var v = net.MonitorState(p, "v", [0, 2]);
        net.Run(50 * ms);
        var path = File("traces.png");
        Plot.Traces(path, v);
        AssertSize(path, 1000, 500);

        var plot = LaidOut(Plot.TracesPlot(v));
        using var bitmap = Decode(path);
        var palette = new ScottPlot.Palettes.Category10();
        var (times, firing, charging) = (v.Times, v.Trace(0), v.Trace(1));
        int checkedSamples = 0;
        // The legend covers the top right corner, where neuron 0 peaks a third time: samples up to 40 ms only.
        for (int s = 0; s < times.Length && times[s] <= 40 * ms; s += 25)
        {
            // In mV, as the plot shows a membrane potential; where the lines come within a few pixels of each other the
            // one drawn last covers the other, so only samples where they are apart are checked.
            var a = plot.GetPixel(new ScottPlot.Coordinates(times[s] / ms, firing[s] / mV));
            var b = plot.GetPixel(new ScottPlot.Coordinates(times[s] / ms, charging[s] / mV));
            if (Math.Abs(a.Y - b.Y) < 8) continue;
            AssertColourAt(bitmap, plot, times[s] / ms, firing[s] / mV, palette.GetColor(0), 2, $"neuron 0 at {times[s] / ms:0.0} ms");
            AssertColourAt(bitmap, plot, times[s] / ms, charging[s] / mV, palette.GetColor(1), 2, $"neuron 2 at {times[s] / ms:0.0} ms");
            checkedSamples++;
        }
        Assert.True(checkedSamples >= 10, $"only {checkedSamples} samples where the traces are apart");
    }

    [Fact]
    public void WeightHistogram_fills_each_bar_up_to_its_count()
    {
        var net = new Network(dt: 0.1 * ms);
        var pre = net.AddPoisson("in", 50, 10 * Hz);
        var post = net.AddPopulation("P", 50, Lif.CurrentBased());
        var projection = net.Connect(pre, post, "I_e", Connectivity.AllToAll(), weight: "rand()*10*pA");
        net.Build();
        var path = File("weights.png");
        Plot.WeightHistogram(path, projection, bins: 20);
        AssertSize(path, 1000, 500);

        // Each bar is filled up to its count, and the background shows above it.
        var weights = projection.Get("w").Values;
        double min = weights.Min(), width = (weights.Max() - min) / 20;
        var counts = new int[20];
        foreach (var w in weights) counts[Math.Min((int)((w - min) / width), 19)]++;
        Assert.Equal(2500, counts.Sum());
        var plot = LaidOut(Plot.WeightHistogramPlot(projection, "w", 20));
        using var bitmap = Decode(path);
        var bar = new ScottPlot.Palettes.Category10().GetColor(0);
        for (int b = 0; b < 20; b++)
        {
            double centre = min + (b + 0.5) * width;
            var top = plot.GetPixel(new ScottPlot.Coordinates(centre, counts[b]));
            int x = (int)Math.Round(top.X), y = (int)Math.Round(top.Y);
            Assert.True(IsColour(bitmap.GetPixel(x, y + 4), bar), $"bin {b} ({counts[b]} synapses) is not filled just below its top");
            Assert.True(IsColour(bitmap.GetPixel(x, (y + (int)plot.RenderManager.LastRender.DataRect.Bottom) / 2), bar), $"bin {b} is not filled halfway up");
            Assert.True(IsFreeOf(bitmap.GetPixel(x, y - 4), bar), $"bin {b} ({counts[b]} synapses) is filled above its count");
        }
    }

    [Fact]
    public void FICurve_marks_each_point_and_checks_lengths()
    {
        double[] currents = [0, 100 * pA, 200 * pA, 300 * pA, 400 * pA];
        double[] rates = [0, 0, 5, 18, 30];
        var path = File("fi.png");
        Plot.FICurve(path, currents, rates, "LIF");
        AssertSize(path, 1000, 500);
        Assert.Throws<ArgumentException>(() => Plot.FICurve(File("bad.png"), currents, [1.0, 2.0]));

        // A marker at each (current, rate), the current in pA; none where the curve is not (high current, no rate).
        Assert.Equal((1e12, "pA"), Plot.CurrentAxis(currents));
        var plot = LaidOut(Plot.FICurvePlot(currents, rates, "LIF"));
        using var bitmap = Decode(path);
        var curve = new ScottPlot.Palettes.Category10().GetColor(0);
        for (int k = 0; k < currents.Length; k++)
            AssertColourAt(bitmap, plot, currents[k] / pA, rates[k], curve, 2, $"the point at {currents[k] / pA} pA");
        var empty = plot.GetPixel(new ScottPlot.Coordinates(400, 5));
        Assert.True(IsFreeOf(bitmap.GetPixel((int)empty.X, (int)empty.Y), curve), "the curve's colour at (400 pA, 5 Hz), far from the curve");
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

    [Fact]
    public void A_learning_curve_draws_each_recorded_metric_value_at_its_sample_count_and_nothing_far_from_the_line()
    {
        var net = new Network(dt: 1 * ms);
        var input = net.AddPopulation("input", 4, new Dendra.Simulator.Models.NeuronModel("Rate-Input", "").WithState("r"));
        var output = net.AddPopulation("output", 2, new Dendra.Simulator.Models.NeuronModel("Linear", "v = I").WithInput("I"));
        var weights = net.ConnectRate(input, output, "r", "I", new double[2, 4], "input->output")
            .Learn(new Dendra.Simulator.Models.OuterProductRule("Hebb", post: "v", pre: "r"));
        string path = Path.Combine(_dir, "training.dnr");
        (long Samples, double Value)[] points = [(100, 0.2), (200, 0.55), (300, 0.7), (400, 0.9)];
        using (var recording = new SnapshotRecording(path, net, [(weights, 2, 2)], ["accuracy"]))
        {
            foreach (var (samples, value) in points)
            {
                net.Run(5 * ms);
                recording.Metric("accuracy", value, samples);
            }
        }
        using var reader = RecordingReader.Open(path);
        string png = Path.Combine(_dir, "curve.png");
        Plot.LearningCurve(png, reader);
        AssertSize(png, Plot.DefaultWidth, Plot.DefaultHeight);
        using var bitmap = Decode(png);
        var plot = LaidOut(Plot.LearningCurvePlot(reader));
        var blue = new ScottPlot.Palettes.Category10().GetColor(0);
        foreach (var (samples, value) in points) AssertColourAt(bitmap, plot, samples, value, blue, radius: 2, $"accuracy {value} after {samples} samples");
        // Above the curve's start (100 samples at 0.9) and below its end (400 samples at 0.2) nothing is drawn.
        foreach (var (x, y) in new[] { (100.0, 0.9), (400.0, 0.2) })
        {
            var at = plot.GetPixel(new ScottPlot.Coordinates(x, y));
            for (int dy = -5; dy <= 5; dy++)
                for (int dx = -5; dx <= 5; dx++)
                    Assert.True(IsFreeOf(bitmap.GetPixel((int)at.X + dx, (int)at.Y + dy), blue), $"blue at ({x}, {y}), where the curve does not go");
        }
    }

    [Fact]
    public void LearningCurves_draw_each_curve_in_its_colour_through_its_points()
    {
        var fast = new Dendra.Learning.Metrics.LearningCurve("fast");
        var full = new Dendra.Learning.Metrics.LearningCurve("full");
        double[] fastAccuracy = [0.5, 0.7, 0.8, 0.85, 0.9], fullAccuracy = [0.3, 0.45, 0.55, 0.6, 0.62];
        for (int e = 0; e < 5; e++)
        {
            fast.Add(e + 1, fastAccuracy[e]);
            full.Add(e + 1, fullAccuracy[e]);
        }
        var path = File("curves.png");
        Plot.LearningCurves(path, fast, full);
        AssertSize(path, 1000, 500);

        var plot = LaidOut(Plot.LearningCurvesPlot([fast, full]));
        using var bitmap = Decode(path);
        var palette = new ScottPlot.Palettes.Category10();
        for (int e = 0; e < 5; e++)
        {
            AssertColourAt(bitmap, plot, e + 1, fastAccuracy[e], palette.GetColor(0), 2, $"'fast' after epoch {e + 1}");
            AssertColourAt(bitmap, plot, e + 1, fullAccuracy[e], palette.GetColor(1), 2, $"'full' after epoch {e + 1}");
        }
        // The line runs between the points: halfway from epoch 1 to 2 on 'fast'; and the gap between the curves is bare.
        AssertColourAt(bitmap, plot, 1.5, 0.6, palette.GetColor(0), 2, "'fast' between epochs 1 and 2");
        var gap = plot.GetPixel(new ScottPlot.Coordinates(3, 0.675));
        Assert.True(IsFreeOf(bitmap.GetPixel((int)gap.X, (int)gap.Y), palette.GetColor(0)) && IsFreeOf(bitmap.GetPixel((int)gap.X, (int)gap.Y), palette.GetColor(1)),
            "a curve's colour halfway between the two curves");

        var loss = new Dendra.Learning.Metrics.LearningCurve("loss", Metric: "loss");
        Assert.StartsWith("'loss' measures loss against epoch, 'fast' accuracy against epoch",
            Assert.Throws<ArgumentException>(() => Plot.LearningCurves(File("bad.png"), fast, loss)).Message);
        Assert.StartsWith("fast: a point at epoch 2 after one at 5",
            Assert.Throws<ArgumentException>(() => fast.Add(2, 0.5)).Message);
    }

    [Fact]
    public void Confusion_shades_each_cell_by_the_share_of_its_actual_class()
    {
        // Counts [actual, predicted]: (8, 2, 0), (1, 5, 4), (0, 0, 10); every row different, so a flipped map fails.
        int[,] counts = { { 8, 2, 0 }, { 1, 5, 4 }, { 0, 0, 10 } };
        var actual = new List<int>();
        var predicted = new List<int>();
        for (int a = 0; a < 3; a++)
            for (int p = 0; p < 3; p++)
                for (int k = 0; k < counts[a, p]; k++) (actual, predicted) = ([.. actual, a], [.. predicted, p]);
        var confusion = new Dendra.Learning.Readouts.ConfusionMatrix(actual, predicted, 3);
        var path = File("confusion.png");
        Plot.Confusion(path, confusion);
        AssertSize(path, 500, 400);

        var plot = LaidOut(Plot.ConfusionPlot(confusion, null), 500, 400);
        using var bitmap = Decode(path);
        for (int a = 0; a < 3; a++)
        {
            for (int p = 0; p < 3; p++)
            {
                double share = counts[a, p] / (double)(counts[a, 0] + counts[a, 1] + counts[a, 2]);
                var expected = Plot.ConfusionColours.GetColor(share);
                // A quarter of a cell off its centre, clear of the count written there.
                var at = plot.GetPixel(new ScottPlot.Coordinates(p - 0.3, -a + 0.3));
                var pixel = bitmap.GetPixel((int)Math.Round(at.X), (int)Math.Round(at.Y));
                Assert.True(Math.Abs(pixel.Red - expected.R) <= 12 && Math.Abs(pixel.Green - expected.G) <= 12 && Math.Abs(pixel.Blue - expected.B) <= 12,
                    $"cell (actual {a}, predicted {p}), share {share:F2}: pixel {pixel}, expected {expected}");
            }
        }
        // The shades differ enough to read: the full cell is far darker than the empty one.
        var full = Plot.ConfusionColours.GetColor(1.0);
        var empty = Plot.ConfusionColours.GetColor(0.0);
        Assert.True(full.R + full.G + full.B + 200 < empty.R + empty.G + empty.B);
    }
}

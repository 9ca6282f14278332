// How much a live window slows CUBA 4000, for docs/benchmarks.md: alternating pairs in one process, the network run
// alone and the same network run with a live window (raster + activity at the default 40 FPS cap), same seed.
//   DISPLAY=:99 dotnet run -c Release benchmarks/render/window-cost.cs -- [pairs=15] [seconds=10] [window-threads=default] [fps=40] [size=1280x720]
// (window-threads: simulation threads of the run with the window, to leave a core to the drawing; the run alone keeps the
// default, 0 keeps it for both; fps: the window's frame-rate cap; size: the window's width × height in pixels)
// Prints per pair the simulation thread's running time with the window (stepping plus the time it spent collecting
// activity and copying snapshots for the renderer) over the run alone, then the median ratio, its range, a bootstrap
// 95% interval of the median and a sign test; and the renderer's share of the simulation thread, measured within each run.
#:property PublishAot=false
#:project ../../src/Render/Dendra.Render.csproj
#:project ../../src/Neurons/Dendra.Neurons.csproj
using System.Diagnostics;
using System.Globalization;
using Dendra.Neurons;
using Dendra.Render.Activity;
using Dendra.Render.Live;
using Dendra.Render.Views;
using Dendra.Simulator.Graph;
using static Dendra.Units;

int pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
int windowThreads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
int fps = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : new ViewOptions().MaxFramesPerSecond;
var size = args.Length > 4 ? args[4].Split('x').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() : [new ViewOptions().Width, new ViewOptions().Height];

double Alone()
{
    var net = new Network(0.1 * ms);
    Brette2007.Cuba(net, 4000);
    net.Build();
    var clock = Stopwatch.StartNew();
    net.Run(seconds);
    return clock.Elapsed.TotalSeconds;
}

LiveViewResult Viewed()
{
    var net = new Network(0.1 * ms);
    if (windowThreads > 0) net.Threads = windowThreads;
    Brette2007.Cuba(net, 4000);
    return new LiveView(net, new ViewOptions { Views = [new RasterView(), new HeatmapView("P")], MaxFramesPerSecond = fps, Width = size[0], Height = size[1] }).Run(seconds, closeWhenDone: true);
}

Alone(); // warm-up: JIT, caches
var ratios = new List<double>();
var shares = new List<double>();
for (int i = 0; i < pairs; i++)
{
    double alone;
    LiveViewResult live;
    if (i % 2 == 0) { alone = Alone(); live = Viewed(); }
    else { live = Viewed(); alone = Alone(); }
    double withWindow = live.SimulationSeconds + live.RendererSeconds;
    ratios.Add(withWindow / alone);
    shares.Add(live.RendererShare);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"pair {i + 1,2}: alone {alone:0.000} s, with window {withWindow:0.000} s ({live.Frames} frames, {live.Frames / live.WallSeconds:0.0} FPS), " +
        $"ratio {withWindow / alone:0.000}, renderer's share of the simulation thread {100 * live.RendererShare:0.00}%"));
}

static double Median(IEnumerable<double> values)
{
    var s = values.Order().ToArray();
    return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
}

var random = new Random(1);
var medians = Enumerable.Range(0, 10_000).Select(_ => Median(Enumerable.Range(0, ratios.Count).Select(_ => ratios[random.Next(ratios.Count)]))).Order().ToArray();
int slower = ratios.Count(r => r > 1);
// Two-sided sign test of "the window makes no difference": P(at least this lopsided) under Binomial(n, 1/2).
static double Binomial(int n, int k) => Math.Exp(LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k)) / Math.Pow(2, n);
static double LogFactorial(int n) => Enumerable.Range(1, n).Sum(k => Math.Log(k));
int extreme = Math.Max(slower, ratios.Count - slower);
double p = Math.Min(1, 2 * Enumerable.Range(extreme, ratios.Count - extreme + 1).Sum(k => Binomial(ratios.Count, k)));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio with window / alone over {ratios.Count} pairs: median {Median(ratios):0.000}, range {ratios.Min():0.000}–{ratios.Max():0.000}, " +
    $"bootstrap 95% interval of the median {medians[249]:0.000}–{medians[9749]:0.000}; slower with the window in {slower} of {ratios.Count} (sign test p = {p:0.000})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"renderer's share of the simulation thread: median {100 * Median(shares):0.00}%, range {100 * shares.Min():0.00}–{100 * shares.Max():0.00}%"));

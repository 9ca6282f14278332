// Rendering benchmark for docs/benchmarks.md: frame time of the raster + activity views, live with CUBA 4000
// running and offscreen for a 100 000-neuron raster, and how much the live window slows the simulation.
//   DISPLAY=:99 dotnet run -c Release benchmarks/render/frames.cs      (Xvfb :99 for a virtual display)
#:property PublishAot=false
#:project ../../src/Render/Dendra.Render.csproj
#:project ../../src/Neurons/Dendra.Neurons.csproj
using System.Diagnostics;
using Dendra.Neurons;
using Dendra.Render.Activity;
using Dendra.Render.Live;
using Dendra.Render.Output;
using Dendra.Render.Views;
using Dendra.Render.Replay;
using Dendra.Simulator.Graph;
using static Dendra.Units;

double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
int fps = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60;
IView[] views = [new RasterView(), new HeatmapView("P")];

// 1. The simulation alone, then the same with a live window (raster + activity), same seed.
var plain = new Network(0.1 * ms);
Brette2007.Cuba(plain, 4000);
plain.Build();
var clock = Stopwatch.StartNew();
plain.Run(seconds);
double alone = clock.Elapsed.TotalSeconds;

var viewed = new Network(0.1 * ms);
Brette2007.Cuba(viewed, 4000);
var live = new LiveView(viewed, new ViewOptions { Views = views, MaxFramesPerSecond = fps }).Run(seconds, closeWhenDone: true);
Console.WriteLine($"live CUBA 4000, {seconds} s: {live.Frames} frames in {live.WallSeconds:0.00} s ({live.Frames / live.WallSeconds:0.0} FPS, capped at {fps}), " +
    $"{live.MillisecondsPerFrame:0.0} ms to draw a frame; simulation {live.SimulationSeconds:0.00} s with the window vs {alone:0.00} s alone ({live.SimulationSeconds / alone:0.00}x)");

// 2. Offscreen: the same two views at 1280x720 from a snapshot of the run, and a 100 000-neuron raster.
var feedNet = new Network(0.1 * ms);
Brette2007.Cuba(feedNet, 4000);
var feed = new ActivityFeed(feedNet, new ViewOptions());
feedNet.Run(1.0);
feed.Collect();
var snapshot = feed.Snapshot(new RunStatus(1, double.NaN, double.NaN, "cpu"));
using var renderer = new OffscreenRenderer(1280, 720);
Console.WriteLine($"renderer: {renderer.Device}");
Time("offscreen raster + activity, CUBA 4000, 1 s window", () => renderer.Render(snapshot, new Layout(views)));

var rng = new Random(1);
const int big = 100_000;
var steps = Enumerable.Range(0, 500_000).Select(_ => (long)rng.Next(0, 10_000)).Order().ToArray();
var neurons = steps.Select(_ => rng.Next(0, big)).ToArray();
var large = new ActivitySnapshot(1e-4, 0, 10_000, [new PopulationSpikes("big", big, steps, neurons)], snapshot.Status);
Time("offscreen raster, 100 000 neurons, 500 000 spikes in the window", () => renderer.Render(large, new Layout([new RasterView()], 1)));

// 3. A 100 000-neuron raster replayed from a recording: reading the 1 s window from the file and drawing it.
var recorded = Path.Combine(Path.GetTempPath(), "dendra-bench-100k.dnr");
var poisson = new Network(0.1 * ms);
var cells = poisson.AddPoisson("cells", big, 5 * Hz);
using (poisson.RecordTo(recorded, Dendra.Simulator.Recording.RecordingSelection.Nothing().WithSpikes(cells))) poisson.Run(2.0);
using (var reader = Dendra.Simulator.Recording.RecordingReader.Open(recorded))
{
    var activity = new Dendra.Render.Replay.RecordingActivity(reader, new ViewOptions { Views = [new RasterView()] });
    long position = activity.FirstStep + 10_000;
    var replayLayout = new Layout(activity.Views(), 1);
    Console.WriteLine($"recording: {new FileInfo(recorded).Length / 1e6:0.0} MB, {reader.SpikeCount("cells")} spikes");
    Time("replay of a 100 000-neuron recording, 1 s window (~500 000 spikes read and drawn per frame)", () =>
    {
        position = position >= activity.EndStep ? activity.FirstStep + 10_000 : position + 100;
        renderer.Render(activity.Snapshot(position, snapshot.Status), replayLayout);
    });
}
File.Delete(recorded);

void Time(string what, Action render)
{
    render();
    var c = Stopwatch.StartNew();
    int n = 0;
    while (c.Elapsed.TotalSeconds < 3) { render(); n++; }
    Console.WriteLine($"{what}: {c.Elapsed.TotalMilliseconds / n:0.0} ms per frame ({n / c.Elapsed.TotalSeconds:0.0} FPS, read back included)");
}

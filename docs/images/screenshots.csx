// Renders one screenshot of each view with the offscreen renderer, so the pictures in docs/render.md stay current:
//   dendra run docs/images/screenshots.csx
// A 28×28 Poisson input whose rates form a blob learns, through pair STDP, onto 16 LIF neurons that inhibit each other.
using Dendra.Render.Output;

var net = new Network(dt: 0.1 * ms, seed: 4);
var input = net.AddPoisson("input", 784, "2 + 40*exp(-((i - 28*floor(i/28) - 9)^2 + (floor(i/28) - 15)^2)/30)");
var hidden = net.AddPopulation("hidden", 16, Lif.Cuba());
hidden.Set("E_L", -65 * mV);   // rests below threshold: it fires only when its input drives it
net.Connect(input, hidden, PairStdp.Synapse("ge", wmax: 1.5 * mV, dApre: 0.03 * 1.5 * mV), Connectivity.AllToAll(), weight: "rand()*1.5e-3", name: "input->hidden");
net.Connect(hidden, hidden, "gi", Connectivity.AllToAll(), -4 * mV, name: "inhibition");

var options = new ViewOptions { Width = 640, Height = 400 }
    .Grid("input", 28, 28).Trace("hidden", "v", 0, 1, 2).ReceptiveField("input->hidden", 28, 28).WeightHistogram("input->hidden");
var feed = new ActivityFeed(net, options);
Run(net, 10 * second);
feed.Collect();
var snapshot = feed.Snapshot(new RunStatus(net.Time, double.NaN, double.NaN, "cpu"));

var folder = Path.GetDirectoryName(Path.GetFullPath("docs/images/screenshots.csx"))!;
var renderer = new OffscreenRenderer(options.Width, options.Height);
foreach (var (name, view) in new (string, IView)[]
{
    ("raster", new RasterView()), ("activity", new HeatmapView("input")), ("receptive-fields", new ReceptiveFieldView("input->hidden")),
    ("traces", new TraceView()), ("rates", new RateView(50)), ("weights", new WeightHistogramView("input->hidden")),
})
{
    var path = Path.Combine(folder, $"view-{name}.png");
    PngFile.Write(path, renderer.Render(snapshot, new Layout([view], columns: 1)));
    Console.WriteLine($"wrote {path}");
}
renderer.Dispose();

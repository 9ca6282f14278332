// A first network: 100 LIF neurons driven by Poisson input, with a raster plot.
// From docs/getting-started.md:  ./dendra run examples/first-raster.csx
var net = new Network(dt: 0.1 * ms);
var input = net.AddPoisson("input", 200, rate: 10 * Hz);
var cells = net.AddPopulation("cells", 100, Lif.CurrentBased());
net.Connect(input, cells, "I_e", Connectivity.FixedProbability(0.1), weight: Param("w", 700 * pA));
var spikes = net.MonitorSpikes(cells);
var inputSpikes = net.MonitorSpikes(input);

Run(net, 1 * second);

Plot.Raster("first-raster.png", inputSpikes, spikes);
Console.WriteLine("wrote first-raster.png");

// Pair STDP regression probe: examples/stdp.csx's network in float64 for 2 s, printing the spike count and a hash of
// the final weights, to show that a change to the simulator left plastic weights bitwise unchanged.
//   ./dendra run benchmarks/stdp/weight-hash.csx --quiet
var net = new Network(dt: 0.1 * ms, precision: Precision.Double, seed: 3);
var input = net.AddPoisson("input", 1000, rate: 15 * Hz);
var cells = net.AddPopulation("cells", 50, Lif.Cuba());
var proj = net.Connect(input, cells, PairStdp.Synapse("ge", wmax: 0.5 * mV), Connectivity.FixedProbability(0.2), weight: "rand()*0.5*mV", delay: 1 * ms);
var spikes = net.MonitorSpikes(cells);
net.Run(2 * second);
var w = proj.Get("w").Values;
ulong h = 14695981039346656037;
foreach (var x in w) { h = (h ^ (ulong)BitConverter.DoubleToInt64Bits(x)) * 1099511628211; }
Console.WriteLine($"spikes {spikes.Count}, mean w {w.Average():R}, weight hash {h}");

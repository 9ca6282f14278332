// Pair STDP cost per synaptic event: examples/stdp.csx's network (1000 Poisson inputs at 15 Hz onto 50 LIF cells, 20%
// connectivity, 1 ms delay, float32) run for `duration` seconds of simulated time after 1 s of warm-up; prints the
// synaptic events (on-pre code runs: each input spike times its synapses; on-post code runs: each cell spike times its
// synapses) per second of wall time.
//   ./dendra run benchmarks/stdp/events.csx --quiet --set duration=20 [--set static=1] [--set cells=1000]
// `cells` (default 50, as the example) sets the number of postsynaptic cells; each still receives 20% of the inputs, so
// every input spike reaches 0.2·cells synapses and, at 1000 cells, the synapses rather than the inputs set the pace.
// With --set static=1 the same network runs with static synapses (on-pre `ge += w` only), the baseline that shows what the
// plasticity itself costs: at this size most of the time is the 1000 Poisson inputs' random draws (each input's threshold
// draws one number per step), not the synapses (docs/benchmarks.md).
var seconds = Param("duration", 20.0);
bool plastic = Param("static", 0.0) == 0;
int cellCount = (int)Param("cells", 50.0);
var net = new Network(dt: 0.1 * ms, seed: 3);
var input = net.AddPoisson("input", 1000, rate: 15 * Hz);
var cells = net.AddPopulation("cells", cellCount, Lif.Cuba());
var proj = net.Connect(input, cells, plastic ? PairStdp.Synapse("ge", wmax: 0.5 * mV) : SynapseModel.Static("ge"), Connectivity.FixedProbability(0.2),
    weight: "rand()*0.5*mV", delay: 1 * ms);
net.Run(1 * second);
var inputSpikes = net.MonitorSpikes(input);
var cellSpikes = net.MonitorSpikes(cells);
// Process CPU time as well as wall time: on a shared machine the wall time of a single-threaded run varies with what
// else runs, its CPU seconds far less.
var process = System.Diagnostics.Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var clock = System.Diagnostics.Stopwatch.StartNew();
net.Run(seconds * second);
clock.Stop();
process.Refresh();
var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
var (pre, post, weights) = proj.Get("w");
var fanOut = new long[input.Size];
var fanIn = new long[cells.Size];
foreach (var p in pre) fanOut[p]++;
foreach (var q in post) fanIn[q]++;
long events = inputSpikes.Neurons.Sum(n => fanOut[n]) + cellSpikes.Neurons.Sum(n => fanIn[n]);
Console.WriteLine($"{pre.Length} synapses, {inputSpikes.Count} input and {cellSpikes.Count} cell spikes, {events} synaptic events in {clock.Elapsed.TotalSeconds:F2} s: " +
    $"{events / clock.Elapsed.TotalSeconds / 1e6:F2} M synaptic events/s; {cpuSeconds:F2} CPU s: {events / cpuSeconds / 1e6:F2} M per CPU second");
// The learned weights, to compare two builds: the same spikes and the same weights to rounding.
if (plastic) Console.WriteLine($"sum of w = {weights.Sum():R} V, largest w = {weights.Max():R} V");

// Pair STDP cost per synaptic event: examples/stdp.csx's network (1000 Poisson inputs at 15 Hz onto 50 LIF cells, 20%
// connectivity, 1 ms delay, float32) run for `duration` seconds of simulated time after 1 s of warm-up; prints the
// synaptic events (on-pre code runs: each input spike times its synapses; on-post code runs: each cell spike times its
// synapses) per second of wall time.
//   ./dendra run benchmarks/stdp/events.csx --quiet --set duration=20
var seconds = Param("duration", 20.0);
var net = new Network(dt: 0.1 * ms, seed: 3);
var input = net.AddPoisson("input", 1000, rate: 15 * Hz);
var cells = net.AddPopulation("cells", 50, Lif.Cuba());
var proj = net.Connect(input, cells, PairStdp.Synapse("ge", wmax: 0.5 * mV), Connectivity.FixedProbability(0.2),
    weight: "rand()*0.5*mV", delay: 1 * ms);
net.Run(1 * second);
var inputSpikes = net.MonitorSpikes(input);
var cellSpikes = net.MonitorSpikes(cells);
var clock = System.Diagnostics.Stopwatch.StartNew();
net.Run(seconds * second);
clock.Stop();
var (pre, post, _) = proj.Get("w");
var fanOut = new long[input.Size];
var fanIn = new long[cells.Size];
foreach (var p in pre) fanOut[p]++;
foreach (var q in post) fanIn[q]++;
long events = inputSpikes.Neurons.Sum(n => fanOut[n]) + cellSpikes.Neurons.Sum(n => fanIn[n]);
Console.WriteLine($"{pre.Length} synapses, {inputSpikes.Count} input and {cellSpikes.Count} cell spikes, {events} synaptic events in {clock.Elapsed.TotalSeconds:F2} s: " +
    $"{events / clock.Elapsed.TotalSeconds / 1e6:F2} M synaptic events/s");

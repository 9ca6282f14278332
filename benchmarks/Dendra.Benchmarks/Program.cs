// Whole-process CUBA benchmark (Brette et al. 2007, benchmark 2) for docs/benchmarks.md.
// Usage: dendra-bench [--seed 1] [--stats yes] [--n 4000] [--syn 0|K] [--duration 10] [--precision single|double] [--threads 2]
// --syn 0 keeps p = 0.02; --syn K uses p = K/N (K synapses per neuron, as in Brian2's speed suite).
using System.Diagnostics;
using System.Globalization;
using Dendra.Simulator.Graph;
using Dendra.Neurons;
using static Dendra.Units;

var options = new Dictionary<string, string>();
for (int k = 0; k + 1 < args.Length; k += 2) options[args[k].TrimStart('-')] = args[k + 1];
string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
int n = int.Parse(Get("n", "4000"), CultureInfo.InvariantCulture);
int syn = int.Parse(Get("syn", "0"), CultureInfo.InvariantCulture);
double duration = double.Parse(Get("duration", "10"), CultureInfo.InvariantCulture);
var precision = Get("precision", "single") == "double" ? Precision.Double : Precision.Single;
int threads = int.Parse(Get("threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var total = Stopwatch.StartNew();
var net = new Network(0.1 * ms, precision, seed: ulong.Parse(Get("seed", "1"), CultureInfo.InvariantCulture)) { Threads = threads };
var pop = Brette2007.Cuba(net, n, syn);
var rate = net.MonitorRate(pop);
var spikeMonitor = Get("stats", "no") == "yes" ? net.MonitorSpikes(pop) : null;

long heapBefore = GC.GetTotalMemory(true);
var build = Stopwatch.StartNew();
net.Build();
build.Stop();
long heapAfter = GC.GetTotalMemory(true);
long synapses = 0;
foreach (var pr in net.Projections) synapses += pr.SynapseCount;
GC.Collect();

var run = Stopwatch.StartNew();
net.Run(duration * second);
run.Stop();
long spikes = (long)Math.Round(rate.Rates.Sum() * n * net.Dt);
double steps = duration / net.Dt;
// Each spike reaches (on average) its out-degree in synapses: synapses / N.
double events = spikes * (double)synapses / n;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"n\":{n},\"synapses\":{synapses},\"precision\":\"{precision}\",\"threads\":{threads},\"duration_s\":{duration},\"build_s\":{build.Elapsed.TotalSeconds:F3},\"run_s\":{run.Elapsed.TotalSeconds:F3},\"total_s\":{total.Elapsed.TotalSeconds:F3},\"spikes\":{spikes},\"rate_hz\":{spikes / (double)n / duration:F2},\"steps_per_s\":{steps / run.Elapsed.TotalSeconds:F0},\"events_per_s\":{events / run.Elapsed.TotalSeconds:F0},\"heap_bytes_per_synapse\":{(heapAfter - heapBefore) / (double)Math.Max(1, synapses):F2},\"isi_cv\":{spikeMonitor?.MeanIsiCv() ?? double.NaN:F3}}}"));

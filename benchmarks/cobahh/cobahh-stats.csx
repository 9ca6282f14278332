// COBAHH (Brette et al. 2007, benchmark 3) as `dendra bench cobahh` builds it (Brette2007.Cobahh: 4000 Traub–Miles
// neurons, p = 0.02, exponential Euler, dt 0.1 ms), printing one JSON line with the spike count, the mean rates and
// the mean ISI CV, for the cross-check against Brian2 (benchmarks/cobahh/crosscheck.sh, benchmarks/brian2/cobahh.py).
//   ./dendra run benchmarks/cobahh/cobahh-stats.csx --quiet --seed 1 --precision double --duration 1s
// --set save=PREFIX writes the network (PREFIX_init.csv: initial v, ge, gi; PREFIX_ce.csv, PREFIX_ci.csv: pre, post)
// and its spikes (PREFIX_spikes.csv: neuron, step); --set load=PREFIX runs a network saved so,
// by this script or by benchmarks/brian2/cobahh.py --save (benchmarks/cobahh/same-network.sh compares the two).
using System.Globalization;

var ci = CultureInfo.InvariantCulture;
var N = Param("N", 4000);
var save = Param("save", "");
var load = Param("load", "");
var nExc = N * 4 / 5;
var net = new Network(dt: 0.1 * ms);
Population P;
if (load == "")
    P = Brette2007.Cobahh(net, N);
else
{
    var init = File.ReadAllLines(load + "_init.csv").Select(l => l.Split(',').Select(x => double.Parse(x, ci)).ToArray()).ToArray();
    if (init.Length != N) throw new InvalidOperationException($"{load}_init.csv has {init.Length} neurons, not {N}");
    (List<int> Pre, List<int> Post) Pairs(string file)
    {
        var rows = File.ReadAllLines(file).Select(l => l.Split(',')).ToList();
        return (rows.Select(r => int.Parse(r[0], ci)).ToList(), rows.Select(r => int.Parse(r[1], ci)).ToList());
    }
    var (ePre, ePost) = Pairs(load + "_ce.csv");
    var (iPre, iPost) = Pairs(load + "_ci.csv");
    var model = HodgkinHuxley.Cobahh()
        .WithInitial("v", init.Select(r => r[0]).ToArray())
        .WithInitial("ge", init.Select(r => r[1]).ToArray())
        .WithInitial("gi", init.Select(r => r[2]).ToArray());
    P = net.AddPopulation("P", N, model);
    net.Connect(P, P, "ge", Connectivity.Pairs(ePre, ePost), weight: HodgkinHuxley.CobahhWeightE);
    net.Connect(P, P, "gi", Connectivity.Pairs(iPre, iPost), weight: HodgkinHuxley.CobahhWeightI);
}
var spikes = net.MonitorSpikes(P);
Run(net, 1 * second);

if (save != "")
{
    // The initial state, read from a twin built with the same seed and precision (the run has moved this one on).
    var twin = new Network(net.Dt, net.Precision, net.Seed);
    var twinP = load == "" ? Brette2007.Cobahh(twin, N) : twin.AddPopulation("P", N, P.Model);
    twin.Build();
    var (v, ge, gi) = (twinP.Get("v"), twinP.Get("ge"), twinP.Get("gi"));
    File.WriteAllLines(save + "_init.csv", Enumerable.Range(0, N).Select(k => string.Create(ci, $"{v[k]:R},{ge[k]:R},{gi[k]:R}")));
    for (int k = 0; k < 2; k++)
    {
        var (pre, post, _) = net.Projections[k].Get("w");
        File.WriteAllLines(save + (k == 0 ? "_ce.csv" : "_ci.csv"), pre.Select((x, s) => $"{x},{post[s]}"));
    }
    File.WriteAllLines(save + "_spikes.csv", Enumerable.Range(0, spikes.Count).Select(k => $"{spikes.Neurons[k]},{spikes.Steps[k]}"));
}
double duration = net.Time;
var counts = spikes.CountsPerNeuron();
long exc = counts.Take(nExc).Sum(), all = counts.Sum();
long synapses = net.Projections.Sum(p => p.SynapseCount);
Console.WriteLine(string.Create(ci, $"{{\"simulator\":\"dendra\",\"model\":\"cobahh\",\"n\":{N},\"synapses\":{synapses},")
    + string.Create(ci, $"\"seed\":{net.Seed},\"precision\":\"{net.Precision}\",\"duration_s\":{duration:R},")
    + $"\"loaded\":{(load == "" ? "null" : $"\"{load}\"")},\"spikes\":{all},"
    + string.Create(ci, $"\"rate_exc_hz\":{exc / (nExc * duration):R},\"rate_inh_hz\":{(all - exc) / ((N - nExc) * duration):R},")
    + string.Create(ci, $"\"rate_all_hz\":{all / (N * duration):R},\"isi_cv_mean\":{spikes.MeanIsiCv():R}}}"));

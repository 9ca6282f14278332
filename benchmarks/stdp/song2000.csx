// Pair STDP after Song, Miller & Abbott (2000), as in Brian2's example synapses/STDP.py, for the cross-check against
// Brian2 (benchmarks/stdp/crosscheck.sh, benchmarks/brian2/stdp.py): 1000 Poisson inputs at 15 Hz onto one
// conductance LIF through Dendra's PairStdp (all-to-all pairing, no delay), weights uniform in [0, gmax] at the start.
// Prints one JSON line: the output neuron's rate and the weight distribution after each of `chunks` equal stretches.
//   ./dendra run benchmarks/stdp/song2000.csx --quiet --seed 1 --precision double --threads 1 --set T=100
// (the simulated time is --set T=seconds, not --duration, because the run is split into stretches).
// benchmarks/stdp/same-inputs.sh drives both simulators with the same input spikes (--set spikes=FILE) and initial
// weights (--set w0=golden) and compares output spikes and final weights (--set save=PREFIX).
using System.Globalization;
using System.Text;

var inputs = Param("inputs", 1000);
var T = Param("T", 100.0);          // seconds of simulated time
var chunks = Param("chunks", 10);
var inputSpikes = Param("spikes", "");  // CSV (input, step) of input spikes to use instead of Poisson inputs
var w0 = Param("w0", "rand");           // initial weights: rand()*gmax, or golden: frac(i*0.618...)*gmax
var save = Param("save", "");           // PREFIX: writes PREFIX_out.csv (output spike steps) and PREFIX_w.csv (final w)
const double gmax = 0.01;

// The output neuron of Brian2's example: ge is in units of the leak conductance, no refractory period, forward Euler.
var neuronModel = new NeuronModel("SongLIF", """
        dv/dt = (ge*(E_e - v) + E_l - v)/tau_m
        dge/dt = -ge/tau_e
        """)
    .WithParameter("tau_m", 10 * ms, "s", "membrane time constant")
    .WithParameter("tau_e", 5 * ms, "s", "decay time of ge")
    .WithParameter("E_e", 0 * mV, "V", "excitatory reversal potential")
    .WithParameter("E_l", -74 * mV, "V", "leak reversal potential")
    .WithParameter("v_t", -54 * mV, "V", "threshold")
    .WithParameter("v_r", -60 * mV, "V", "reset")
    .WithThreshold("v > v_t")
    .WithReset("v = v_r")
    .WithInitial("v", "v_r")
    .WithMethod(Integrator.Euler);

var net = new Network(dt: 0.1 * ms);
var input = inputSpikes == ""
    ? net.AddPoisson("input", inputs, rate: 15 * Hz)
    : net.AddSpikeSource("input", inputs, File.ReadAllLines(inputSpikes).Select(l => l.Split(','))
        .Select(a => (int.Parse(a[0], CultureInfo.InvariantCulture), long.Parse(a[1], CultureInfo.InvariantCulture) * 0.1 * ms)));
var neuron = net.AddPopulation("neuron", 1, neuronModel);
var stdp = PairStdp.Synapse("ge", wmax: gmax);  // taupre = taupost = 20 ms, dApre = 0.01 gmax, dApost = -1.05 dApre
var proj = net.Connect(input, neuron, stdp, Connectivity.AllToAll(),
    weight: w0 == "rand" ? "rand()*0.01" : "(i*0.6180339887498949 - floor(i*0.6180339887498949))*0.01");
var spikes = net.MonitorSpikes(neuron);

var json = new StringBuilder();
var inv = CultureInfo.InvariantCulture;
var tList = new List<double>(); var rateList = new List<double>(); var meanList = new List<double>();
var lowList = new List<double>(); var highList = new List<double>();
double stretch = T / chunks;
int before = 0;
for (int k = 0; k < chunks; k++)
{
    if (k == 0) Run(net, stretch); else net.Run(stretch);
    var w = proj.Get("w").Values;
    tList.Add(net.Time);
    rateList.Add((spikes.Count - before) / stretch);
    before = spikes.Count;
    meanList.Add(w.Average() / gmax);
    lowList.Add(w.Count(x => x < 0.1 * gmax) / (double)w.Length);
    highList.Add(w.Count(x => x > 0.9 * gmax) / (double)w.Length);
}
var final = proj.Get("w").Values;
if (save != "")
{
    File.WriteAllLines(save + "_out.csv", spikes.Steps.Select(x => x.ToString(inv)));
    File.WriteAllLines(save + "_w.csv", final.Select(x => x.ToString("R", inv)));
}
var histogram = new int[10];
foreach (var x in final) histogram[Math.Min(9, (int)(x / gmax * 10))]++;
string L(IEnumerable<double> xs) => "[" + string.Join(",", xs.Select(x => x.ToString("R", inv))) + "]";
Console.WriteLine(string.Create(inv, $"{{\"simulator\":\"dendra\",\"model\":\"stdp\",\"seed\":{net.Seed},\"precision\":\"{net.Precision}\",")
    + string.Create(inv, $"\"inputs\":{inputs},\"duration_s\":{net.Time:R},\"spikes\":{spikes.Count},\"rate_hz\":{spikes.Count / net.Time:R},")
    + string.Create(inv, $"\"rate_last_hz\":{rateList[^1]:R},\"w_mean_over_gmax\":{meanList[^1]:R},")
    + string.Create(inv, $"\"frac_below_0.1\":{lowList[^1]:R},\"frac_above_0.9\":{highList[^1]:R},")
    + string.Create(inv, $"\"frac_at_0\":{final.Count(x => x == 0) / (double)final.Length:R},")
    + string.Create(inv, $"\"frac_at_gmax\":{final.Count(x => x == gmax) / (double)final.Length:R},\"hist10\":[{string.Join(",", histogram)}],")
    + $"\"t_s\":{L(tList)},\"rate_hz_per_stretch\":{L(rateList)},\"w_mean_per_stretch\":{L(meanList)},"
    + $"\"frac_below_0.1_per_stretch\":{L(lowList)},\"frac_above_0.9_per_stretch\":{L(highList)}}}");

// Plastic rate projection throughput for docs/benchmarks.md: 784 → 2000 units, a minibatch of 100, one product
// (I = W·r for every instance) and one outer-product update (Oja: ΔW = eta·Σ_n (v_n ⊗ r_n − v_n² ⊙ W)) per presentation,
// in GFLOP/s, next to OpenBLAS's cblas_sgemm of the same two shapes measured in the same process, round by round.
//   dotnet run -c Release benchmarks/plastic/throughput.cs [rounds=20] [threads=2] [backend=cpu|opencl]
#:property PublishAot=false
#:project ../../src/Neurons/Dendra.Neurons.csproj
using System.Diagnostics;
using System.Globalization;
using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.LinearAlgebra;
using Dendra.Simulator.Models;
using static Dendra.Units;

const int Inputs = 784, Hidden = 2000, Batch = 100;
int presentations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var backend = args.Length > 2 && args[2] == "opencl" ? Backend.OpenCl : Backend.Cpu;
double productFlop = 2.0 * Hidden * Inputs * Batch;   // one multiply-add per weight and instance
double updateFlop = 2.0 * Hidden * Inputs * Batch;    // the outer products' multiply-adds (the decay term not counted)
var random = new Random(1);

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
}

// OpenBLAS, the same shapes: the product X (100×784) · Wᵀ, and the update's outer products F (2000×100) · G (100×784).
OpenBlas.Threads = threads;
var w = Enumerable.Range(0, Hidden * Inputs).Select(_ => (float)random.NextDouble()).ToArray();
var x = Enumerable.Range(0, Batch * Inputs).Select(_ => (float)random.NextDouble()).ToArray();
var f = Enumerable.Range(0, Hidden * Batch).Select(_ => (float)random.NextDouble()).ToArray();
var currents = new float[Batch * Hidden];
var change = new float[Hidden * Inputs];
double Time(Action a) { var s = Stopwatch.StartNew(); a(); return s.Elapsed.TotalSeconds; }
void BlasProduct() => OpenBlas.Gemm(false, true, Batch, Hidden, Inputs, 1f, x, w, 0f, currents);
void BlasUpdate() => OpenBlas.Gemm(false, false, Hidden, Inputs, Batch, 1f, f, x, 1f, change);

// Dendra: one presentation = one step of the network with the plastic projection.
var net = new Network(1 * ms, Precision.Single) { BatchSize = Batch, Threads = threads, Backend = backend };
var input = net.AddPopulation("input", Inputs, RateNeuron.Input());
var hidden = net.AddPopulation("hidden", Hidden, new NeuronModel("Linear", "v = I").WithInput("I"));
var weights = new double[Hidden, Inputs];
for (int j = 0; j < Hidden; j++) for (int i = 0; i < Inputs; i++) weights[j, i] = (random.NextDouble() - 0.5) * 0.01;
net.ConnectRate(input, hidden, "r", "I", weights)
    .Learn(new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 1e-6).ReducedBy(BatchReduction.Mean));
input.SetState("r", x.Select(v => (double)v).ToArray());
net.Build();

// The product alone: the same network without the rule. Its input is rewritten by an equation every step (dr/dt = 0),
// so the product is computed every step: an input that only the user writes would be multiplied once and added after.
var fixedNet = new Network(1 * ms, Precision.Single) { BatchSize = Batch, Threads = threads, Backend = backend };
var fixedInput = fixedNet.AddPopulation("input", Inputs, new NeuronModel("Still", "dr/dt = 0/ms"));
var fixedHidden = fixedNet.AddPopulation("hidden", Hidden, new NeuronModel("Linear", "v = I").WithInput("I"));
fixedNet.ConnectRate(fixedInput, fixedHidden, "r", "I", weights);
fixedInput.SetState("r", x.Select(v => (double)v).ToArray());
fixedNet.Build();

// Rounds of a few of each, interleaved, so that both sides meet the same machine: on a shared virtual machine the speed
// drifts over seconds, and timing one side after the other measured the drift as much as the programs. Each side's
// threads spin for a while after a call (OpenBLAS's for long), so the first call after a switch shares the cores with
// the other side's spinning threads: of five calls in a row the first is left out and the median of the others kept.
// A warm-up of five rounds first (compilation, thread start).
double Block(Action a)
{
    a();
    return Median(Enumerable.Range(0, 4).Select(_ => Time(a)));
}
var rounds = new List<(double BlasProduct, double BlasUpdate, double Presentation, double Product)>();
for (int round = -5; round < presentations; round++)
{
    var times = (Block(BlasProduct), Block(BlasUpdate), Block(() => net.Run(net.Dt)), Block(() => fixedNet.Run(fixedNet.Dt)));
    if (round >= 0) rounds.Add(times);
}
double blasProduct = Median(rounds.Select(r => r.BlasProduct)), blasUpdate = Median(rounds.Select(r => r.BlasUpdate));
double presentation = Median(rounds.Select(r => r.Presentation)), product = Median(rounds.Select(r => r.Product));
double share = Median(rounds.Select(r => (r.BlasProduct + r.BlasUpdate) / r.Presentation));

string G(double flop, double s) => (flop / s / 1e9).ToString("F1", CultureInfo.InvariantCulture);
string Ms(double s) => (s * 1e3).ToString("F2", CultureInfo.InvariantCulture);
Console.WriteLine($"784 → 2000, batch 100, float32, {(backend == Backend.Cpu ? $"CPU, {threads} thread(s)" : "OpenCL")}, medians");
Console.WriteLine("| what | ms | GFLOP/s |");
Console.WriteLine("|---|---|---|");
Console.WriteLine($"| cblas_sgemm, product shape (100×784 · 784×2000) | {Ms(blasProduct)} | {G(productFlop, blasProduct)} |");
Console.WriteLine($"| cblas_sgemm, update shape (2000×100 · 100×784) | {Ms(blasUpdate)} | {G(updateFlop, blasUpdate)} |");
Console.WriteLine($"| Dendra, one step, fixed weights (the product) | {Ms(product)} | {G(productFlop, product)} |");
Console.WriteLine($"| Dendra, one presentation: product + Oja update | {Ms(presentation)} | {G(productFlop + updateFlop, presentation)} |");
Console.WriteLine($"| OpenBLAS, product + update | {Ms(blasProduct + blasUpdate)} | {G(productFlop + updateFlop, blasProduct + blasUpdate)} |");
Console.WriteLine($"Dendra's presentation at {100 * (blasProduct + blasUpdate) / presentation:F0}% of OpenBLAS's two products " +
    $"(medians); the median of the {rounds.Count} rounds' own shares: {100 * share:F0}%");

// Minibatch benchmark for docs/benchmarks.md: Krotov & Hopfield-sized competing hidden units (784 inputs → 2000 hidden
// units with lateral inhibition through a population sum), B instances in one batch against the same B inputs run one
// at a time. Reports, per backend and batch size, steps/s, instance-steps/s (what a researcher waits on: presentations
// of one input for one step) and the dense projection's multiply-adds per second, plus CPU seconds.
//   dotnet run -c Release benchmarks/minibatch/batch.cs [steps=100] [batches=1,10,100] [backends=cpu,opencl] [precision=single|double] [inputs=moving|clamped]
// With clamped inputs (RateNeuron.Input) the projection's source does not change during the run, so Dendra computes
// the product once and holds it: the figures then measure the hidden units' update alone. Moving inputs (the default)
// decay slowly (dr/dt = -r/1 s), so the product is computed every step, as a researcher's time-varying input needs.
#:property PublishAot=false
#:project ../../src/Neurons/Dendra.Neurons.csproj
using System.Diagnostics;
using System.Globalization;
using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

const int Inputs = 784, Hidden = 2000;
int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
var batches = (args.Length > 1 ? args[1] : "1,10,100").Split(',').Select(int.Parse).ToArray();
var backends = (args.Length > 2 ? args[2] : "cpu,opencl").Split(',');
var precision = args.Length > 3 && args[3] == "double" ? Precision.Double : Precision.Single;
bool moving = args.Length <= 4 || args[4] != "clamped";

var random = new Random(1);
var weights = new double[Hidden, Inputs];
for (int j = 0; j < Hidden; j++)
    for (int i = 0; i < Inputs; i++) weights[j, i] = random.NextGaussian() * 0.05;
var pixels = Enumerable.Range(0, batches.Max() * Inputs).Select(_ => random.NextDouble()).ToArray();

foreach (var backend in backends)
    foreach (int batch in batches)
    {
        var net = new Network(0.1 * ms, precision, seed: 1) { Backend = backend == "opencl" ? Backend.OpenCl : Backend.Cpu, BatchSize = batch, Threads = Environment.GetEnvironmentVariable("THREADS") is { } th ? int.Parse(th) : Environment.ProcessorCount };
        var input = net.AddPopulation("pixels", Inputs, moving
            ? new NeuronModel("DecayingInput", "dr/dt = -r/(1*second)")
            : RateNeuron.Input());
        var hidden = net.AddPopulation("hidden", Hidden, new NeuronModel("Competing", """
                dh/dt = (I - h - w_inh*(sum(max(h, 0)) - max(h, 0)))/tau
                r = max(h, 0)
                """).WithParameter("tau", 5 * ms).WithParameter("w_inh", 0.2).WithInput("I"));
        net.ConnectRate(input, hidden, "r", "I", weights);
        input.SetState("r", pixels.AsSpan(0, batch * Inputs));
        // Warm-up: kernels compiled, caches warm, and long enough (half a second) for .NET's tiered JIT to have
        // recompiled the hot loops; timing the first few dozen steps measures unoptimized code.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 0.5) net.Run(5 * net.Dt);

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        net.Run(steps * net.Dt);
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{backend} B={batch} {precision.ToString().ToLowerInvariant()}: {seconds:0.000} s for {steps} steps, {steps / seconds:0.0} steps/s, " +
            $"{steps * batch / seconds:0} instance-steps/s, {(double)steps * batch * Inputs * Hidden / seconds / 1e9:0.00} G multiply-adds/s, {cpuSeconds:0.000} CPU s [{net.BackendDescription}, {(moving ? "moving" : "clamped")} inputs]"));
    }

static class Gaussian
{
    public static double NextGaussian(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

// Dense rate projection benchmark for docs/benchmarks.md: a 784 → 2000 feed-forward rate network (an MNIST-sized
// input layer into a hidden layer), steps/s and the projection's multiply-adds per second, CPU against OpenCL. Each
// backend also runs the same two layers without the projection, so the projection's own cost per step is the difference.
//   dotnet run -c Release benchmarks/opencl/rate-dense.cs [duration-seconds=0.2] [precision=single|double] [backends=cpu,opencl]
#:property PublishAot=false
#:project ../../src/Neurons/Dendra.Neurons.csproj
using System.Diagnostics;
using System.Globalization;
using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using static Dendra.Units;

const int Inputs = 784, Hidden = 2000;
double duration = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 0.2;
var precision = args.Length > 1 && args[1] == "double" ? Precision.Double : Precision.Single;
var backends = (args.Length > 2 ? args[2] : "cpu,opencl").Split(',');

var random = new Random(1);
var weights = new double[Hidden, Inputs];
for (int j = 0; j < Hidden; j++)
    for (int i = 0; i < Inputs; i++) weights[j, i] = (random.NextDouble() - 0.5) * 0.1;

foreach (var (name, connected) in backends.SelectMany(b => new[] { (b, false), (b, true) }))
{
    var net = new Network(0.1 * ms, precision, seed: 1) { Backend = name == "opencl" ? Backend.OpenCl : Backend.Cpu };
    var input = net.AddPopulation("input", Inputs, RateNeuron.Create(Transfer.Linear));
    var hidden = net.AddPopulation("hidden", Hidden, RateNeuron.Create(Transfer.Sigmoid));
    net.Inject(input, "I", CurrentSource.Sine(1, 5));
    if (connected) net.ConnectRate(input, hidden, "r", "I", weights);
    net.Build();
    net.Run(10 * net.Dt); // kernels compiled and caches warm before the clock starts

    // CPU time as well as wall time: on a shared machine the process's CPU seconds vary far less than its wall time.
    using var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    net.Run(duration);
    double seconds = clock.Elapsed.TotalSeconds;
    process.Refresh();
    double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
    double steps = Math.Round(duration / net.Dt);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(connected ? "with" : "without")} {Inputs}→{Hidden} {precision.ToString().ToLowerInvariant()} {net.BackendDescription}: {seconds:0.000} s for {steps} steps, {steps / seconds:0} steps/s, {steps * Inputs * Hidden / seconds / 1e9:0.00} G multiply-adds/s, {cpuSeconds:0.000} CPU s ({1e3 * cpuSeconds / steps:0.000} CPU ms/step)"));
}

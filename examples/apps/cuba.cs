// CUBA as a file-based C# app: `dotnet run examples/apps/cuba.cs` (from the repository root).
// File-based apps are built for native AOT by default, where Dendra's kernels cannot be compiled and run
// interpreted (about 100x slower); this line keeps the JIT.
#:property PublishAot=false
#:project ../../src/Simulator/Dendra.Simulator.csproj
#:project ../../src/Neurons/Dendra.Neurons.csproj
using Dendra.Neurons;
using Dendra.Simulator.Graph;
using static Dendra.Units;

var net = new Network(dt: 0.1 * ms);
var p = net.AddPopulation("P", 4000, Lif.Cuba());
net.Connect(p.Slice(0, 3200), p, "ge", Connectivity.FixedProbability(0.02), 1.62 * mV);
net.Connect(p.Slice(3200, 800), p, "gi", Connectivity.FixedProbability(0.02), -9 * mV);
net.Run(1 * second);
Console.WriteLine($"P: {p.Size} neurons, {p.SpikeCount} spikes, {p.SpikeCount / (p.Size * net.Time):0.00} Hz");

// CUBA with its excitatory cells on the OpenCL device and its inhibitory cells on the CPU: one network on two
// backends, spikes crossing between them every step. In float64 it gives exactly the spikes of the CPU-only run.
//
//   dendra run examples/cuba-split.csx
//   dendra run examples/cuba-split.csx --set N=40000
//   dendra run examples/cuba-split.csx --set exc=cpu --set inh=opencl    (or both on one side, to compare)
//
// Needs an OpenCL device (dendra devices); see docs/opencl.md, "Placing populations".

var N = Param("N", 4000);
var nExc = (int)(0.8 * N);
var excPlacement = Enum.Parse<Placement>(Param("exc", "opencl"), ignoreCase: true);
var inhPlacement = Enum.Parse<Placement>(Param("inh", "cpu"), ignoreCase: true);

var net = new Network(dt: 0.1 * ms, precision: Precision.Double);
var exc = net.AddPopulation("exc", nExc, Lif.Cuba());
var inh = net.AddPopulation("inh", N - nExc, Lif.Cuba());
exc.Placement = excPlacement;   // by default OpenCl: this population, and the synapses into it, run on the device
inh.Placement = inhPlacement;   // by default Cpu: this one, and the synapses into it, on the CPU
foreach (var target in new[] { exc, inh })
{
    net.Connect(exc, target, "ge", Connectivity.FixedProbability(0.02), weight: Lif.CubaWeightE);
    net.Connect(inh, target, "gi", Connectivity.FixedProbability(0.02), weight: Lif.CubaWeightI);
}
var excSpikes = net.MonitorSpikes(exc);   // monitors work on either side; the device's come back once per batch
var inhSpikes = net.MonitorSpikes(inh);

Run(net, 1 * second);

Console.WriteLine($"{net.BackendDescription}");
Console.WriteLine($"mean rate exc {excSpikes.Count / (nExc * net.Time):0.00} Hz, inh {inhSpikes.Count / ((N - nExc) * net.Time):0.00} Hz");

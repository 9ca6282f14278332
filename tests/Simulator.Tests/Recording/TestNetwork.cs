using Dendra.Plasticity;
using Dendra.Simulator.Graph;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Recording;

/// <summary>
/// A small network that exercises every piece of state a recording or checkpoint must carry: a CUBA population
/// with random initial values, Poisson input (random draws every step), a fixed 2 ms delay and random per-synapse
/// delays (spikes in flight in the ring buffers), and plastic STDP synapses (weights, traces, event clocks, queued events).
/// </summary>
internal static class TestNetwork
{
    public static (Network Net, Population Cells, Population Input, Projection Plastic) Build(Precision precision, ulong seed = 3)
    {
        var net = new Network(0.1 * ms, precision, seed) { Threads = 2 };
        var cells = net.AddPopulation("cells", 400, Dendra.Neurons.Lif.Cuba());
        var input = net.AddPoisson("input", 100, 20.0);
        net.Connect(cells.Slice(0, 320), cells, "ge", Connectivity.FixedProbability(0.05), Dendra.Neurons.Lif.CubaWeightE, delay: 2 * ms);
        net.Connect(cells.Slice(320, 80), cells, "gi", Connectivity.FixedProbability(0.05), Dendra.Neurons.Lif.CubaWeightI, delay: "0.5*ms + rand()*1.5*ms");
        var plastic = net.Connect(input, cells, PairStdp.Synapse("ge", wmax: 2 * mV), Connectivity.FixedProbability(0.1), weight: "rand()*2*mV", delay: 1.5 * ms);
        return (net, cells, input, plastic);
    }
}

using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using Dendra.Simulator.Monitors;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Integration;

/// <summary>The random network of Brette et al. (2007): 80% excitatory onto <c>ge</c>, 20% inhibitory onto <c>gi</c>, p = 0.02.</summary>
internal static class BenchmarkNetwork
{
    public static (Network Net, Population P, SpikeMonitor Spikes) Build(NeuronModel model, double weightE, double weightI,
        int n = 4000, ulong seed = 1, Precision precision = Precision.Single, int threads = 2)
    {
        var net = new Network(0.1 * ms, precision, seed) { Threads = threads };
        var p = net.AddPopulation("P", n, model);
        int ne = n * 4 / 5;
        net.Connect(p.Slice(0, ne), p, "ge", Connectivity.FixedProbability(0.02), weightE);
        net.Connect(p.Slice(ne, n - ne), p, "gi", Connectivity.FixedProbability(0.02), weightI);
        return (net, p, net.MonitorSpikes(p));
    }
}

using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Integration;

public class CubaSmokeTests
{
    internal static (Network Net, Population P, Monitors.SpikeMonitor Spikes) Cuba(int n = 4000, ulong seed = 1, Precision precision = Precision.Single, int threads = 2)
    {
        var model = Dendra.Neurons.Lif.Cuba();
        var net = new Network(0.1 * ms, precision, seed) { Threads = threads };
        var p = net.AddPopulation("P", n, model);
        int ne = n * 4 / 5;
        net.Connect(p.Slice(0, ne), p, "ge", Connectivity.FixedProbability(0.02), 1.62 * mV);
        net.Connect(p.Slice(ne, n - ne), p, "gi", Connectivity.FixedProbability(0.02), -9 * mV);
        return (net, p, net.MonitorSpikes(p));
    }

    [Fact]
    public void Cuba_fires_asynchronously_at_a_plausible_rate()
    {
        var (net, p, spikes) = Cuba();
        net.Run(1 * second);
        double rate = spikes.Count / (double)p.Size / 1.0;
        Assert.Equal(Integrator.Exact, net.IntegratorOf(p));
        Assert.InRange(rate, 2, 50);
    }
}

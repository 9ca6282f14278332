using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Integration;

public class CubaSmokeTests
{
    internal static (Network Net, Population P, Monitors.SpikeMonitor Spikes) Cuba(int n = 4000, ulong seed = 1, Precision precision = Precision.Single, int threads = 2)
        => BenchmarkNetwork.Build(Dendra.Neurons.Lif.Cuba(), Dendra.Neurons.Lif.CubaWeightE, Dendra.Neurons.Lif.CubaWeightI, n, seed, precision, threads);

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

using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using Dendra.Simulator.Monitors;
using Dendra.Simulator.Tests.Integration;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// The OpenCL backend against the CPU backend on the Brette et al. (2007) benchmarks and an Izhikevich network: in
/// float64 the same spikes, step by step, for the first 1000 steps; in float32 the same spike count per neuron within
/// 1% over 1 s of simulated time.
/// </summary>
public class OpenClEquivalenceTests
{
    public static TheoryData<string> Networks => ["CUBA", "COBA", "COBAHH", "Izhikevich"];

    private static (Network Net, SpikeMonitor Spikes) Build(string name, Backend backend, Precision precision, int n)
    {
        var (net, _, spikes) = name switch
        {
            "CUBA" => BenchmarkNetwork.Build(Lif.Cuba(), Lif.CubaWeightE, Lif.CubaWeightI, n, precision: precision),
            "COBA" => BenchmarkNetwork.Build(LifConductance.Coba(), LifConductance.CobaWeightE, LifConductance.CobaWeightI, n, precision: precision),
            "COBAHH" => BenchmarkNetwork.Build(HodgkinHuxley.Cobahh(), HodgkinHuxley.CobahhWeightE, HodgkinHuxley.CobahhWeightI, n, precision: precision),
            _ => Izhikevich(precision, n),
        };
        net.Backend = backend;
        return (net, spikes);
    }

    private static (Network, Population, SpikeMonitor) Izhikevich(Precision precision, int n)
    {
        // Excitatory and inhibitory Izhikevich neurons with random drive (rand() in the equations) and delayed synapses.
        var net = new Network(0.1 * ms, precision, seed: 3);
        var model = Dendra.Neurons.Izhikevich.Create().WithInput("I_syn");
        var p = net.AddPopulation("P", n, model);
        return (net, p, net.MonitorSpikes(p));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Float64_spikes_match_the_cpu_step_for_step(string name)
    {
        var (cpu, cpuSpikes) = Build(name, Backend.Cpu, Precision.Double, 4000);
        var (cl, clSpikes) = Build(name, Backend.OpenCl, Precision.Double, 4000);
        cpu.Run(1000 * cpu.Dt);
        cl.Run(1000 * cl.Dt);
        Assert.True(cpuSpikes.Count > 100, $"{name}: only {cpuSpikes.Count} spikes, too few to compare");
        Assert.Equal(cpuSpikes.Steps, clSpikes.Steps);
        Assert.Equal(cpuSpikes.Neurons, clSpikes.Neurons);
    }
}

using Dendra.Plasticity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// Plastic synapses on the OpenCL backend against the CPU backend in float64: pair STDP (event-driven traces, on-pre
/// and on-post code, heterogeneous delays) and BCM (a continuous rule and a summed variable). Weights must agree to
/// 1e-5 relative, and the networks' spikes or rates must agree too, so the plasticity is tested in a closed loop.
/// </summary>
public class PlasticityEquivalenceTests
{
    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public PlasticityEquivalenceTests() => OpenClDriver.Require();

    private const double Wmax = 0.01;

    private static void AssertClose(double[] expected, double[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= relative * Math.Max(Math.Abs(expected[k]), 1e-12),
                $"{what} {k}: CPU {expected[k]:R}, OpenCL {actual[k]:R}");
    }

    private static (Network Net, Projection Synapses) Stdp(Backend backend)
    {
        var lif = new NeuronModel("LIF", """
            dv/dt = (ge*(Ee - v) + El - v)/taum
            dge/dt = -ge/taue
            """)
            .WithParameter("taum", 10 * ms).WithParameter("taue", 5 * ms).WithParameter("Ee", 0)
            .WithParameter("El", -74 * mV).WithParameter("vt", -54 * mV).WithParameter("vr", -60 * mV)
            .WithThreshold("v > vt").WithReset("v = vr").WithInitial("v", -60 * mV);
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double, seed: 7) { Backend = backend };
        var input = net.AddPoisson("input", 300, 50 * Hz);
        var neurons = net.AddPopulation("neurons", 20, lif);
        var synapses = net.Connect(input, neurons, PairStdp.Synapse("ge", Wmax, dApre: 0.5 * Wmax), Connectivity.FixedProbability(0.8),
            weight: $"rand()*{Wmax}", delay: "rand()*2*ms");
        net.MonitorSpikes(neurons);
        return (net, synapses);
    }

    [SkippableFact]
    public void Pair_stdp_weights_and_spikes_match_the_cpu()
    {
        var (cpu, cpuSynapses) = Stdp(Backend.Cpu);
        var (cl, clSynapses) = Stdp(Backend.OpenCl);
        cpu.Run(300 * ms);
        cl.Run(300 * ms);

        Assert.True(cpu.SpikeMonitors[0].Count > 50, $"only {cpu.SpikeMonitors[0].Count} spikes");
        Assert.Equal(cpu.SpikeMonitors[0].Steps, cl.SpikeMonitors[0].Steps);
        Assert.Equal(cpu.SpikeMonitors[0].Neurons, cl.SpikeMonitors[0].Neurons);
        var expected = cpuSynapses.Get("w");
        var actual = clSynapses.Get("w");
        Assert.Equal(expected.Pre, actual.Pre);
        Assert.Equal(expected.Post, actual.Post);
        Assert.True(expected.Values.Count(w => w == 0 || w == Wmax) > 0, "no weight reached a bound: the rule did not act");
        AssertClose(expected.Values, actual.Values, 1e-5, "weight");
    }

    private static (Network Net, Projection Synapses, Population Neurons) Bcm(Backend backend)
    {
        var rate = new NeuronModel("Rate", "dr/dt = (h - r)/tau_r").WithParameter("tau_r", 2 * ms).WithInput("h");
        var clamped = new NeuronModel("Clamped", "").WithInput("r");
        var net = new Network(dt: 0.5 * ms, precision: Precision.Double, seed: 2) { Backend = backend };
        var input = net.AddPopulation("input", 12, clamped);
        var neurons = net.AddPopulation("neurons", 4, Dendra.Plasticity.Bcm.WithSlidingThreshold(rate, "r", tauTheta: 100 * ms));
        for (int i = 0; i < 12; i++)
        {
            var course = Enumerable.Range(0, 60).Select(k => (k + i) % 3 == 0 ? 1.0 : 0.25 * (i % 4)).ToArray();
            net.Inject(input.Slice(i, 1), "r", CurrentSource.FromArray(course, 20 * ms));
        }
        var synapses = net.Connect(input, neurons, Dendra.Plasticity.Bcm.Synapse("r", eta: 5, wmin: 0, target: "h"), Connectivity.AllToAll(),
            weight: "0.3 + 0.1*rand()");
        return (net, synapses, neurons);
    }

    [SkippableFact]
    public void Bcm_weights_and_rates_match_the_cpu()
    {
        var (cpu, cpuSynapses, cpuNeurons) = Bcm(Backend.Cpu);
        var (cl, clSynapses, clNeurons) = Bcm(Backend.OpenCl);
        cpu.Run(1 * second);
        cl.Run(1 * second);

        var initial = 0.3;
        var expected = cpuSynapses.Get(Dendra.Plasticity.Bcm.Weight).Values;
        Assert.True(expected.Any(w => Math.Abs(w - initial) > 0.1), "the weights barely moved: the rule did not act");
        AssertClose(expected, clSynapses.Get(Dendra.Plasticity.Bcm.Weight).Values, 1e-5, "weight");
        AssertClose(cpuNeurons.Get("r"), clNeurons.Get("r"), 1e-5, "rate");
    }
}

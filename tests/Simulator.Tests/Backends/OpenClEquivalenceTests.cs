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
    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public OpenClEquivalenceTests() => OpenClDriver.Require();

    public static TheoryData<string> Networks => ["CUBA", "COBA", "COBAHH", "Izhikevich"];

    private static Network Build(string name, Backend backend, Precision precision, int n)
    {
        var (net, _, _) = name switch
        {
            "CUBA" => BenchmarkNetwork.Build(Lif.Cuba(), Lif.CubaWeightE, Lif.CubaWeightI, n, precision: precision),
            "COBA" => BenchmarkNetwork.Build(LifConductance.Coba(), LifConductance.CobaWeightE, LifConductance.CobaWeightI, n, precision: precision),
            "COBAHH" => BenchmarkNetwork.Build(HodgkinHuxley.Cobahh(), HodgkinHuxley.CobahhWeightE, HodgkinHuxley.CobahhWeightI, n, precision: precision),
            _ => Izhikevich(precision, n),
        };
        net.Backend = backend;
        return net;
    }

    private static (Network, Population, SpikeMonitor) Izhikevich(Precision precision, int n)
    {
        // Regular-spiking excitatory and fast-spiking inhibitory cells (4:1) driven by Poisson sources, with random
        // weights and heterogeneous delays of up to 2 ms: the pulse-coupled network of Izhikevich (2003) on v.
        var net = new Network(0.1 * ms, precision, seed: 3);
        int ne = n * 4 / 5;
        var e = net.AddPopulation("E", ne, Dendra.Neurons.Izhikevich.Create(IzhikevichType.RS));
        var i = net.AddPopulation("I", n - ne, Dendra.Neurons.Izhikevich.Create(IzhikevichType.FS));
        var drive = net.AddPoisson("thalamus", n, 100 * Hz);
        net.Connect(drive.Slice(0, ne), e, "v", Connectivity.OneToOne(), 8 * mV);
        net.Connect(drive.Slice(ne, n - ne), i, "v", Connectivity.OneToOne(), 8 * mV);
        foreach (var target in new[] { e, i })
        {
            net.Connect(e, target, "v", Connectivity.FixedProbability(0.05), "0.5*mV*rand()", "rand()*2*ms");
            net.Connect(i, target, "v", Connectivity.FixedProbability(0.05), "-1*mV*rand()", "rand()*2*ms");
        }
        net.MonitorSpikes(i);
        return (net, e, net.MonitorSpikes(e));
    }

    private static void AssertSameSpikes(Network cpu, Network cl)
    {
        for (int m = 0; m < cpu.SpikeMonitors.Count; m++)
        {
            Assert.True(cpu.SpikeMonitors[m].Count > 50, $"{cpu.SpikeMonitors[m].Population.Name}: only {cpu.SpikeMonitors[m].Count} spikes, too few to compare");
            Assert.Equal(cpu.SpikeMonitors[m].Steps, cl.SpikeMonitors[m].Steps);
            Assert.Equal(cpu.SpikeMonitors[m].Neurons, cl.SpikeMonitors[m].Neurons);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Networks))]
    public void Float64_spikes_match_the_cpu_step_for_step(string name)
    {
        var cpu = Build(name, Backend.Cpu, Precision.Double, 4000);
        var cl = Build(name, Backend.OpenCl, Precision.Double, 4000);
        cpu.Run(1000 * cpu.Dt);
        cl.Run(1000 * cl.Dt);
        AssertSameSpikes(cpu, cl);

        // And the same state at the end: bitwise where no exp() of the state is taken; COBA's exponential Euler takes
        // exp() of the conductance-dependent rate and COBAHH's gating rates exp() of v every step, and the device's
        // double exp() may differ from the C library's in the last bit.
        double tolerance = name switch { "COBA" => 1e-12, "COBAHH" => 1e-9, _ => 0 };
        for (int p = 0; p < cpu.Populations.Count; p++)
            foreach (var variable in cpu.Populations[p].Model.StateVariables)
            {
                var expected = cpu.Populations[p].Get(variable);
                var actual = cl.Populations[p].Get(variable);
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(expected[i].Equals(actual[i]) || Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Abs(expected[i]),
                        $"{name} {cpu.Populations[p].Name}.{variable}[{i}]: CPU {expected[i]:R}, OpenCL {actual[i]:R}");
            }
    }

    [SkippableTheory]
    [MemberData(nameof(Networks))]
    public void Float32_spike_counts_per_neuron_agree_within_one_percent_over_one_second(string name)
    {
        var cpu = Build(name, Backend.Cpu, Precision.Single, 2000);
        var cl = Build(name, Backend.OpenCl, Precision.Single, 2000);
        cpu.Run(1 * second);
        cl.Run(1 * second);
        for (int m = 0; m < cpu.SpikeMonitors.Count; m++)
        {
            var expected = cpu.SpikeMonitors[m].CountsPerNeuron();
            Assert.True(expected.Sum() > 1000, $"{name}: only {expected.Sum()} spikes in 1 s");
            SpikeCounts.AssertWithinOnePercent(name, expected, cl.SpikeMonitors[m].CountsPerNeuron());
        }
    }

    [SkippableFact]
    public void Both_backends_draw_the_same_random_numbers_uniform_bit_for_bit_and_normal_to_the_last_bits()
    {
        // A fresh draw each step stored in state: u from rand(), z from randn(). Uniform draws are Philox bits scaled
        // exactly, so they are identical; normal draws pass the same bits through log and cos (Box–Muller), which
        // OpenCL allows a few ulp, so they agree to about 1e-15 relative rather than bitwise.
        Network Build(Backend backend)
        {
            var net = new Network(0.1 * ms, Precision.Double, seed: 5) { Backend = backend };
            var model = new NeuronModel("Draws", "du/dt = (rand() - u)/dt\ndz/dt = (randn() - z)/dt").WithMethod(Integrator.Euler);
            net.AddPopulation("draws", 2000, model);
            return net;
        }
        var cpu = Build(Backend.Cpu);
        var cl = Build(Backend.OpenCl);
        cpu.Run(7 * cpu.Dt);
        cl.Run(7 * cl.Dt);

        var uniform = cpu.Populations[0].Get("u");
        Assert.Equal(uniform, cl.Populations[0].Get("u"));
        Assert.True(uniform.Distinct().Count() > 1990, "the uniform draws are not fresh values");
        var normal = cpu.Populations[0].Get("z");
        var normalOnDevice = cl.Populations[0].Get("z");
        Assert.InRange(normal.Average(), -0.1, 0.1);
        Assert.InRange(normal.Select(z => z * z).Average(), 0.9, 1.1);
        for (int k = 0; k < normal.Length; k++)
            Assert.True(Math.Abs(normal[k] - normalOnDevice[k]) <= 1e-14 * Math.Max(1, Math.Abs(normal[k])),
                $"z[{k}]: CPU {normal[k]:R}, OpenCL {normalOnDevice[k]:R}");
    }
}

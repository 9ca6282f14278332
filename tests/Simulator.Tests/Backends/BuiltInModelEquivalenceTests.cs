using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// Every built-in neuron model on OpenCL against the CPU in float64: 60 neurons in groups driven by sine currents of
/// different amplitudes and frequencies for 1000 steps. The spikes must be identical. The final state must be identical
/// too, except that Hodgkin–Huxley's gating rates call exp() of the state every step and PoCL's double exp() differs
/// from the C library's in the last bit for some arguments: there the state is held to 1e-9 relative. In float32 the
/// same groups run for 1 s: each neuron's spike count within 1% (at least one spike of slack), rate models' state to
/// float32 rounding.
/// </summary>
public class BuiltInModelEquivalenceTests
{
    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public BuiltInModelEquivalenceTests() => OpenClDriver.Require();

    public static TheoryData<string> Models =>
    [
        "LIF", "LIF-conductance", "AdEx", "TraubMiles", "Izhikevich-RS", "Izhikevich-IB", "Izhikevich-CH", "Izhikevich-FS",
        "Rate-Linear", "Rate-Relu", "Rate-Sigmoid", "Rate-Tanh", "Rate-RectifiedPower",
        // The integrators no built-in model uses by default, on a model whose equations are not linear.
        "Izhikevich-RS/Euler", "Izhikevich-RS/RK2",
    ];

    private static (NeuronModel Model, string Input, double Low, double High, bool Spiking) Describe(string name)
    {
        var parts = name.Split('/');
        var described = DescribeModel(parts[0]);
        return parts.Length == 1 ? described : described with { Model = described.Model.WithMethod(Enum.Parse<Integrator>(parts[1])) };
    }

    private static (NeuronModel Model, string Input, double Low, double High, bool Spiking) DescribeModel(string name) => name switch
    {
        "LIF" => (Lif.CurrentBased(), "I_ext", 200 * pA, 800 * pA, true),
        "LIF-conductance" => (LifConductance.Create(), "I_ext", 200 * pA, 800 * pA, true),
        "AdEx" => (AdEx.Create(), "I_ext", 300 * pA, 1200 * pA, true),
        "TraubMiles" => (HodgkinHuxley.TraubMiles(), "I_ext", 0.1 * nA, 2 * nA, true),
        _ when name.StartsWith("Izhikevich-", StringComparison.Ordinal) =>
            (Izhikevich.Create(Enum.Parse<IzhikevichType>(name[11..])), "I", 5 * mV, 20 * mV, true),
        _ => (RateNeuron.Create(Enum.Parse<Transfer>(name[5..])), "I", -1, 2, false),
    };

    private static (Network Net, Population Cells) Build(string name, Backend backend, Precision precision = Precision.Double)
    {
        var (model, input, low, high, _) = Describe(name);
        var net = new Network(0.1 * ms, precision, seed: 11) { Backend = backend };
        var cells = net.AddPopulation("cells", 60, model);
        for (int g = 0; g < 12; g++)
        {
            double amplitude = low + (high - low) * g / 11;
            net.Inject(cells.Slice(5 * g, 5), input, CurrentSource.Sine(0.3 * amplitude, 20 + 7 * g, offset: amplitude));
        }
        net.MonitorSpikes(cells);
        return (net, cells);
    }

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void Spikes_and_state_match_the_cpu_bit_for_bit_in_float64(string name)
    {
        var (cpu, cpuCells) = Build(name, Backend.Cpu);
        var (cl, clCells) = Build(name, Backend.OpenCl);
        cpu.Run(1000 * cpu.Dt);
        cl.Run(1000 * cl.Dt);

        if (Describe(name).Spiking) Assert.True(cpu.SpikeMonitors[0].Count > 20, $"{name}: only {cpu.SpikeMonitors[0].Count} spikes");
        Assert.Equal(cpu.SpikeMonitors[0].Steps, cl.SpikeMonitors[0].Steps);
        Assert.Equal(cpu.SpikeMonitors[0].Neurons, cl.SpikeMonitors[0].Neurons);
        foreach (var variable in cpuCells.Model.StateVariables)
        {
            var expected = cpuCells.Get(variable);
            var actual = clCells.Get(variable);
            if (name != "TraubMiles") Assert.Equal(expected, actual);
            else
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Abs(expected[i]), $"{variable}[{i}]: CPU {expected[i]:R}, OpenCL {actual[i]:R}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void Float32_spike_counts_of_each_neuron_agree_within_one_percent_over_one_second(string name)
    {
        var (cpu, cpuCells) = Build(name, Backend.Cpu, Precision.Single);
        var (cl, clCells) = Build(name, Backend.OpenCl, Precision.Single);
        cpu.Run(1 * second);
        cl.Run(1 * second);

        if (Describe(name).Spiking)
        {
            Assert.True(cpu.SpikeMonitors[0].Count > 200, $"{name}: only {cpu.SpikeMonitors[0].Count} spikes in 1 s");
            SpikeCounts.AssertWithinOnePercent(name, cpu.SpikeMonitors[0].CountsPerNeuron(), cl.SpikeMonitors[0].CountsPerNeuron());
            return;
        }
        foreach (var variable in cpuCells.Model.StateVariables)
        {
            var expected = cpuCells.Get(variable);
            var actual = clCells.Get(variable);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Abs(expected[i]) + 1e-6, $"{name} {variable}[{i}]: CPU {expected[i]:R}, OpenCL {actual[i]:R}");
        }
    }
}

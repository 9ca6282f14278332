using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using Dendra.Simulator.Tests.Integration;
using Dendra.Neurons;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// The fixed-point scatter of float32 spikes on OpenCL: an exact sum in a hand-built case, bitwise repeatable runs, and
/// (with <see cref="OpenClEquivalenceTests"/>) spike counts within 1% of the CPU's on CUBA and COBA.
/// </summary>
public class OpenClScatterTests
{
    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public OpenClScatterTests() => OpenClDriver.Require();

    // Three spike-time neurons into one variable that holds whatever arrives: four projections, one ring, constant
    // weights of both signs that are not exact in binary, and delays that bring three spikes into the same step.
    private static (Network Net, Population Cell) HandBuilt(Backend backend)
    {
        var net = new Network(0.1 * ms, Precision.Single, seed: 1) { Backend = backend };
        var source = net.AddSpikeSource("in", 3, [(0, 0.2 * ms), (1, 0.5 * ms), (2, 0.7 * ms)]);
        var cell = net.AddPopulation("cell", 1, new NeuronModel("Hold", "dv/dt = 0/tau").WithParameter("tau", 1 * second));
        net.Connect(source.Slice(0, 1), cell, "v", Connectivity.AllToAll(), 0.1, delay: 0.8 * ms);    // step 2 → 10
        net.Connect(source.Slice(1, 1), cell, "v", Connectivity.AllToAll(), -0.37, delay: 0.5 * ms);  // step 5 → 10
        net.Connect(source.Slice(2, 1), cell, "v", Connectivity.AllToAll(), 0.0025, delay: 0.3 * ms); // step 7 → 10
        net.Connect(source.Slice(0, 1), cell, "v", Connectivity.AllToAll(), 1e-3, delay: 0.1 * ms);   // step 2 → 3
        return (net, cell);
    }

    [SkippableFact]
    public void Spikes_arriving_together_add_up_to_their_exact_sum_rounded_once()
    {
        var (net, cell) = HandBuilt(Backend.OpenCl);
        var v = net.MonitorState(cell, "v", [0]);
        net.Run(1.5 * ms);

        // The ring holds the weights exactly (the quantum is far below their float32 resolution), so what arrives at
        // step 10 is their exact sum rounded to float32 once, and then added to v.
        float early = 1e-3f;
        float together = (float)((double)0.1f + (double)-0.37f + (double)0.0025f);
        for (int k = 0; k < v.Count; k++)
        {
            long step = v.Steps[k];
            float expected = step < 3 ? 0 : step < 10 ? early : early + together;
            Assert.Equal(expected, (float)v.Trace(0)[k]);
        }
    }

    [SkippableFact]
    public void The_fixed_point_ring_is_used_for_float32_additive_synapses_on_a_device_with_int64_atomics()
    {
        var device = OpenClDevices.Select(null);
        Assert.True(device.SupportsInt64Atomics, $"{device} lacks cl_khr_int64_base_atomics: the scatter cannot be tested here");
        var (net, _) = HandBuilt(Backend.Cpu);
        var simulation = new OpenClSimulation<float>(net, device);
        Assert.Equal(1, simulation.ScatteredRings);
        var doubleNet = new Network(0.1 * ms, Precision.Double, seed: 1);
        var a = doubleNet.AddSpikeSource("in", 1, [(0, 0.2 * ms)]);
        var b = doubleNet.AddPopulation("cell", 1, new NeuronModel("Hold", "dv/dt = 0/tau").WithParameter("tau", 1 * second));
        doubleNet.Connect(a, b, "v", Connectivity.AllToAll(), 0.1, delay: 0.8 * ms);
        Assert.Equal(0, new OpenClSimulation<double>(doubleNet, device).ScatteredRings);
    }

    [SkippableTheory]
    [InlineData("CUBA")]
    [InlineData("COBA")]
    public void Two_scatter_runs_give_bitwise_identical_spikes_and_state(string name)
    {
        Network Run()
        {
            var (net, _, _) = name == "CUBA"
                ? BenchmarkNetwork.Build(Lif.Cuba(), Lif.CubaWeightE, Lif.CubaWeightI, 4000, precision: Precision.Single)
                : BenchmarkNetwork.Build(LifConductance.Coba(), LifConductance.CobaWeightE, LifConductance.CobaWeightI, 4000, precision: Precision.Single);
            net.Backend = Backend.OpenCl;
            net.Run(2000 * net.Dt);
            return net;
        }
        var first = Run();
        var second = Run();
        for (int m = 0; m < first.SpikeMonitors.Count; m++)
        {
            Assert.True(first.SpikeMonitors[m].Count > 1000, $"{name}: only {first.SpikeMonitors[m].Count} spikes");
            Assert.Equal(first.SpikeMonitors[m].Steps, second.SpikeMonitors[m].Steps);
            Assert.Equal(first.SpikeMonitors[m].Neurons, second.SpikeMonitors[m].Neurons);
        }
        foreach (var population in first.Populations)
            foreach (var variable in population.Model.StateVariables)
                Assert.Equal(first.Read(population, variable), second.Read(second.Populations[population.Index], variable));
    }
}

using Dendra.Neurons;
using Dendra.Simulator.Backends;
using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Compilation;

/// <summary>The bytes a compiled neuron model moves per neuron and step, and the copy bandwidth it is compared with.</summary>
public class MemoryTrafficTests
{
    private static Population Single(NeuronModel model, Precision precision = Precision.Single) =>
        new Network(0.1 * ms, precision).AddPopulation("P", 10, model);

    [Fact]
    public void A_decaying_variable_is_read_and_written_once_per_step()
    {
        var model = new NeuronModel("decay", "dv/dt = -v/tau").WithParameter("tau", 10 * ms, "s", "time constant");
        Assert.Equal(new MemoryTraffic(4, 4), MemoryTraffic.PerNeuronStep(Single(model)));
        Assert.Equal(new MemoryTraffic(8, 8), MemoryTraffic.PerNeuronStep(Single(model, Precision.Double)));
    }

    [Fact]
    public void Inputs_and_per_neuron_parameters_are_read_and_a_threshold_reads_what_it_tests()
    {
        // Update reads v, I and the per-neuron tau and writes v; the threshold reads v again. The reset runs only for a
        // spiking neuron and is not counted; a constant parameter is no memory at all.
        var model = new NeuronModel("driven", "dv/dt = (I - v)/tau")
            .WithParameter("tau", 10 * ms, "s", "time constant").WithParameter("V_th", 1, "1", "threshold")
            .WithInput("I").WithThreshold("v > V_th").WithReset("v = 0");
        var population = Single(model);
        population.Set("tau", Init.Of("0.01 + i*0.001"));
        Assert.Equal(new MemoryTraffic(3 * 4 + 4, 4), MemoryTraffic.PerNeuronStep(population));
    }

    [Fact]
    public void Cuba_reads_its_three_states_and_last_spike_step_in_the_update_and_again_v_and_last_spike_in_the_threshold()
    {
        // Update: v, ge, gi and the last-spike step (for "unless refractory") in, v, ge, gi out. Threshold: v and the
        // last-spike step again (not_refractory and v > V_th).
        var single = new Network(0.1 * ms, Precision.Single).AddPopulation("P", 100, Brette2007.Model("cuba"));
        Assert.Equal(new MemoryTraffic(3 * 4 + 8 + 4 + 8, 3 * 4), MemoryTraffic.PerNeuronStep(single));
        var dbl = new Network(0.1 * ms, Precision.Double).AddPopulation("P", 100, Brette2007.Model("cuba"));
        Assert.Equal(new MemoryTraffic(3 * 8 + 8 + 8 + 8, 3 * 8), MemoryTraffic.PerNeuronStep(dbl));
    }

    [Fact]
    public void A_host_copy_counts_the_buffer_read_and_written()
    {
        var copy = HostCopyBandwidth.Measure(1 << 20, threads: 2, repeats: 2);
        Assert.Equal("host", copy.Memory);
        Assert.Equal(2L << 20, copy.BytesPerCopy);
        Assert.True(copy.BestSeconds > 0 && double.IsFinite(copy.BytesPerSecond));
    }

    [SkippableFact]
    public void A_device_copy_counts_the_buffer_read_and_written()
    {
        OpenClDriver.Require();
        var device = OpenClDevices.List()[0];
        var copy = DeviceCopyBandwidth.Measure(device, 1 << 20, repeats: 2);
        Assert.Equal(device.ToString(), copy.Memory);
        Assert.Equal(2L << 20, copy.BytesPerCopy);
        Assert.True(copy.BestSeconds > 0 && double.IsFinite(copy.BytesPerSecond));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceCopyBandwidth.Measure(device, 1001, 1));
    }
}

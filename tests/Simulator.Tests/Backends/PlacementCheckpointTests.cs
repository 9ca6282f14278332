using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;
using Dendra.Simulator.Tests.Recording;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// Checkpoints of a network split between the CPU and OpenCL: resuming gives the spikes of a split run that never
/// stopped, and the checkpoint is the same backend-neutral state any other run saves, so it resumes on the CPU alone.
/// The network (<see cref="TestNetwork"/>) has spikes in flight in delay rings and STDP synapses with queued events.
/// </summary>
public sealed class PlacementCheckpointTests : IDisposable
{
    private const long Half = 1500;
    private readonly string _dir;

    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public PlacementCheckpointTests()
    {
        OpenClDriver.Require();
        _dir = Directory.CreateTempSubdirectory("dendra-placement-checkpoint-").FullName;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (Network Net, SpikeMonitor Cells, SpikeMonitor Input) Build(Placement cells, Placement input)
    {
        var (net, cellPopulation, inputPopulation, _) = TestNetwork.Build(Precision.Double);
        cellPopulation.Placement = cells;
        inputPopulation.Placement = input;
        return (net, net.MonitorSpikes(cellPopulation), net.MonitorSpikes(inputPopulation));
    }

    /// <summary>The spikes from <paramref name="step"/> on, as (step, neuron) pairs in recorded order.</summary>
    private static List<(long Step, int Neuron)> From(SpikeMonitor m, long step) =>
        Enumerable.Range(0, m.Count).Where(k => m.Steps[k] >= step).Select(k => (m.Steps[k], m.Neurons[k])).ToList();

    [SkippableTheory]
    [InlineData(Placement.OpenCl, Placement.Cpu)]
    [InlineData(Placement.Cpu, Placement.OpenCl)]
    public void A_split_network_resumed_from_a_checkpoint_spikes_as_if_it_never_stopped(Placement cells, Placement input)
    {
        var straight = Build(cells, input);
        straight.Net.Run(2 * Half * straight.Net.Dt);
        Assert.StartsWith("cpu + opencl", straight.Net.BackendDescription, StringComparison.Ordinal);

        var first = Build(cells, input);
        first.Net.Run(Half * first.Net.Dt);
        string path = Path.Combine(_dir, $"split-{cells}.ckpt");
        first.Net.SaveCheckpoint(path);

        var resumed = Build(cells, input);
        resumed.Net.LoadCheckpoint(path);
        resumed.Net.Run(Half * resumed.Net.Dt);

        var expected = From(straight.Cells, Half);
        Assert.True(expected.Count > 300, $"only {expected.Count} spikes after the checkpoint");
        Assert.Equal(expected, From(resumed.Cells, Half));
        Assert.Equal(From(straight.Input, Half), From(resumed.Input, Half));
    }

    [SkippableFact]
    public void A_checkpoint_of_a_split_network_resumes_on_the_cpu_alone()
    {
        var cpu = Build(Placement.Cpu, Placement.Cpu);
        cpu.Net.Run(2 * Half * cpu.Net.Dt);

        var split = Build(Placement.OpenCl, Placement.Cpu);
        split.Net.Run(Half * split.Net.Dt);
        string path = Path.Combine(_dir, "split-to-cpu.ckpt");
        split.Net.SaveCheckpoint(path);

        var resumed = Build(Placement.Cpu, Placement.Cpu);
        resumed.Net.LoadCheckpoint(path);
        resumed.Net.Run(Half * resumed.Net.Dt);

        Assert.Equal(From(cpu.Cells, Half), From(resumed.Cells, Half));
        Assert.Equal(From(cpu.Input, Half), From(resumed.Input, Half));
    }
}

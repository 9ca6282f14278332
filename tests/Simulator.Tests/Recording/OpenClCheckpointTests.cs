using Dendra.Simulator.Execution;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Tests.Recording;

/// <summary>
/// Checkpoints on the OpenCL backend, and across backends. The test network has spikes in flight at every step: in the
/// delay rings of its fixed and heterogeneous delays, and towards its STDP synapses (1.5 ms), whose weights, traces and
/// event clocks change as it runs. Across backends in float64, spikes, v and spikes in flight are bitwise equal; STDP
/// weights (and ge, which takes them in) may differ in the last bit (the device's exp), so they are compared to 1e-12.
/// </summary>
public sealed class OpenClCheckpointTests : IDisposable
{
    private const long Half = 3000; // steps before and after the checkpoint
    private readonly string _dir;

    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public OpenClCheckpointTests()
    {
        OpenClDriver.Require();
        _dir = Directory.CreateTempSubdirectory("dendra-opencl-checkpoint-").FullName;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Run(Network Net, Population Cells, Projection Plastic, Monitors.SpikeMonitor Spikes, Monitors.SpikeMonitor Input);

    private static Run Build(Backend backend, Precision precision)
    {
        var (net, cells, input, plastic) = TestNetwork.Build(precision);
        net.Backend = backend;
        return new Run(net, cells, plastic, net.MonitorSpikes(cells), net.MonitorSpikes(input));
    }

    /// <summary>Runs 2·Half steps without stopping.</summary>
    private static Run Straight(Backend backend, Precision precision)
    {
        var run = Build(backend, precision);
        run.Net.Run(2 * Half * run.Net.Dt);
        return run;
    }

    /// <summary>Runs Half steps on <paramref name="saveOn"/>, checkpoints, and resumes for Half steps on <paramref name="resumeOn"/>.</summary>
    private Run Resumed(Backend saveOn, Backend resumeOn, Precision precision)
    {
        var first = Build(saveOn, precision);
        first.Net.Run(Half * first.Net.Dt);
        string path = Path.Combine(_dir, $"{saveOn}-{resumeOn}-{precision}.ckpt");
        first.Net.SaveCheckpoint(path);
        var resumed = Build(resumeOn, precision);
        resumed.Net.LoadCheckpoint(path);
        Assert.Equal(Half, resumed.Net.Step);
        resumed.Net.Run(Half * resumed.Net.Dt);
        return resumed;
    }

    private static void AssertContinues(Run straight, Run resumed, bool sameBackend = true)
    {
        var expected = Enumerable.Range(0, straight.Spikes.Count).Where(k => straight.Spikes.Steps[k] >= Half).ToArray();
        Assert.True(expected.Length > 1000, $"the second half should hold many spikes, got {expected.Length}");
        Assert.Equal(expected.Select(k => straight.Spikes.Steps[k]), resumed.Spikes.Steps);
        Assert.Equal(expected.Select(k => straight.Spikes.Neurons[k]), resumed.Spikes.Neurons);
        Assert.Equal(straight.Input.Steps.Where(s => s >= Half), resumed.Input.Steps);
        if (sameBackend) Assert.Equal(straight.Plastic.Get("w").Values, resumed.Plastic.Get("w").Values);
        else OpenClRecordingTests.AssertClose(straight.Plastic.Get("w").Values, resumed.Plastic.Get("w").Values);
        Assert.Equal(straight.Cells.Get("v"), resumed.Cells.Get("v"));
        Assert.Equal(straight.Cells.SpikeCount, resumed.Cells.SpikeCount);
    }

    [SkippableTheory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void Resuming_on_opencl_gives_the_spikes_of_an_opencl_run_that_never_stopped(Precision precision) =>
        AssertContinues(Straight(Backend.OpenCl, precision), Resumed(Backend.OpenCl, Backend.OpenCl, precision));

    [SkippableTheory]
    [InlineData(Backend.Cpu, Backend.OpenCl)]
    [InlineData(Backend.OpenCl, Backend.Cpu)]
    public void A_checkpoint_resumes_on_the_other_backend_as_the_cpu_run_that_never_stopped(Backend saveOn, Backend resumeOn) =>
        AssertContinues(Straight(Backend.Cpu, Precision.Double), Resumed(saveOn, resumeOn, Precision.Double), sameBackend: false);

    [SkippableFact]
    public void Both_backends_capture_the_same_state_spikes_in_flight_included()
    {
        var cpu = Captured(Backend.Cpu);
        var cl = Captured(Backend.OpenCl);
        Assert.Equal(("cpu", "opencl"), (cpu.Backend, cl.Backend));
        Assert.Equal(cpu.Step, cl.Step);
        for (int k = 0; k < cpu.Populations.Length; k++)
        {
            var (a, b) = (cpu.Populations[k], cl.Populations[k]);
            Assert.Equal(a.SpikeCount, b.SpikeCount);
            Assert.Equal(a.Arrays.Keys.Order(), b.Arrays.Keys.Order());
            // ge takes in the STDP weights, which may differ in the last bit: neuron variables to 1e-12 here.
            foreach (var (name, values) in a.Arrays) OpenClRecordingTests.AssertClose(values, b.Arrays[name]);
            Assert.Equal(a.LastSpikeStep, b.LastSpikeStep);
            Assert.Equal(a.InFlight.Keys.Order(), b.InFlight.Keys.Order());
            foreach (var (name, values) in a.InFlight) Assert.Equal(values, b.InFlight[name]);
        }
        Assert.Contains(cl.Populations[0].InFlight.Values, v => v.Any(x => x != 0));
        for (int k = 0; k < cpu.Projections.Length; k++)
        {
            var (a, b) = (cpu.Projections[k], cl.Projections[k]);
            foreach (var (name, values) in a.Arrays) OpenClRecordingTests.AssertClose(values, b.Arrays[name]);
            Assert.Equal(a.EventClock, b.EventClock);
            Assert.Equal(a.Pending, b.Pending);
        }
        var queued = cl.Projections[2].Pending!;
        Assert.True(queued.Skip(1).Count(q => q.Length > 0) > 3, "STDP synapses should have spikes queued for several future steps");
    }

    private SimulationState Captured(Backend backend)
    {
        var run = Build(backend, Precision.Double);
        run.Net.Run(Half * run.Net.Dt);
        string path = Path.Combine(_dir, $"captured-{backend}.ckpt");
        run.Net.SaveCheckpoint(path);
        var reader = new StateReader();
        Checkpoint.Load(run.Net, reader, path);
        return reader.State!;
    }

    /// <summary>Hands over the state a checkpoint file holds.</summary>
    private sealed class StateReader : ICheckpointable
    {
        public SimulationState? State { get; private set; }
        public SimulationState Capture() => throw new NotSupportedException();
        public void Restore(SimulationState state) => State = state;
    }

    [SkippableFact]
    public void Loading_an_earlier_checkpoint_into_a_running_opencl_network_replays_the_same_steps()
    {
        var run = Build(Backend.OpenCl, Precision.Single);
        run.Net.Run(500 * run.Net.Dt);
        string path = Path.Combine(_dir, "rewind.ckpt");
        run.Net.SaveCheckpoint(path);
        run.Net.Run(500 * run.Net.Dt);
        var first = (run.Spikes.Steps.Where(s => s >= 500).ToArray(), run.Spikes.Neurons.Skip(run.Spikes.Steps.Count(s => s < 500)).ToArray());
        run.Spikes.Clear();
        run.Net.LoadCheckpoint(path);
        run.Net.Run(500 * run.Net.Dt);
        Assert.True(first.Item1.Length > 100, $"only {first.Item1.Length} spikes");
        Assert.Equal(first.Item1, run.Spikes.Steps);
        Assert.Equal(first.Item2, run.Spikes.Neurons);
    }

    [SkippableFact]
    public void A_checkpoint_of_another_precision_is_refused_on_any_backend()
    {
        var run = Build(Backend.OpenCl, Precision.Single);
        run.Net.Run(10 * run.Net.Dt);
        string path = Path.Combine(_dir, "single.ckpt");
        run.Net.SaveCheckpoint(path);
        foreach (var backend in new[] { Backend.Cpu, Backend.OpenCl })
        {
            var other = Build(backend, Precision.Double);
            var e = Assert.Throws<CheckpointException>(() => other.Net.LoadCheckpoint(path));
            Assert.Contains("saved in float32 and this network runs in float64", e.Message, StringComparison.Ordinal);
        }
    }
}

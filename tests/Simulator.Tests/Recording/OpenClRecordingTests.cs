using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Tests.Recording;

/// <summary>
/// Recording on the OpenCL backend: the same network recorded on the CPU and on OpenCL in float64 reads back the same
/// spikes, rates, samples and weight snapshots. Spikes and neuron variables are bitwise equal on both backends; STDP
/// weights may differ in the last bit (the device's exp), so snapshots are compared to 1e-12.
/// </summary>
public sealed class OpenClRecordingTests : IDisposable
{
    private readonly string _dir;

    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public OpenClRecordingTests()
    {
        OpenClDriver.Require();
        _dir = Directory.CreateTempSubdirectory("dendra-opencl-recording-").FullName;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Record(Backend backend, bool weights, Placement cellsOn = Placement.Auto, Placement inputOn = Placement.Auto)
    {
        var (net, cells, input, plastic) = TestNetwork.Build(Precision.Double);
        net.Backend = backend;
        (cells.Placement, input.Placement) = (cellsOn, inputOn);
        var what = RecordingSelection.Default(net).WithState(cells, "v", [0, 7, 399]).WithState(cells, "ge", [3, 5], every: 3);
        if (weights) what.WithWeights(plastic, every: 300);
        what.ChunkSteps = 250;
        string path = Path.Combine(_dir, $"{backend}-{weights}-{cellsOn}-{inputOn}.dnr");
        using (var recorder = net.RecordTo(path, what))
        {
            net.Run(1001 * net.Dt); // runs that end mid-chunk and mid-batch
            recorder.Mark("half");
            net.Run(1000 * net.Dt);
        }
        return path;
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_recording_made_on_opencl_reads_back_the_same_as_on_the_cpu(bool weights) =>
        AssertSameRecording(Record(Backend.Cpu, weights), Record(Backend.OpenCl, weights), weights);

    [SkippableTheory]
    [InlineData(Placement.OpenCl, Placement.Cpu)]
    [InlineData(Placement.Cpu, Placement.OpenCl)]
    public void A_recording_of_a_network_split_between_cpu_and_opencl_reads_back_the_same_as_on_the_cpu(Placement cells, Placement input) =>
        AssertSameRecording(Record(Backend.Cpu, weights: true), Record(Backend.Cpu, weights: true, cells, input), weights: true);

    private static void AssertSameRecording(string cpuPath, string otherPath, bool weights)
    {
        using var cpu = RecordingReader.Open(cpuPath);
        using var cl = RecordingReader.Open(otherPath);

        Assert.True(cl.IsComplete);
        Assert.Equal(cpu.StepCount, cl.StepCount);
        foreach (var population in new[] { "cells", "input" })
        {
            var (expected, actual) = (cpu.ReadSpikes(population), cl.ReadSpikes(population));
            Assert.True(expected.Steps.Length > 300, $"{population}: only {expected.Steps.Length} spikes");
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.Equal(expected.Neurons, actual.Neurons);
            Assert.Equal(cpu.ReadRates(population).Counts, cl.ReadRates(population).Counts);
        }
        foreach (var variable in new[] { "v", "ge" })
        {
            var (expected, actual) = (cpu.ReadState("cells", variable), cl.ReadState("cells", variable));
            Assert.Equal(expected.Steps, actual.Steps);
            Assert.Equal(expected.Values, actual.Values);
        }
        Assert.Equal(667, cl.ReadState("cells", "ge").Steps.Length);
        Assert.Equal(cpu.ReadMarkers(), cl.ReadMarkers());

        if (!weights) return;
        var (cpuWeights, clWeights) = (cpu.ReadWeights("input→cells"), cl.ReadWeights("input→cells"));
        Assert.Equal(7, clWeights.Count);
        Assert.Equal(cpuWeights.Select(w => w.Step), clWeights.Select(w => w.Step));
        for (int k = 0; k < cpuWeights.Count; k++)
        {
            Assert.Equal(cpuWeights[k].Pre, clWeights[k].Pre);
            Assert.Equal(cpuWeights[k].Post, clWeights[k].Post);
            AssertClose(cpuWeights[k].Values, clWeights[k].Values);
        }
        Assert.NotEqual(clWeights[0].Values, clWeights[^1].Values); // STDP changed them
    }

    internal static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-12 * Math.Abs(expected[k]), $"element {k}: {expected[k]:R} against {actual[k]:R}");
    }

    [SkippableFact]
    public void A_recording_started_after_the_first_run_records_from_then_on()
    {
        var (net, cells, _, _) = TestNetwork.Build(Precision.Double);
        net.Backend = Backend.OpenCl;
        var monitor = net.MonitorSpikes(cells);
        net.Run(200 * net.Dt);
        string path = Path.Combine(_dir, "late.dnr");
        using (net.RecordTo(path, RecordingSelection.Nothing().WithSpikes(cells).WithState(cells, "v", [2], every: 7)))
            net.Run(700 * net.Dt);

        using var recording = RecordingReader.Open(path);
        var spikes = recording.ReadSpikes("cells");
        var expected = Enumerable.Range(0, monitor.Count).Where(k => monitor.Steps[k] >= 200).ToArray();
        Assert.True(expected.Length > 50, $"only {expected.Length} spikes");
        Assert.Equal(expected.Select(k => monitor.Steps[k]), spikes.Steps);
        Assert.Equal(expected.Select(k => monitor.Neurons[k]), spikes.Neurons);
        var v = recording.ReadState("cells", "v");
        Assert.Equal(Enumerable.Range(200, 700).Where(s => s % 7 == 0).Select(s => (long)s), v.Steps);
    }
}

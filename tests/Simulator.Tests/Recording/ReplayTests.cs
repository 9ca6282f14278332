using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Recording;

public sealed class ReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dendra-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_recorded_population_replays_its_spikes_into_a_different_model()
    {
        var (net, cells, _, _) = TestNetwork.Build(Precision.Single);
        var original = net.MonitorSpikes(cells);
        string path = Path.Combine(_dir, "source.dnr");
        using (net.RecordTo(path)) net.Run(0.3);

        using var recording = RecordingReader.Open(path);
        var replay = new Network(net.Dt, Precision.Double);
        var replayed = replay.AddRecordedSpikes("replayed", recording, "cells", from: 0.1, to: 0.3);
        var readout = replay.AddPopulation("readout", 5, Dendra.Neurons.Lif.CurrentBased());
        replay.Connect(replayed, readout, "I_e", Connectivity.AllToAll(), weight: 20 * pA);
        var seen = replay.MonitorSpikes(replayed);
        var currents = replay.MonitorState(readout, "I_e", [0]);
        replay.Run(0.2);

        var expected = Enumerable.Range(0, original.Count).Where(k => original.Steps[k] >= 1000).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(k => original.Steps[k] - 1000), seen.Steps);
        Assert.Equal(expected.Select(k => original.Neurons[k]), seen.Neurons);
        Assert.Contains(currents.Trace(0), i => i > 0); // the replayed spikes reach the new model
    }

    [Fact]
    public void Replaying_into_another_dt_is_refused()
    {
        var (net, _, _, _) = TestNetwork.Build(Precision.Single);
        string path = Path.Combine(_dir, "dt.dnr");
        using (net.RecordTo(path)) net.Run(0.01);
        using var recording = RecordingReader.Open(path);
        var other = new Network(0.05 * ms);
        Assert.Contains("same dt", Assert.Throws<ArgumentException>(() => other.AddRecordedSpikes("r", recording, "cells")).Message);
    }
}

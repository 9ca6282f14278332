using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Tests.Recording;

public sealed class RoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dendra-recording-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void Everything_recorded_reads_back_equal(Precision precision)
    {
        var (net, cells, input, plastic) = TestNetwork.Build(precision);
        int[] sampled = [0, 7, 399];
        var spikes = net.MonitorSpikes(cells);
        var inputSpikes = net.MonitorSpikes(input);
        var rates = net.MonitorRate(cells);
        var v = net.MonitorState(cells, "v", sampled);
        var ge = net.MonitorState(cells, "ge", sampled, every: 3);
        var what = RecordingSelection.Default(net).WithWeights(plastic, every: 1000);
        what.ChunkSteps = 250;
        string path = Path.Combine(_dir, "run.dnr");
        using (var recorder = net.RecordTo(path, what))
        {
            recorder.Mark("start");
            net.Run(1001 * net.Dt);
            recorder.Mark("after 1001 steps");
            net.Run(1000 * net.Dt);
        }

        using var recording = RecordingReader.Open(path);
        Assert.True(recording.IsComplete);
        Assert.Equal(2001, recording.StepCount);
        Assert.Equal(precision == Precision.Single ? "float32" : "float64", recording.Header.Precision);
        Assert.Equal(["cells", "input"], recording.Header.Populations.Select(p => p.Name));
        Assert.Equal(3, recording.Header.Projections.Length);
        Assert.Equal(plastic.SynapseCount, recording.Header.Projections[2].SynapseCount);

        var readSpikes = recording.ReadSpikes("cells");
        Assert.True(spikes.Count > 100, $"the network should spike, got {spikes.Count}");
        Assert.Equal(spikes.Steps, readSpikes.Steps);
        Assert.Equal(spikes.Neurons, readSpikes.Neurons);
        Assert.Equal(spikes.Count, recording.SpikeCount("cells"));
        Assert.Equal(inputSpikes.Neurons, recording.ReadSpikes("input").Neurons);

        var readRates = recording.ReadRates("cells");
        Assert.Equal(rates.Rates, readRates.Rates);
        Assert.Equal(rates.Times, readRates.Steps.Select(s => s * net.Dt));

        foreach (var monitor in new[] { v, ge })
        {
            var state = recording.ReadState("cells", monitor.Variable);
            Assert.Equal(monitor.Steps, state.Steps);
            for (int k = 0; k < sampled.Length; k++) Assert.Equal(monitor.Trace(k), state.Trace(k));
        }

        var snapshots = recording.ReadWeights(plastic.Name);
        Assert.Equal([0L, 1000L, 2000L], snapshots.Select(s => s.Step));
        var (pre, post, w) = plastic.Get("w");
        Assert.Equal(pre, snapshots[^1].Pre);
        Assert.Equal(post, snapshots[^1].Post);
        Assert.Equal(w, snapshots[^1].Values);
        Assert.NotEqual(snapshots[0].Values, snapshots[^1].Values); // STDP changed them

        Assert.Equal([new RecordedMarker(0, "start"), new RecordedMarker(1001, "after 1001 steps")], recording.ReadMarkers());
    }

    [Fact]
    public void A_time_window_reads_only_the_spikes_inside_it()
    {
        var (net, cells, _, _) = TestNetwork.Build(Precision.Single);
        var spikes = net.MonitorSpikes(cells);
        string path = Path.Combine(_dir, "window.dnr");
        using (net.RecordTo(path)) net.Run(0.3);

        using var recording = RecordingReader.Open(path);
        var window = recording.ReadSpikes("cells", from: 0.1, to: 0.2);
        var expected = Enumerable.Range(0, spikes.Count).Where(k => spikes.Steps[k] >= 1000 && spikes.Steps[k] < 2000).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(k => spikes.Steps[k]), window.Steps);
        Assert.Equal(expected.Select(k => spikes.Neurons[k]), window.Neurons);
        var rates = recording.ReadRates("cells", 0.1, 0.2);
        Assert.Equal(1000, rates.Steps.Length);
        Assert.Equal(expected.Count, rates.Counts.Sum());
    }

    [Fact]
    public void A_burst_of_spikes_closes_chunks_early_and_loses_none()
    {
        // 300 spikes per step: a 1000-step window would hold 300 000 spikes, more than one chunk may.
        var net = new Network(seed: 9);
        var burst = net.AddPoisson("burst", 1000, 3000.0);
        var spikes = net.MonitorSpikes(burst);
        string path = Path.Combine(_dir, "burst.dnr");
        using (net.RecordTo(path)) net.Run(1500 * net.Dt);

        using var recording = RecordingReader.Open(path);
        var chunks = recording.Chunks.Where(c => c.Kind == ChunkKind.Spikes).ToList();
        Assert.True(chunks.Count >= 3, $"expected the first window to be split, got {chunks.Count} spike chunks");
        // A chunk is closed after the step that takes it to 2^18 spikes: at most one step (1000 spikes) more.
        Assert.All(chunks, c => Assert.True(c.Items < (1 << 18) + 1000, $"a chunk holds {c.Items} spikes"));
        Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.Equal(pair.First.LastStep + 1, pair.Second.FirstStep));
        var read = recording.ReadSpikes("burst");
        Assert.Equal(spikes.Steps, read.Steps);
        Assert.Equal(spikes.Neurons, read.Neurons);
    }

    [Fact]
    public void A_burst_that_fills_a_chunk_on_the_last_step_of_a_window_leaves_no_empty_frame()
    {
        // Every step of a 1-step window is its last; 2^18 spikes in one step close the chunk early on it.
        var net = new Network(seed: 9);
        var burst = net.AddPoisson("burst", 300_000, 9000.0); // p = 0.9: about 270 000 spikes per step
        var spikes = net.MonitorSpikes(burst);
        var what = RecordingSelection.Nothing().WithSpikes(burst);
        what.ChunkSteps = 1;
        string path = Path.Combine(_dir, "edge.dnr");
        using (net.RecordTo(path, what)) net.Run(3 * net.Dt);

        using var recording = RecordingReader.Open(path);
        Assert.True(recording.IsComplete);
        Assert.Equal(spikes.Neurons, recording.ReadSpikes("burst").Neurons);
        Assert.All(recording.Chunks, c => Assert.True(c.FirstStep <= c.LastStep));
    }

    [Fact]
    public void A_recording_started_on_a_resumed_network_starts_at_its_step()
    {
        var (net, cells, _, _) = TestNetwork.Build(Precision.Single);
        net.Run(0.05);
        string checkpoint = Path.Combine(_dir, "resume.ckpt");
        net.SaveCheckpoint(checkpoint);
        var expected = net.MonitorSpikes(cells);
        net.Run(0.05);

        var (resumed, _, _, _) = TestNetwork.Build(Precision.Single);
        resumed.LoadCheckpoint(checkpoint);
        string path = Path.Combine(_dir, "resumed.dnr");
        using (resumed.RecordTo(path)) resumed.Run(0.05);

        using var recording = RecordingReader.Open(path);
        Assert.Equal(500, recording.Header.StartStep);
        Assert.Equal(500, recording.FirstStep);
        Assert.Equal(500, recording.StepCount);
        Assert.Equal(expected.Steps, recording.ReadSpikes("cells").Steps);
        Assert.Equal(expected.Neurons, recording.ReadSpikes("cells").Neurons);
    }

    [Fact]
    public void Recording_a_sub_expression_the_built_network_does_not_store_is_refused_up_front()
    {
        var net = new Network();
        var model = new Dendra.Simulator.Models.NeuronModel("leaky", "dv/dt = -v/tau\ndrive = 2*v").WithParameter("tau", 0.01);
        var cells = net.AddPopulation("cells", 3, model);
        net.Run(0.001);
        string path = Path.Combine(_dir, "subexpression.dnr");
        var e = Assert.Throws<Dendra.Simulator.ModelException>(() => net.RecordTo(path, RecordingSelection.Nothing().WithState(cells, "drive", [0])));
        Assert.Contains("'drive'", e.Message);
        Assert.Empty(net.Recorders);

        // Asked for before the build, it is stored and recorded.
        var fresh = new Network();
        var freshCells = fresh.AddPopulation("cells", 3, model).Initialize("v", 1.0);
        using (fresh.RecordTo(path, RecordingSelection.Nothing().WithState(freshCells, "drive", [1]))) fresh.Run(0.001);
        using var recording = RecordingReader.Open(path);
        var drive = recording.ReadState("cells", "drive").Trace(0);
        Assert.Equal(2 * freshCells.Get("v")[1], drive[^1], 12);
    }

    [Fact]
    public void A_recording_asked_for_before_the_build_leaves_the_network_open_to_settings()
    {
        var (net, cells, _, _) = TestNetwork.Build(Precision.Single);
        string path = Path.Combine(_dir, "early.dnr");
        using (var recorder = net.RecordTo(path))
        {
            Assert.False(net.IsBuilt);
            net.Seed = 21; // still allowed: recording does not build the network
            Assert.False(File.Exists(path));
            net.Run(0.01);
        }
        using var recording = RecordingReader.Open(path);
        Assert.Equal(21UL, recording.Header.Seed);
        Assert.Equal(net.Projections[0].SynapseCount, recording.Header.Projections[0].SynapseCount);
        Assert.Equal(cells.SpikeCount, recording.SpikeCount("cells"));

        var (idle, _, _, _) = TestNetwork.Build(Precision.Single);
        string empty = Path.Combine(_dir, "idle.dnr");
        idle.RecordTo(empty).Dispose();
        using var nothing = RecordingReader.Open(empty);
        Assert.True(nothing.IsComplete);
        Assert.Empty(nothing.Chunks);
    }

    [Fact]
    public void Asking_for_what_was_not_recorded_names_it()
    {
        var (net, _, _, _) = TestNetwork.Build(Precision.Single);
        string path = Path.Combine(_dir, "small.dnr");
        using (net.RecordTo(path)) net.Run(0.01);
        using var recording = RecordingReader.Open(path);
        Assert.Contains("no population 'nope'", Assert.Throws<ArgumentException>(() => recording.ReadSpikes("nope")).Message);
        Assert.Contains("'v' of 'cells' was not recorded", Assert.Throws<ArgumentException>(() => recording.ReadState("cells", "v")).Message);
    }
}

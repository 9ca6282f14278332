using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Tests.Recording;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dendra-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void Resuming_a_checkpoint_gives_the_spikes_of_a_run_that_never_stopped(Precision precision)
    {
        const double half = 2.0;
        var (straight, cells, input, plastic) = TestNetwork.Build(precision);
        var all = straight.MonitorSpikes(cells);
        var allInput = straight.MonitorSpikes(input);
        straight.Run(2 * half);

        var (first, firstCells, _, _) = TestNetwork.Build(precision);
        var before = first.MonitorSpikes(firstCells);
        first.Run(half);
        string path = Path.Combine(_dir, "half.ckpt");
        first.SaveCheckpoint(path);

        var (resumed, resumedCells, resumedInput, resumedPlastic) = TestNetwork.Build(precision);
        var after = resumed.MonitorSpikes(resumedCells);
        var afterInput = resumed.MonitorSpikes(resumedInput);
        resumed.LoadCheckpoint(path);
        Assert.Equal(first.Step, resumed.Step);
        resumed.Run(half);

        Assert.Equal(straight.Step, resumed.Step);
        long split = first.Step;
        var expected = Enumerable.Range(0, all.Count).Where(k => all.Steps[k] >= split).ToList();
        Assert.True(expected.Count > 1000, $"the second half should hold many spikes, got {expected.Count}");
        Assert.Equal(before.Count, all.Count - expected.Count);
        Assert.Equal(expected.Select(k => all.Steps[k]), after.Steps);
        Assert.Equal(expected.Select(k => all.Neurons[k]), after.Neurons);
        Assert.Equal(allInput.Steps.Where(s => s >= split), afterInput.Steps);
        Assert.Equal(plastic.Get("w").Values, resumedPlastic.Get("w").Values);
        Assert.Equal(cells.Get("v"), resumedCells.Get("v"));
        Assert.Equal(cells.SpikeCount, resumedCells.SpikeCount);
    }

    [Fact]
    public void A_checkpoint_of_another_network_is_refused_with_the_difference()
    {
        var (net, _, _, _) = TestNetwork.Build(Precision.Single);
        net.Run(0.01);
        string path = Path.Combine(_dir, "a.ckpt");
        net.SaveCheckpoint(path);

        var (otherSeed, _, _, _) = TestNetwork.Build(Precision.Single, seed: 4);
        Assert.Contains("seed", Assert.Throws<CheckpointException>(() => otherSeed.LoadCheckpoint(path)).Message);
        var (otherPrecision, _, _, _) = TestNetwork.Build(Precision.Double);
        Assert.Contains("float32", Assert.Throws<CheckpointException>(() => otherPrecision.LoadCheckpoint(path)).Message);
        var small = new Network(net.Dt, Precision.Single, net.Seed);
        small.AddPoisson("input", 3, 5.0);
        Assert.Contains("populations", Assert.Throws<CheckpointException>(() => small.LoadCheckpoint(path)).Message);
    }

    [Fact]
    public void Saving_replaces_the_file_atomically_and_leaves_no_temporary_file()
    {
        var (net, _, _, _) = TestNetwork.Build(Precision.Single);
        string path = Path.Combine(_dir, "b.ckpt");
        net.SaveCheckpoint(path);
        net.Run(0.01);
        net.SaveCheckpoint(path);
        Assert.Equal(["b.ckpt"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        var (fresh, _, _, _) = TestNetwork.Build(Precision.Single);
        fresh.LoadCheckpoint(path);
        Assert.Equal(net.Step, fresh.Step);
    }

    [Fact]
    public void A_damaged_or_foreign_file_gives_a_format_error()
    {
        var (net, _, _, _) = TestNetwork.Build(Precision.Single);
        string path = Path.Combine(_dir, "c.ckpt");
        net.SaveCheckpoint(path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("damaged", Assert.Throws<RecordingFormatException>(() => net.LoadCheckpoint(path)).Message);
        File.WriteAllText(path, "hello");
        Assert.Contains("not a Dendra checkpoint", Assert.Throws<RecordingFormatException>(() => net.LoadCheckpoint(path)).Message);
    }

    [Fact]
    public void Truncated_and_flipped_checkpoints_are_refused_and_leave_the_network_as_it_was()
    {
        var (net, cells, _, _) = TestNetwork.Build(Precision.Single);
        net.Run(0.01);
        string path = Path.Combine(_dir, "fuzz.ckpt");
        net.SaveCheckpoint(path);
        var bytes = File.ReadAllBytes(path);
        var (target, targetCells, _, _) = TestNetwork.Build(Precision.Single);
        target.Build();
        var before = targetCells.Get("v");
        var random = new System.Random(3);
        for (int trial = 0; trial < 300; trial++)
        {
            var damaged = trial % 2 == 0 ? bytes[..random.Next(bytes.Length)] : (byte[])bytes.Clone();
            if (trial % 2 == 1) damaged[random.Next(damaged.Length)] ^= (byte)(1 + random.Next(255));
            File.WriteAllBytes(path, damaged);
            var e = Assert.Throws<RecordingFormatException>(() => target.LoadCheckpoint(path));
            Assert.Contains(path, e.Message);
        }
        Assert.Equal(0, target.Step);
        Assert.Equal(before, targetCells.Get("v"));
        Assert.NotEqual(before, cells.Get("v"));
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void Loading_an_earlier_checkpoint_replays_the_spikes_of_a_spike_time_source(Backend backend)
    {
        if (backend == Backend.OpenCl) OpenClDriver.Require();
        var net = new Network(1e-4, Precision.Double) { Backend = backend };
        var times = Enumerable.Range(0, 200).Select(k => (Neuron: k % 7, Time: (k + 1) * 2.5e-4)).ToArray();
        var source = net.AddSpikeSource("source", 7, times);
        var spikes = net.MonitorSpikes(source);
        net.Run(100 * net.Dt);
        string path = Path.Combine(_dir, $"source-{backend}.ckpt");
        net.SaveCheckpoint(path);
        net.Run(100 * net.Dt);
        var firstPass = spikes.Steps.Where(s => s >= 100).ToArray();
        spikes.Clear();

        net.LoadCheckpoint(path);
        net.Run(100 * net.Dt);

        Assert.Equal(40, firstPass.Length); // a spike every 2.5 steps over steps 100–199
        Assert.Equal(firstPass, spikes.Steps);
    }
}

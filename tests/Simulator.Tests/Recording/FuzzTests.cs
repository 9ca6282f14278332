using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Tests.Recording;

/// <summary>
/// Damaged files: every truncation, byte flip and foreign version must give a <see cref="RecordingFormatException"/>
/// or a readable prefix of the real data; never another exception, a hang or an unbounded allocation.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dendra-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (byte[] Bytes, RecordedSpikes Spikes) Reference()
    {
        var (net, cells, _, plastic) = TestNetwork.Build(Precision.Single);
        net.MonitorState(cells, "v", [1, 2]);
        var what = RecordingSelection.Default(net).WithWeights(plastic, every: 100);
        what.ChunkSteps = 50;
        string path = Path.Combine(_dir, "reference.dnr");
        using (var recorder = net.RecordTo(path, what))
        {
            net.Run(0.02);
            recorder.Mark("middle");
            net.Run(0.02);
        }
        using var recording = RecordingReader.Open(path);
        return (File.ReadAllBytes(path), recording.ReadSpikes("cells"));
    }

    /// <summary>Opens and reads everything; returns the spikes of 'cells', or null when it was refused with a format error.</summary>
    private static (RecordedSpikes Spikes, bool Complete)? ReadAll(string path)
    {
        try
        {
            using var recording = RecordingReader.Open(path);
            var h = recording.Header;
            foreach (var p in h.RateStreams) recording.ReadRates(h.Populations[p].Name);
            foreach (var s in h.StateStreams) recording.ReadState(h.Populations[s.Population].Name, s.Variable);
            foreach (var w in h.WeightStreams) recording.ReadWeights(h.Projections[w.Projection].Name, w.Variable);
            recording.ReadMarkers();
            return (recording.ReadSpikes("cells"), recording.IsComplete);
        }
        catch (RecordingFormatException e)
        {
            Assert.Contains(path, e.Message);
            return null;
        }
    }

    private static void AssertPrefix(RecordedSpikes full, RecordedSpikes part, string what)
    {
        Assert.True(part.Count <= full.Count, $"{what}: read {part.Count} spikes, more than the {full.Count} recorded");
        Assert.True(full.Steps.AsSpan(0, part.Count).SequenceEqual(part.Steps) && full.Neurons.AsSpan(0, part.Count).SequenceEqual(part.Neurons),
            $"{what}: the spikes read are not a prefix of those recorded");
    }

    [Fact]
    public void Truncated_files_read_a_prefix_and_say_they_were_cut_short()
    {
        var (bytes, full) = Reference();
        string path = Path.Combine(_dir, "truncated.dnr");
        var random = new System.Random(11);
        int prefixes = 0;
        for (int trial = 0; trial < 1000; trial++)
        {
            int length = trial < 200 ? trial : random.Next(bytes.Length);
            File.WriteAllBytes(path, bytes[..length]);
            if (ReadAll(path) is not { } read) continue;
            Assert.False(read.Complete, $"a file cut to {length} of {bytes.Length} bytes claims to be complete");
            AssertPrefix(full, read.Spikes, $"cut to {length} bytes");
            prefixes++;
        }
        Assert.True(prefixes > 600, $"most cuts fall after the header and should read as prefixes, got {prefixes}");
    }

    [Fact]
    public void Flipped_bytes_give_a_format_error_or_a_prefix()
    {
        var (bytes, full) = Reference();
        string path = Path.Combine(_dir, "flipped.dnr");
        var random = new System.Random(12);
        int refused = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips; f++) damaged[random.Next(damaged.Length)] ^= (byte)(1 + random.Next(255));
            File.WriteAllBytes(path, damaged);
            if (ReadAll(path) is { } read) AssertPrefix(full, read.Spikes, $"trial {trial}");
            else refused++;
        }
        Assert.True(refused > 100, $"flips inside checksummed data must be caught, only {refused} were");
    }

    [Fact]
    public void Length_fields_claiming_huge_sizes_are_refused_without_allocating_them()
    {
        var (bytes, _) = Reference();
        string path = Path.Combine(_dir, "huge.dnr");
        // Every bin32 length field (0xc6 + 4 bytes) set to 2^31 − 1.
        int changed = 0;
        var damaged = (byte[])bytes.Clone();
        for (int i = 0; i + 5 < damaged.Length; i++)
        {
            if (damaged[i] != 0xc6) continue;
            damaged[i + 1] = 0x7f;
            damaged[i + 2] = damaged[i + 3] = damaged[i + 4] = 0xff;
            changed++;
        }
        Assert.True(changed > 0);
        File.WriteAllBytes(path, damaged);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = ReadAll(path);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20, "reading allocated more than 64 MiB");
        if (read is { } r) Assert.False(r.Complete);
    }

    [Theory]
    [InlineData(2, "newer than the version 1")]
    [InlineData(99, "newer than the version 1")]
    [InlineData(0, "does not exist")]
    public void A_foreign_version_is_refused_by_name(byte version, string message)
    {
        var (bytes, _) = Reference();
        // The preamble is fixarray(2), fixstr(16) "dendra-recording", then the version as a positive fixint.
        Assert.Equal(RecordingFormat.Version, bytes[18]);
        bytes[18] = version;
        string path = Path.Combine(_dir, "version.dnr");
        File.WriteAllBytes(path, bytes);
        Assert.Contains(message, Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path)).Message);
    }

    [Fact]
    public void Files_that_are_not_recordings_are_refused_by_name()
    {
        string path = Path.Combine(_dir, "text.dnr");
        File.WriteAllText(path, "time,neuron\n0.1,3\n");
        Assert.Contains("not a Dendra recording", Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path)).Message);
        File.WriteAllBytes(path, []);
        Assert.Contains("not a Dendra recording", Assert.Throws<RecordingFormatException>(() => RecordingReader.Open(path)).Message);
        Assert.Throws<FileNotFoundException>(() => RecordingReader.Open(Path.Combine(_dir, "missing.dnr")));
    }
}

using System.Buffers;
using Dendra.Simulator.Graph;
using MessagePack;
using MessagePack.Resolvers;

namespace Dendra.Learning.Training;

/// <summary>
/// The whole state of a training run in one file: a MessagePack file <c>["dendra-training", version, crc32, payload]</c>
/// whose LZ4-compressed payload holds where the run stands (epoch, position in it, samples seen, the shuffle's seed: the
/// order of an epoch is drawn from the seed and the epoch alone, so these are the generator's position), the learning
/// curve so far, the arrays the run keeps (a readout, label assignments), the state a rest that resets sets the
/// populations back to (when the run's rests reset) and the network's own checkpoint (every
/// variable, weight, spike in flight and the step, which is also the position of its counter-based generator).
/// Written to a temporary file and renamed, so a run killed while saving leaves the previous checkpoint whole.
/// </summary>
internal static class TrainingCheckpoint
{
    public const string Magic = "dendra-training";
    public const int Version = 1;

    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolverAllowPrivate.Instance)
        .WithCompression(MessagePackCompression.Lz4BlockArray)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    public static void Save(string path, TrainingState state, Network network)
    {
        string full = Path.GetFullPath(path);
        string networkFile = $"{full}.{Environment.ProcessId}.network.tmp";
        try
        {
            network.SaveCheckpoint(networkFile);
            state.Network = File.ReadAllBytes(networkFile);
        }
        finally
        {
            File.Delete(networkFile);
        }
        var payload = MessagePackSerializer.Serialize(state, Options);
        var buffer = new ArrayBufferWriter<byte>(payload.Length + 64);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(4);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(System.IO.Hashing.Crc32.HashToUInt32(payload));
        writer.Write(payload);
        writer.Flush();

        string temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(buffer.WrittenSpan);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Reads a training checkpoint and restores its network into <paramref name="network"/>.</summary>
    public static TrainingState Load(string path, Network network)
    {
        if (!File.Exists(path)) throw new TrainingException($"{path}: no such training checkpoint");
        var state = Read(path, File.ReadAllBytes(path));
        string networkFile = $"{Path.GetFullPath(path)}.{Environment.ProcessId}.network.tmp";
        try
        {
            File.WriteAllBytes(networkFile, state.Network);
            network.LoadCheckpoint(networkFile);
        }
        finally
        {
            File.Delete(networkFile);
        }
        return state;
    }

    private static TrainingState Read(string path, byte[] bytes)
    {
        try
        {
            var reader = new MessagePackReader(bytes);
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() != 4
                || reader.NextMessagePackType != MessagePackType.String || reader.ReadString() != Magic)
                throw new TrainingException($"{path} is not a Dendra training checkpoint (it does not start with the \"{Magic}\" preamble)");
            long version = reader.ReadInt64();
            if (version != Version) throw new TrainingException($"{path} has training checkpoint format version {version}; this Dendra reads version {Version}");
            uint crc = reader.ReadUInt32();
            var payload = reader.ReadBytes()?.ToArray() ?? throw new TrainingException($"{path}: the training checkpoint has no payload");
            if (System.IO.Hashing.Crc32.HashToUInt32(payload) != crc) throw new TrainingException($"{path}: the training checkpoint is damaged (its checksum does not match)");
            return MessagePackSerializer.Deserialize<TrainingState>(payload, Options) ?? throw new TrainingException($"{path}: the training checkpoint is empty");
        }
        catch (Exception e) when (e is EndOfStreamException or MessagePackSerializationException or OverflowException)
        {
            throw new TrainingException($"{path}: the training checkpoint is damaged or cut short", e);
        }
    }
}

/// <summary>What a training checkpoint holds besides the network (see <see cref="TrainingCheckpoint"/>).</summary>
[MessagePackObject]
internal sealed class TrainingState
{
    [Key(0)] public int Epoch { get; set; }
    [Key(1)] public int Position { get; set; }
    [Key(2)] public long SamplesSeen { get; set; }
    [Key(3)] public int Seed { get; set; }
    [Key(4)] public int DataCount { get; set; }
    [Key(5)] public int Features { get; set; }
    [Key(6)] public int BatchSize { get; set; }
    [Key(7)] public long[] CurveSamples { get; set; } = [];
    [Key(8)] public double[] CurveEpochs { get; set; } = [];
    [Key(9)] public string[][] CurveNames { get; set; } = [];
    [Key(10)] public double[][] CurveValues { get; set; } = [];
    [Key(11)] public Dictionary<string, double[]> Kept { get; set; } = [];
    [Key(12)] public byte[] Network { get; set; } = [];
    // Written by runs whose rests reset the state (RestMode.Reset, RunThenReset), null otherwise and in older checkpoints; an
    // empty one is the start state of a network whose only state is its input.
    [Key(13)] public Dictionary<string, double[]>? StartState { get; set; }
    // The network step of each point of the curve, for a resumed run that begins a new recording; absent from older checkpoints.
    [Key(14)] public long[] CurveSteps { get; set; } = [];
}

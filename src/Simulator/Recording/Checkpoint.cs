using System.Buffers;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Graph;
using MessagePack;
using MessagePack.Resolvers;

namespace Dendra.Simulator.Recording;

/// <summary>
/// Saves and restores the whole state of a simulation (<see cref="Network.SaveCheckpoint"/>): a MessagePack file
/// <c>["dendra-checkpoint", version, crc32, payload]</c> whose LZ4-compressed payload holds every array, the
/// spikes in flight, the clocks and the step. Written to a temporary file and renamed, so a crash never leaves a
/// half-written checkpoint under the real name.
/// </summary>
internal static class Checkpoint
{
    public const string Magic = "dendra-checkpoint";
    public const int Version = 1;

    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolverAllowPrivate.Instance)
        .WithCompression(MessagePackCompression.Lz4BlockArray)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    public static void Save(ICheckpointable backend, string path)
    {
        var payload = MessagePackSerializer.Serialize(backend.Capture(), Options);
        var buffer = new ArrayBufferWriter<byte>(payload.Length + 64);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(4);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(System.IO.Hashing.Crc32.HashToUInt32(payload));
        writer.Write(payload);
        writer.Flush();

        string full = Path.GetFullPath(path);
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

    public static void Load(Network network, ICheckpointable backend, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such checkpoint", path);
        var bytes = File.ReadAllBytes(path);
        var state = Read(path, bytes);
        CheckStructure(path, network, state);
        backend.Restore(state);
        network.Presentations = state.Presentations;
    }

    private static SimulationState Read(string path, byte[] bytes)
    {
        byte[] payload;
        uint crc;
        try
        {
            var reader = new MessagePackReader(bytes);
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() != 4
                || reader.NextMessagePackType != MessagePackType.String || reader.ReadString() != Magic)
                throw new RecordingFormatException(path, -1, "not a Dendra checkpoint (it does not start with the \"dendra-checkpoint\" preamble)");
            long version = reader.ReadInt64();
            if (version != Version)
                throw new RecordingFormatException(path, -1, $"the checkpoint has format version {version}; this Dendra reads version {Version}");
            crc = reader.ReadUInt32();
            payload = reader.ReadBytes()?.ToArray() ?? throw new RecordingFormatException(path, reader.Consumed, "the checkpoint has no payload");
        }
        catch (Exception e) when (e is EndOfStreamException or MessagePackSerializationException or OverflowException)
        {
            throw new RecordingFormatException(path, -1, "the checkpoint is damaged or cut short", e);
        }
        if (System.IO.Hashing.Crc32.HashToUInt32(payload) != crc) throw new RecordingFormatException(path, -1, "the checkpoint is damaged: its checksum does not match");
        if (!RecordingFormat.DecompressedSizeIsBounded(payload)) throw new RecordingFormatException(path, -1, "the checkpoint declares an impossible size");
        try
        {
            return MessagePackSerializer.Deserialize<SimulationState>(payload, Options) ?? throw new RecordingFormatException(path, -1, "the checkpoint is empty");
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            throw new RecordingFormatException(path, -1, "the checkpoint is damaged", e);
        }
    }

    private static void CheckStructure(string path, Network network, SimulationState state)
    {
        void Require(bool ok, string difference)
        {
            if (!ok) throw new CheckpointException($"{path} was saved from a different network: {difference}. Build the same network (same script, parameters and seed) before loading it.");
        }
        // The backend may differ (the state is backend-neutral); the precision may not: float32 values resumed in
        // float64 (or rounded the other way) would no longer continue the same run.
        string precision = SimulationState.PrecisionName(network.Precision);
        if (state.Precision != precision)
            throw new CheckpointException($"{path} was saved in {state.Precision} and this network runs in {precision}; a checkpoint resumes only at the precision it was saved in (on any backend).");
        Require(state.Dt == network.Dt, $"its dt is {state.Dt} s, this network's is {network.Dt} s");
        Require(state.Seed == network.Seed, $"its seed is {state.Seed}, this network's is {network.Seed}");
        Require(state.BatchSize == network.BatchSize, $"it holds a batch of {state.BatchSize} instance(s), this network runs {network.BatchSize} (BatchSize)");
        Require(state.Step >= 0, $"its step is {state.Step}");
        Require(state.Presentations >= 0, $"it counts {state.Presentations} presentations");
        Require(state.Populations?.Length == network.Populations.Count, $"it has {state.Populations?.Length ?? 0} populations, this network {network.Populations.Count}");
        for (int k = 0; k < network.Populations.Count; k++)
        {
            var (saved, p) = (state.Populations![k], network.Populations[k]);
            Require(saved is not null && saved.Name == p.Name && saved.Size == p.Size && saved.Model == p.Model.Name,
                $"population {k} is '{saved?.Name}' ({saved?.Size} × {saved?.Model}), here '{p.Name}' ({p.Size} × {p.Model.Name})");
        }
        Require(state.Projections?.Length == network.Projections.Count, $"it has {state.Projections?.Length ?? 0} projections, this network {network.Projections.Count}");
        for (int k = 0; k < network.Projections.Count; k++)
        {
            var (saved, p) = (state.Projections![k], network.Projections[k]);
            Require(saved is not null && saved.Name == p.Name && saved.SynapseCount == p.SynapseCount,
                $"projection {k} is '{saved?.Name}' with {saved?.SynapseCount} synapses, here '{p.Name}' with {p.SynapseCount}");
        }
    }
}

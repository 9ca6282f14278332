using System.Buffers;
using MessagePack;

namespace Dendra.Simulator.Recording;

/// <summary>
/// The constants and the framing of the <c>.dnr</c> format (specified in docs/recording-format.md): a preamble
/// <c>["dendra-recording", version]</c>, then frames <c>[kind, stream, firstStep, lastStep, crc32, payload]</c>,
/// then a 9-byte trailer (a MessagePack uint64 holding the offset of the index frame).
/// </summary>
public static class RecordingFormat
{
    /// <summary>The first string of every recording.</summary>
    public const string Magic = "dendra-recording";

    /// <summary>The format version this build writes and reads.</summary>
    public const int Version = 1;

    /// <summary>Largest payload a frame may declare; larger length fields are rejected before anything is allocated.</summary>
    public const int MaxPayloadBytes = 256 << 20;

    /// <summary>Largest decompressed payload a frame may declare.</summary>
    public const long MaxUncompressedBytes = 1L << 30;

    /// <summary>Length of the trailer: 0xcf and a big-endian uint64.</summary>
    public const int TrailerLength = 9;

    /// <summary>Most bytes a frame's fields before the payload take (array header, five integers, bin32 header).</summary>
    internal const int MaxPreamble = 1 + 9 + 9 + 9 + 9 + 5 + 5;

    /// <summary>
    /// Payload serialization: MessagePack's standard resolver (no typeless deserialization), its LZ4 block-array
    /// compression, and its untrusted-data security (bounded depth, hash-collision-resistant maps).
    /// </summary>
    public static MessagePackSerializerOptions Options { get; } = MessagePackSerializerOptions.Standard
        .WithCompression(MessagePackCompression.Lz4BlockArray)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>
    /// How a chunk of <paramref name="kind"/> is written: compressed, except state samples, which are floating-point
    /// values LZ4 cannot shrink (uncompressed they make a CUBA recording 2% larger, and the writer spends a third less
    /// time). Readers use <see cref="Options"/> for every chunk: MessagePack recognises a compressed payload by its
    /// header and reads a plain one as it is.
    /// </summary>
    internal static MessagePackSerializerOptions OptionsFor(ChunkKind kind) => kind == ChunkKind.State ? Uncompressed : Options;

    private static readonly MessagePackSerializerOptions Uncompressed = Options.WithCompression(MessagePackCompression.None);

    internal static byte[] Preamble()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    internal static byte[] Frame(ChunkKind kind, int stream, long firstStep, long lastStep, byte[] payload)
    {
        var buffer = new ArrayBufferWriter<byte>(payload.Length + MaxPreamble);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(6);
        writer.Write((int)kind);
        writer.Write(stream);
        writer.Write(firstStep);
        writer.Write(lastStep);
        writer.Write(System.IO.Hashing.Crc32.HashToUInt32(payload));
        writer.Write(payload);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    internal static byte[] Trailer(long indexOffset)
    {
        var bytes = new byte[TrailerLength];
        bytes[0] = 0xcf;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1), (ulong)indexOffset);
        return bytes;
    }

    /// <summary>Checks that a payload's LZ4 block sizes stay within <see cref="MaxUncompressedBytes"/> before it is decompressed.</summary>
    internal static bool DecompressedSizeIsBounded(byte[] payload)
    {
        try
        {
            return DeclaredSizeIsBounded(payload);
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or OverflowException)
        {
            return false; // not even the size list reads: damaged
        }
    }

    private static bool DeclaredSizeIsBounded(byte[] payload)
    {
        var reader = new MessagePackReader(payload);
        if (reader.NextMessagePackType != MessagePackType.Array) return true; // not compressed: bounded by its own length
        reader.ReadArrayHeader();
        if (reader.End || reader.NextMessagePackType != MessagePackType.Extension) return true;
        var ext = reader.ReadExtensionFormatHeader();
        if (ext.TypeCode != 98) return true;
        var lengths = reader.ReadRaw(ext.Length);
        var inner = new MessagePackReader(lengths);
        long total = 0;
        while (!inner.End)
        {
            total += inner.ReadInt32();
            if (total > MaxUncompressedBytes || total < 0) return false;
        }
        return true;
    }
}

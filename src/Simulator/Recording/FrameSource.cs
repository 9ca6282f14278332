using System.Buffers.Binary;
using MessagePack;
using Microsoft.Win32.SafeHandles;

namespace Dendra.Simulator.Recording;

/// <summary>One frame as read from disk.</summary>
internal sealed record Frame(ChunkKind Kind, int Stream, long FirstStep, long LastStep, byte[] Payload, long Length);

/// <summary>
/// Reads the preamble, frames and index footer of a <c>.dnr</c> file at given offsets. A frame that runs past the
/// end of the file reads as missing (null: the file was cut short there); a frame that is there but wrong throws.
/// </summary>
internal sealed class FrameSource(string path, SafeFileHandle file, long length)
{
    public long ReadPreamble()
    {
        var bytes = ReadAt(0, (int)Math.Min(64, length));
        try
        {
            var reader = new MessagePackReader(bytes);
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() != 2
                || reader.NextMessagePackType != MessagePackType.String || reader.ReadString() != RecordingFormat.Magic)
                throw NotARecording();
            if (reader.NextMessagePackType != MessagePackType.Integer) throw NotARecording();
            long version = reader.ReadInt64();
            if (version != RecordingFormat.Version)
                throw new RecordingFormatException(path, -1, version > RecordingFormat.Version
                    ? $"the recording has format version {version}, newer than the version {RecordingFormat.Version} this Dendra reads; update Dendra to read it"
                    : $"the recording claims format version {version}, which does not exist (this Dendra reads version {RecordingFormat.Version})");
            return reader.Consumed;
        }
        catch (Exception e) when (e is EndOfStreamException or MessagePackSerializationException)
        {
            throw NotARecording(e);
        }
    }

    /// <summary>The frame at <paramref name="offset"/>, or null when it does not end before <paramref name="limit"/>.</summary>
    public Frame? Read(long offset, long limit)
    {
        if (offset < 0 || offset >= limit) return null;
        var head = ReadAt(offset, (int)Math.Min(RecordingFormat.MaxPreamble, limit - offset));
        var reader = new MessagePackReader(head);
        ChunkKind kind;
        int stream;
        long first, last;
        uint crc;
        try
        {
            if (reader.NextMessagePackType != MessagePackType.Array || reader.ReadArrayHeader() != 6)
                throw Damaged(offset, "a frame does not start with a 6-element array");
            int k = reader.ReadInt32();
            if (!Enum.IsDefined((ChunkKind)k)) throw Damaged(offset, $"unknown frame kind {k}");
            kind = (ChunkKind)k;
            stream = reader.ReadInt32();
            first = reader.ReadInt64();
            last = reader.ReadInt64();
            crc = reader.ReadUInt32();
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        catch (Exception e) when (e is MessagePackSerializationException or OverflowException)
        {
            throw Damaged(offset, "a frame's fields are not integers of the expected size", e);
        }
        if (stream < 0 || first > last) throw Damaged(offset, $"a frame has stream {stream} and steps {first}..{last}");
        int at = (int)reader.Consumed;
        if (at >= head.Length) return null;
        long payloadLength;
        int lengthBytes = head[at] switch { 0xc4 => 1, 0xc5 => 2, 0xc6 => 4, _ => throw Damaged(offset, "a frame's payload is not binary") };
        if (at + 1 + lengthBytes > head.Length) return null;
        var field = head.AsSpan(at + 1, lengthBytes);
        payloadLength = lengthBytes switch { 1 => field[0], 2 => BinaryPrimitives.ReadUInt16BigEndian(field), _ => BinaryPrimitives.ReadUInt32BigEndian(field) };
        if (payloadLength > RecordingFormat.MaxPayloadBytes)
            throw Damaged(offset, $"a frame declares a payload of {payloadLength} bytes, more than the {RecordingFormat.MaxPayloadBytes} allowed");
        long start = offset + at + 1 + lengthBytes;
        if (start + payloadLength > limit) return null;
        var payload = ReadAt(start, (int)payloadLength);
        if (System.IO.Hashing.Crc32.HashToUInt32(payload) != crc) throw Damaged(offset, "a frame's checksum does not match its payload");
        return new Frame(kind, stream, first, last, payload, start + payloadLength - offset);
    }

    public T Decode<T>(Frame frame, long offset)
    {
        if (!RecordingFormat.DecompressedSizeIsBounded(frame.Payload))
            throw Damaged(offset, $"a frame declares more than {RecordingFormat.MaxUncompressedBytes} bytes after decompression");
        try
        {
            return MessagePackSerializer.Deserialize<T>(frame.Payload, RecordingFormat.Options)
                ?? throw Damaged(offset, "a frame's payload is empty");
        }
        catch (Exception e) when (e is MessagePackSerializationException or EndOfStreamException or InvalidOperationException or OverflowException)
        {
            throw Damaged(offset, $"a frame's payload is not a valid {typeof(T).Name}", e);
        }
    }

    /// <summary>The index footer, or null when the file has none that is whole and consistent (it was cut short).</summary>
    public List<ChunkInfo>? ReadIndex(long dataStart, RecordingHeader header)
    {
        long trailerAt = length - RecordingFormat.TrailerLength;
        if (trailerAt < dataStart) return null;
        var trailer = ReadAt(trailerAt, RecordingFormat.TrailerLength);
        if (trailer[0] != 0xcf) return null;
        ulong indexAt = BinaryPrimitives.ReadUInt64BigEndian(trailer.AsSpan(1));
        if (indexAt < (ulong)dataStart || indexAt >= (ulong)trailerAt) return null;
        try
        {
            var frame = Read((long)indexAt, trailerAt);
            if (frame is null || frame.Kind != ChunkKind.Index || (long)indexAt + frame.Length != trailerAt) return null;
            var entries = Decode<ChunkInfo[]>(frame, (long)indexAt);
            foreach (var e in entries)
                if (e.Offset < dataStart || e.Length <= 0 || e.Offset + e.Length > (long)indexAt || e.FirstStep > e.LastStep || e.Items < 0
                    || !RecordingValidation.IsDataStream(header, e.Kind, e.Stream))
                    return null;
            return [.. entries];
        }
        catch (RecordingFormatException)
        {
            return null;
        }
    }

    /// <summary>The whole, valid frames from <paramref name="position"/> on, up to the first that is cut short or damaged.</summary>
    public List<ChunkInfo> Scan(long position, RecordingHeader header)
    {
        var chunks = new List<ChunkInfo>();
        while (position < length)
        {
            try
            {
                var frame = Read(position, length);
                if (frame is null || !RecordingValidation.IsDataStream(header, frame.Kind, frame.Stream)) break;
                long items = frame.Kind switch
                {
                    ChunkKind.Spikes => Checked<SpikeChunk>(frame, position, header).Neurons.Length,
                    ChunkKind.State => Checked<StateChunk>(frame, position, header).Steps.Length,
                    ChunkKind.Rates => Checked<RateChunk>(frame, position, header).Counts.Length,
                    ChunkKind.Weights => Checked<WeightChunk>(frame, position, header).Pre.Length,
                    ChunkKind.Metric => Checked<MetricChunk>(frame, position, header) is null ? 0 : 1,
                    _ => Checked<MarkerChunk>(frame, position, header) is null ? 0 : 1,
                };
                chunks.Add(new ChunkInfo { Kind = frame.Kind, Stream = frame.Stream, FirstStep = frame.FirstStep, LastStep = frame.LastStep, Offset = position, Length = frame.Length, Items = items });
                position += frame.Length;
            }
            catch (RecordingFormatException)
            {
                break;
            }
        }
        return chunks;
    }

    private T Checked<T>(Frame frame, long offset, RecordingHeader header) where T : class
    {
        var chunk = Decode<T>(frame, offset);
        RecordingValidation.Check(path, offset, header, frame, chunk);
        return chunk;
    }

    private byte[] ReadAt(long offset, int count)
    {
        var bytes = new byte[count];
        int done = 0;
        while (done < count)
        {
            int n = RandomAccess.Read(file, bytes.AsSpan(done), offset + done);
            if (n == 0) return bytes[..done];
            done += n;
        }
        return bytes;
    }

    private RecordingFormatException NotARecording(Exception? inner = null) =>
        new(path, -1, "not a Dendra recording (it does not start with the \"dendra-recording\" preamble)", inner);

    private RecordingFormatException Damaged(long offset, string problem, Exception? inner = null) =>
        new(path, offset, $"the recording is damaged: {problem}", inner);
}

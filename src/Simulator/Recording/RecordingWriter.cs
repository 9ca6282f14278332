using System.Collections.Concurrent;
using System.Diagnostics;
using MessagePack;

namespace Dendra.Simulator.Recording;

/// <summary>
/// Writes a <c>.dnr</c> file on a background thread. Chunks wait in a bounded queue, so memory stays bounded
/// however long the run; the simulation waits only when the disk falls that far behind. Every frame is handed to
/// the operating system as soon as it is written, so a killed process leaves every whole frame readable.
/// </summary>
internal sealed class RecordingWriter : IDisposable
{
    private long _busyTicks;

    private readonly string _path;
    private readonly FileStream _file;
    private readonly BlockingCollection<Pending> _queue;
    private readonly Thread _thread;
    private readonly List<ChunkInfo> _index = [];
    private Exception? _failure;
    private bool _completed;

    public RecordingWriter(string path, RecordingHeader header, int queueCapacity)
    {
        _path = path;
        try
        {
            _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create the recording '{path}': {e.Message}", e);
        }
        _file.Write(RecordingFormat.Preamble());
        WriteFrame(new Pending(ChunkKind.Header, 0, header.StartStep, header.StartStep, 0, header));
        _queue = new BlockingCollection<Pending>(queueCapacity);
        _thread = new Thread(Drain) { IsBackground = true, Name = "dendra recording writer" };
        _thread.Start();
    }

    /// <summary>
    /// Continues the recording <paramref name="path"/>: keeps its preamble, header and the chunks in
    /// <paramref name="kept"/> (a prefix of its data frames, in file order, ending at byte <paramref name="keptEnd"/>),
    /// cuts off whatever follows them (later chunks, the old index footer, a frame cut short) and writes on from there;
    /// the index written at the end lists the kept chunks and the new ones.
    /// </summary>
    public RecordingWriter(string path, IReadOnlyList<ChunkInfo> kept, long keptEnd, int queueCapacity)
    {
        _path = path;
        try
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot continue the recording '{path}': {e.Message}", e);
        }
        _file.SetLength(keptEnd);
        _file.Position = keptEnd;
        _index.AddRange(kept);
        _queue = new BlockingCollection<Pending>(queueCapacity);
        _thread = new Thread(Drain) { IsBackground = true, Name = "dendra recording writer" };
        _thread.Start();
    }

    /// <summary>Queues a chunk; blocks while the queue is full. Throws the writer's error if writing failed.</summary>
    public void Add(ChunkKind kind, int stream, long firstStep, long lastStep, long items, object body)
    {
        ThrowIfFailed();
        _queue.Add(new Pending(kind, stream, firstStep, lastStep, items, body));
    }

    /// <summary>Writes what is queued, then the index footer and trailer, and closes the file.</summary>
    public void Complete()
    {
        if (_completed) return;
        _completed = true;
        _queue.CompleteAdding();
        _thread.Join();
        try
        {
            ThrowIfFailed();
            long offset = _file.Position;
            long first = _index.Count == 0 ? 0 : _index.Min(c => c.FirstStep);
            long last = _index.Count == 0 ? 0 : _index.Max(c => c.LastStep);
            var payload = MessagePackSerializer.Serialize(_index.ToArray(), RecordingFormat.Options);
            _file.Write(RecordingFormat.Frame(ChunkKind.Index, 0, first, last, payload));
            _file.Write(RecordingFormat.Trailer(offset));
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            _file.Dispose();
        }
    }

    public void Dispose()
    {
        if (!_completed) Complete();
        _queue.Dispose();
    }

    /// <summary>Time the writer thread spent serializing, compressing and writing chunks (the header and index excluded).</summary>
    public TimeSpan BusyTime => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _busyTicks));

    private void Drain()
    {
        try
        {
            foreach (var pending in _queue.GetConsumingEnumerable())
            {
                long start = Stopwatch.GetTimestamp();
                WriteFrame(pending);
                Volatile.Write(ref _busyTicks, _busyTicks + Stopwatch.GetTimestamp() - start);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or MessagePackSerializationException)
        {
            _failure = e;
            // Keep taking chunks so the simulation is never blocked on a writer that has stopped.
            foreach (var _ in _queue.GetConsumingEnumerable()) { }
        }
    }

    private void WriteFrame(Pending p)
    {
        var payload = MessagePackSerializer.Serialize(p.Body.GetType(), p.Body, RecordingFormat.OptionsFor(p.Kind));
        var frame = RecordingFormat.Frame(p.Kind, p.Stream, p.FirstStep, p.LastStep, payload);
        long offset = _file.Position;
        _file.Write(frame);
        _file.Flush();
        if (p.Kind != ChunkKind.Header)
            _index.Add(new ChunkInfo { Kind = p.Kind, Stream = p.Stream, FirstStep = p.FirstStep, LastStep = p.LastStep, Offset = offset, Length = frame.Length, Items = p.Items });
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } e) throw new IOException($"writing the recording '{_path}' failed: {e.Message}", e);
    }

    private sealed record Pending(ChunkKind Kind, int Stream, long FirstStep, long LastStep, long Items, object Body);
}

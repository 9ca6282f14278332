using MessagePack;
using Microsoft.Win32.SafeHandles;

namespace Dendra.Simulator.Recording;

/// <summary>
/// An open <c>.dnr</c> recording. Opening reads the header and the index footer (or, in a file cut short,
/// scans the whole frames in order); each read then loads only the chunks that overlap the asked window.
/// Every file is treated as untrusted: length fields are bounded, checksums are checked, and anything that
/// does not fit the format gives a <see cref="RecordingFormatException"/> naming the file and position.
/// </summary>
/// <example>
/// <code>
/// using var recording = RecordingReader.Open("run.dnr");
/// var spikes = recording.ReadSpikes("exc", from: 1.0, to: 2.0);
/// </code>
/// </example>
public sealed class RecordingReader : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly List<ChunkInfo> _chunks;

    private RecordingReader(string path, SafeFileHandle file, long length, RecordingHeader header, List<ChunkInfo> chunks, bool complete)
    {
        Path = path;
        _file = file;
        FileLength = length;
        Header = header;
        _chunks = chunks;
        IsComplete = complete;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Size of the file in bytes.</summary>
    public long FileLength { get; }

    /// <summary>The header: network, seed, dt, precision, backend and the streams recorded.</summary>
    public RecordingHeader Header { get; }

    /// <summary>True when the file ends with its index footer; false when the run was cut short (then it holds the whole chunks written before).</summary>
    public bool IsComplete { get; }

    /// <summary>Every data chunk, in file order.</summary>
    public IReadOnlyList<ChunkInfo> Chunks => _chunks;

    /// <summary>First step recorded (the header's start step when nothing was).</summary>
    public long FirstStep => _chunks.Count == 0 ? Header.StartStep : _chunks.Min(c => c.FirstStep);

    /// <summary>Steps covered: last recorded step + 1 − <see cref="FirstStep"/>.</summary>
    public long StepCount => _chunks.Count == 0 ? 0 : _chunks.Max(c => c.LastStep) + 1 - FirstStep;

    /// <summary>Biological time covered, in seconds.</summary>
    public double Duration => StepCount * Header.Dt;

    /// <summary>Spikes recorded for <paramref name="population"/> (from the index, without reading them).</summary>
    public long SpikeCount(string population)
    {
        int index = PopulationIndex(population);
        return _chunks.Where(c => c.Kind == ChunkKind.Spikes && c.Stream == index).Sum(c => c.Items);
    }

    /// <summary>Opens <paramref name="path"/> and reads its header and index.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="RecordingFormatException">The file is not a recording this Dendra reads.</exception>
    public static RecordingReader Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such recording", path);
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            long length = RandomAccess.GetLength(file);
            var frames = new FrameSource(path, file, length);
            long position = frames.ReadPreamble();
            var headerFrame = frames.Read(position, length) ?? throw new RecordingFormatException(path, position, "the file was cut short before its header was complete");
            if (headerFrame.Kind != ChunkKind.Header) throw new RecordingFormatException(path, position, $"expected the header frame, found a frame of kind {(int)headerFrame.Kind}");
            var header = frames.Decode<RecordingHeader>(headerFrame, position);
            RecordingValidation.Check(path, header);
            long dataStart = position + headerFrame.Length;
            var index = frames.ReadIndex(dataStart, header);
            return index is not null
                ? new RecordingReader(path, file, length, header, index, complete: true)
                : new RecordingReader(path, file, length, header, frames.Scan(dataStart, header), complete: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Spikes of <paramref name="population"/> at times in [<paramref name="from"/>, <paramref name="to"/>) seconds.</summary>
    public RecordedSpikes ReadSpikes(string population, double from = 0, double to = double.PositiveInfinity)
    {
        int index = PopulationIndex(population);
        if (!Header.SpikeStreams.Contains(index)) throw new ArgumentException($"{Path}: the spikes of '{population}' were not recorded", nameof(population));
        var (first, end) = Steps(from, to);
        var steps = new List<long>();
        var neurons = new List<int>();
        foreach (var (info, chunk) in Read<SpikeChunk>(ChunkKind.Spikes, index, first, end))
        {
            for (int k = 0; k < chunk.Neurons.Length; k++)
            {
                long step = info.FirstStep + chunk.StepOffsets[k];
                if (step < first || step >= end) continue;
                steps.Add(step);
                neurons.Add(chunk.Neurons[k]);
            }
        }
        return new RecordedSpikes([.. steps], [.. neurons], Header.Dt);
    }

    /// <summary>Samples of <paramref name="variable"/> of <paramref name="population"/> taken at steps whose time lies in [from, to).</summary>
    public RecordedState ReadState(string population, string variable, double from = 0, double to = double.PositiveInfinity)
    {
        int index = PopulationIndex(population);
        int stream = Array.FindIndex(Header.StateStreams, s => s.Population == index && s.Variable == variable);
        if (stream < 0) throw new ArgumentException($"{Path}: '{variable}' of '{population}' was not recorded", nameof(variable));
        int width = Header.StateStreams[stream].Neurons.Length;
        var (first, end) = Steps(from, to);
        var steps = new List<long>();
        var values = new List<double>();
        foreach (var (_, chunk) in Read<StateChunk>(ChunkKind.State, stream, first, end))
        {
            for (int k = 0; k < chunk.Steps.Length; k++)
            {
                if (chunk.Steps[k] < first || chunk.Steps[k] >= end) continue;
                steps.Add(chunk.Steps[k]);
                for (int n = 0; n < width; n++)
                    values.Add(chunk.Single is { } s ? s[k * width + n] : chunk.Double![k * width + n]);
            }
        }
        return new RecordedState([.. steps], Header.StateStreams[stream].Neurons, [.. values], Header.Dt);
    }

    /// <summary>Per-step spike counts of <paramref name="population"/> in [from, to).</summary>
    public RecordedRates ReadRates(string population, double from = 0, double to = double.PositiveInfinity)
    {
        int index = PopulationIndex(population);
        if (!Header.RateStreams.Contains(index)) throw new ArgumentException($"{Path}: the rate of '{population}' was not recorded", nameof(population));
        var (first, end) = Steps(from, to);
        var steps = new List<long>();
        var counts = new List<int>();
        foreach (var (info, chunk) in Read<RateChunk>(ChunkKind.Rates, index, first, end))
        {
            for (int k = 0; k < chunk.Counts.Length; k++)
            {
                long step = info.FirstStep + k;
                if (step < first || step >= end) continue;
                steps.Add(step);
                counts.Add(chunk.Counts[k]);
            }
        }
        return new RecordedRates([.. steps], [.. counts], Header.Populations[index].Size, Header.Dt);
    }

    /// <summary>Snapshots of <paramref name="variable"/> of <paramref name="projection"/> (a spiking or a rate projection) taken in [from, to).</summary>
    public IReadOnlyList<RecordedWeights> ReadWeights(string projection, string variable = "w", double from = 0, double to = double.PositiveInfinity)
    {
        int stream = Array.FindIndex(Header.WeightStreams, w => Header.ProjectionOf(w) == projection && w.Variable == variable);
        if (stream < 0)
        {
            if (!Header.Projections.Any(p => p.Name == projection) && !Header.RateProjections.Any(p => p.Name == projection))
                throw new ArgumentException($"{Path}: no projection '{projection}'; known: {string.Join(", ", Header.Projections.Select(p => p.Name).Concat(Header.RateProjections.Select(p => p.Name)))}", nameof(projection));
            throw new ArgumentException($"{Path}: '{variable}' of projection '{projection}' was not recorded", nameof(variable));
        }
        var (first, end) = Steps(from, to);
        return Read<WeightChunk>(ChunkKind.Weights, stream, first, end)
            .Select(r => new RecordedWeights(r.Info.FirstStep, r.Chunk.Pre, r.Chunk.Post,
                r.Chunk.Single is { } s ? s.Select(v => (double)v).ToArray() : r.Chunk.Double!))
            .ToList();
    }

    /// <summary>Every recorded value of the metric <paramref name="name"/> (a learning curve), in order.</summary>
    public IReadOnlyList<RecordedMetric> ReadMetric(string name)
    {
        int stream = Array.IndexOf(Header.MetricStreams, name);
        if (stream < 0)
            throw new ArgumentException(Header.MetricStreams.Length == 0 ? $"{Path} holds no metrics" : $"{Path}: no metric '{name}'; known: {string.Join(", ", Header.MetricStreams)}", nameof(name));
        return Read<MetricChunk>(ChunkKind.Metric, stream, long.MinValue, long.MaxValue)
            .Select(r => new RecordedMetric(r.Info.FirstStep, r.Chunk.Samples, r.Chunk.Value)).ToList();
    }

    /// <summary>Every marker, in order.</summary>
    public IReadOnlyList<RecordedMarker> ReadMarkers() =>
        Read<MarkerChunk>(ChunkKind.Marker, 0, long.MinValue, long.MaxValue).Select(r => new RecordedMarker(r.Info.FirstStep, r.Chunk.Text)).ToList();

    /// <summary>Index of the population named <paramref name="name"/>.</summary>
    public int PopulationIndex(string name)
    {
        int index = Array.FindIndex(Header.Populations, p => p.Name == name);
        return index >= 0 ? index
            : throw new ArgumentException($"{Path}: no population '{name}'; known: {string.Join(", ", Header.Populations.Select(p => p.Name))}", nameof(name));
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    private (long First, long End) Steps(double from, double to)
    {
        if (double.IsNaN(from) || double.IsNaN(to) || to < from) throw new ArgumentOutOfRangeException(nameof(to), $"the window [{from}, {to}) s is empty or not a number");
        static long Bound(double seconds, double dt) =>
            seconds == double.PositiveInfinity ? long.MaxValue : seconds <= 0 ? long.MinValue : (long)Math.Ceiling(seconds / dt - 1e-9);
        return (Bound(from, Header.Dt), Bound(to, Header.Dt));
    }

    private IEnumerable<(ChunkInfo Info, T Chunk)> Read<T>(ChunkKind kind, int stream, long first, long end)
    {
        var frames = new FrameSource(Path, _file, FileLength);
        foreach (var info in _chunks)
        {
            if (info.Kind != kind || info.Stream != stream || info.LastStep < first || info.FirstStep >= end) continue;
            var frame = frames.Read(info.Offset, info.Offset + info.Length)
                ?? throw new RecordingFormatException(Path, info.Offset, "a chunk listed in the index is incomplete");
            if (frame.Kind != info.Kind || frame.Stream != info.Stream || frame.FirstStep != info.FirstStep || frame.LastStep != info.LastStep)
                throw new RecordingFormatException(Path, info.Offset, "a chunk does not match its index entry");
            var chunk = frames.Decode<T>(frame, info.Offset);
            RecordingValidation.Check(Path, info.Offset, Header, frame, chunk!);
            yield return (info, chunk);
        }
    }
}

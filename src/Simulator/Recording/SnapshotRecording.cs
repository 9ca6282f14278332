using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Recording;

/// <summary>
/// A recording of snapshots taken between runs rather than of every step: the weights of rate projections and the values
/// of metrics, each stamped with the network's step. A training run writes one (its weights per epoch or every N samples
/// and its learning curve), whatever its batch size; <c>dendra replay</c> shows the receptive fields as they were at each
/// step and <c>dendra plot --what learning</c> draws the curve. The file is an ordinary <c>.dnr</c> recording
/// (docs/recording-format.md): the rate projections and metric names are in its header, the snapshots are weight chunks,
/// the metric values metric chunks.
/// </summary>
public sealed class SnapshotRecording : IDisposable
{
    private readonly Network _network;
    private readonly RecordingWriter _writer;
    private readonly List<RateProjection> _projections;
    private readonly string[] _metrics;
    private readonly bool _single;
    private bool _disposed;

    /// <summary>Creates the file and writes its header (builds the network if it is not built).</summary>
    /// <param name="path">The recording to write.</param>
    /// <param name="network">The network whose step stamps every snapshot.</param>
    /// <param name="projections">The rate projections snapshotted, each with the width and height of its receptive fields
    /// (each unit's incoming weights as an image; 0 × 0 when they are not one).</param>
    /// <param name="metrics">The names of the metrics recorded.</param>
    public SnapshotRecording(string path, Network network, IEnumerable<(RateProjection Projection, int Width, int Height)> projections, IEnumerable<string> metrics)
        : this(path, network, projections, metrics, append: false)
    {
    }

    private SnapshotRecording(string path, Network network, IEnumerable<(RateProjection Projection, int Width, int Height)> projections, IEnumerable<string> metrics, bool append)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(projections);
        ArgumentNullException.ThrowIfNull(metrics);
        var fields = projections.ToList();
        foreach (var (projection, width, height) in fields)
        {
            if (projection.Network != network) throw new ArgumentException($"rate projection '{projection.Name}' belongs to another network", nameof(projections));
            if (projection.Dense is null) throw new ArgumentException($"rate projection '{projection.Name}' is sparse; only dense rate projections are snapshotted", nameof(projections));
            if (width < 0 || height < 0 || (width * height != 0 && (long)width * height != projection.Pre.Count))
                throw new ArgumentException($"receptive fields of '{projection.Name}' of {width}×{height} = {(long)width * height} weights do not fit its {projection.Pre.Count} presynaptic neurons", nameof(projections));
        }
        _metrics = [.. metrics];
        if (_metrics.Distinct(StringComparer.Ordinal).Count() != _metrics.Length) throw new ArgumentException("each metric is named once", nameof(metrics));
        _network = network;
        _projections = [.. fields.Select(f => f.Projection)];
        _single = network.Precision == Precision.Single;
        network.Build();
        var header = Header(network, fields, _metrics);
        Path = path;
        _writer = append ? Continue(path, header, network.Step) : new RecordingWriter(path, header, queueCapacity: 4);
        Continued = append;
    }

    /// <summary>
    /// Continues the recording <paramref name="path"/> of a run resumed from a checkpoint, so that one file holds the whole
    /// run: keeps every chunk stamped at or before the network's current step (the checkpoint's), drops those a run killed
    /// after the checkpoint wrote past it, and records on after them. Where <paramref name="path"/> does not exist it is
    /// created as by the constructor (<see cref="Continued"/> is then false).
    /// </summary>
    /// <exception cref="RecordingFormatException">The file is not a recording this Dendra reads.</exception>
    /// <exception cref="ArgumentException">The file records another run: another network, other projections or metrics
    /// (the message names the difference).</exception>
    public static SnapshotRecording Resume(string path, Network network, IEnumerable<(RateProjection Projection, int Width, int Height)> projections, IEnumerable<string> metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SnapshotRecording(path, network, projections, metrics, append: File.Exists(path));
    }

    /// <summary>True when this recording continues an existing file (<see cref="Resume"/>), false when it began a new one.</summary>
    public bool Continued { get; }

    private static RecordingWriter Continue(string path, RecordingHeader header, long step)
    {
        List<ChunkInfo> kept;
        long keptEnd;
        using (var existing = RecordingReader.Open(path))
        {
            string? difference = Difference(existing.Header, header);
            if (difference is not null)
                throw new ArgumentException($"{path} records another training run ({difference}): a resumed run continues the recording of the run it resumes; record to another file, or remove this one", nameof(path));
            // Snapshot recordings are written in step order, so the chunks to keep are the file's first ones.
            kept = [.. existing.Chunks.TakeWhile(c => c.LastStep <= step)];
            if (kept.Count == 0) return new RecordingWriter(path, header, queueCapacity: 4);
            keptEnd = kept[^1].Offset + kept[^1].Length;
        }
        return new RecordingWriter(path, kept, keptEnd, queueCapacity: 4);
    }

    /// <summary>What makes <paramref name="existing"/> the header of another run than <paramref name="wanted"/>; null when none.</summary>
    private static string? Difference(RecordingHeader existing, RecordingHeader wanted)
    {
        static string Fields(RecordingHeader h) => string.Join("; ", h.RateProjections.Select(p => $"{p.Name} {p.PreCount}→{p.PostCount} {p.FieldWidth}×{p.FieldHeight}"));
        if (existing.Dt != wanted.Dt) return $"its dt is {existing.Dt} s, this run's {wanted.Dt} s";
        if (existing.Seed != wanted.Seed) return $"its seed is {existing.Seed}, this run's {wanted.Seed}";
        if (!existing.Populations.Select(p => p.Name).SequenceEqual(wanted.Populations.Select(p => p.Name)))
            return $"its populations are {string.Join(", ", existing.Populations.Select(p => p.Name))}, this run's {string.Join(", ", wanted.Populations.Select(p => p.Name))}";
        if (Fields(existing) != Fields(wanted)) return $"it snapshots {Fields(existing)}, this run {Fields(wanted)}";
        if (!existing.MetricStreams.SequenceEqual(wanted.MetricStreams)) return $"its metrics are {string.Join(", ", existing.MetricStreams)}, this run's {string.Join(", ", wanted.MetricStreams)}";
        return null;
    }

    private static RecordingHeader Header(Network network, List<(RateProjection Projection, int Width, int Height)> fields, string[] metrics)
    {
        var header = RecordingDescription.Header(network, RecordingSelection.Nothing());
        return new RecordingHeader
        {
            DendraVersion = header.DendraVersion, Dt = header.Dt, Seed = header.Seed, Precision = header.Precision, Backend = header.Backend,
            StartTime = header.StartTime, StartStep = header.StartStep, Populations = header.Populations, Projections = header.Projections,
            RateProjections = [.. fields.Select(f => new RateProjectionDescription
            {
                Name = f.Projection.Name,
                Pre = f.Projection.Pre.Population.Index, PreStart = f.Projection.Pre.Start, PreCount = f.Projection.Pre.Count,
                Post = f.Projection.Post.Population.Index, PostStart = f.Projection.Post.Start, PostCount = f.Projection.Post.Count,
                Rule = f.Projection.Rule?.ToString() ?? "",
                FieldWidth = f.Width, FieldHeight = f.Height,
            })],
            WeightStreams = [.. fields.Select((_, k) => new WeightStream { Projection = k, Variable = "w", Every = 1, OfRateProjection = true })],
            MetricStreams = metrics,
        };
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Snapshots the weights of every recorded projection at the network's current step.</summary>
    public void SnapshotWeights()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long step = _network.Step;
        for (int k = 0; k < _projections.Count; k++)
        {
            var projection = _projections[k];
            var flat = _network.ReadWeights(projection);
            int columns = projection.Pre.Count;
            var pre = new int[flat.Length];
            var post = new int[flat.Length];
            for (int e = 0; e < flat.Length; e++) (pre[e], post[e]) = (projection.Pre.Start + e % columns, projection.Post.Start + e / columns);
            var chunk = _single
                ? new WeightChunk { Pre = pre, Post = post, Single = [.. flat.Select(v => (float)v)] }
                : new WeightChunk { Pre = pre, Post = post, Double = flat };
            _writer.Add(ChunkKind.Weights, k, step, step, flat.Length, chunk);
        }
    }

    /// <summary>Records <paramref name="value"/> of the metric <paramref name="name"/>, measured after <paramref name="samples"/>
    /// training samples at the network's step <paramref name="step"/> (null: now, the network's current step; a resumed
    /// run that begins a new recording writes the learning curve it resumed with at the steps it was measured).</summary>
    public void Metric(string name, double value, long samples, long? step = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int stream = Array.IndexOf(_metrics, name);
        if (stream < 0) throw new ArgumentException($"the recording '{Path}' was created without a metric '{name}'; its metrics: {string.Join(", ", _metrics)}", nameof(name));
        long at = step ?? _network.Step;
        _writer.Add(ChunkKind.Metric, stream, at, at, 1, new MetricChunk { Samples = samples, Value = value });
    }

    /// <summary>Writes the index footer and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _writer.Dispose(); // writes the index footer
    }
}

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
        var header = RecordingDescription.Header(network, RecordingSelection.Nothing());
        header = new RecordingHeader
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
            MetricStreams = _metrics,
        };
        _writer = new RecordingWriter(path, header, queueCapacity: 4);
        Path = path;
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

    /// <summary>Records <paramref name="value"/> of the metric <paramref name="name"/>, measured after <paramref name="samples"/> training samples.</summary>
    public void Metric(string name, double value, long samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int stream = Array.IndexOf(_metrics, name);
        if (stream < 0) throw new ArgumentException($"the recording '{Path}' was created without a metric '{name}'; its metrics: {string.Join(", ", _metrics)}", nameof(name));
        long step = _network.Step;
        _writer.Add(ChunkKind.Metric, stream, step, step, 1, new MetricChunk { Samples = samples, Value = value });
    }

    /// <summary>Writes the index footer and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _writer.Dispose(); // writes the index footer
    }
}

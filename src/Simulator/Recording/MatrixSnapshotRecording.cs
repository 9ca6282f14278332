using System.Globalization;
using System.Reflection;

namespace Dendra.Simulator.Recording;

/// <summary>
/// A snapshot recording of a weight matrix that belongs to no network — a learner's units × features weights — in the
/// same <c>.dnr</c> form a training run of a network writes (<see cref="SnapshotRecording"/>), so that <c>dendra replay</c>,
/// <c>dendra info</c> and <c>dendra plot --what learning</c> read it as they read that one. The header describes two
/// populations, "input" (the features) and "units", and one dense rate projection between them named after the
/// learner, with the receptive-field shape; <see cref="RecordingHeader.Learner"/> says what learned and that a step is
/// one minibatch. Snapshots and metric values are stamped with the step the caller gives. A recording created with an
/// activity quantity also holds, beside each snapshot, the units' activity in the minibatch that ended there
/// (<see cref="Activity"/>): one state stream of every unit, one sample per image, all stamped with that step.
/// </summary>
public sealed class MatrixSnapshotRecording : IDisposable
{
    private readonly RecordingWriter _writer;
    private readonly string[] _metrics;
    private readonly int[] _pre;
    private readonly int[] _post;
    private bool _disposed;

    /// <summary>Creates the file and writes its header.</summary>
    /// <param name="path">The recording to write.</param>
    /// <param name="name">The matrix's name (the learner's): the rate projection's name in the header.</param>
    /// <param name="units">Rows: units that learn.</param>
    /// <param name="features">Columns: inputs per unit.</param>
    /// <param name="fieldWidth">Width of a unit's weights shown as an image (0 when they are not one).</param>
    /// <param name="fieldHeight">Height of that image; <paramref name="fieldWidth"/> × <paramref name="fieldHeight"/> is <paramref name="features"/>, or both are 0.</param>
    /// <param name="dt">Seconds of recording per step, which sets how fast a replay plays.</param>
    /// <param name="seed">The seed of the initial weights and the order.</param>
    /// <param name="learner">What learned and what a step is, for <see cref="RecordingHeader.Learner"/>.</param>
    /// <param name="metrics">The names of the metrics recorded.</param>
    /// <param name="activity">What the units' activity is (e.g. <c>relu(h)</c>): the state stream's variable; null records none.</param>
    /// <param name="activityEvery">Steps between two records of the activity (the snapshots'), as the state stream says.</param>
    public MatrixSnapshotRecording(string path, string name, int units, int features, int fieldWidth, int fieldHeight, double dt, ulong seed,
        string learner, IEnumerable<string> metrics, string? activity = null, int activityEvery = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (fieldWidth < 0 || fieldHeight < 0 || (fieldWidth * fieldHeight != 0 && (long)fieldWidth * fieldHeight != features))
            throw new ArgumentException($"receptive fields of {fieldWidth}×{fieldHeight} = {(long)fieldWidth * fieldHeight} weights do not fit {features} features", nameof(fieldWidth));
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "a step lasts a positive, finite time");
        ArgumentNullException.ThrowIfNull(metrics);
        if (activity is not null) ArgumentException.ThrowIfNullOrWhiteSpace(activity);
        ArgumentOutOfRangeException.ThrowIfLessThan(activityEvery, 1);
        _metrics = [.. metrics];
        HasActivity = activity is not null;
        if (_metrics.Distinct(StringComparer.Ordinal).Count() != _metrics.Length) throw new ArgumentException("each metric is named once", nameof(metrics));
        (Units, Features) = (units, features);
        var header = new RecordingHeader
        {
            DendraVersion = typeof(MatrixSnapshotRecording).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            Dt = dt, Seed = seed, Precision = "float32", Backend = "learner",
            StartTime = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            Populations =
            [
                new PopulationDescription { Name = "input", Size = features, Model = "features" },
                new PopulationDescription { Name = "units", Size = units, Model = name },
            ],
            RateProjections =
            [
                new RateProjectionDescription
                {
                    Name = name, Pre = 0, PreStart = 0, PreCount = features, Post = 1, PostStart = 0, PostCount = units,
                    Rule = name, FieldWidth = fieldWidth, FieldHeight = fieldHeight,
                },
            ],
            WeightStreams = [new WeightStream { Projection = 0, Variable = "w", Every = 1, OfRateProjection = true }],
            StateStreams = activity is null ? [] : [new StateStream { Population = 1, Variable = activity, Neurons = [.. Enumerable.Range(0, units)], Every = activityEvery }],
            MetricStreams = _metrics,
            Learner = learner ?? "",
        };
        // Every snapshot names each weight's unit and input, as a network's does; they are the same each time.
        _pre = new int[units * features];
        _post = new int[units * features];
        for (int e = 0; e < _pre.Length; e++) (_pre[e], _post[e]) = (e % features, e / features);
        _writer = new RecordingWriter(path, header, queueCapacity: 4);
        Path = path;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Rows of the matrix.</summary>
    public int Units { get; }

    /// <summary>Columns of the matrix.</summary>
    public int Features { get; }

    /// <summary>True when the recording holds the units' activity (it was created with an activity quantity).</summary>
    public bool HasActivity { get; }

    /// <summary>Records the units' activity in the minibatch that ended at <paramref name="step"/>: <paramref name="images"/>
    /// rows of <see cref="Units"/> values (row-major [image, unit]; copied), one sample of the activity stream each.</summary>
    /// <exception cref="InvalidOperationException">The recording was created without an activity quantity.</exception>
    public void Activity(long step, int images, ReadOnlySpan<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!HasActivity) throw new InvalidOperationException($"the recording '{Path}' was created without an activity quantity: it records no activity");
        ArgumentOutOfRangeException.ThrowIfLessThan(images, 1);
        if (values.Length != (long)images * Units) throw new ArgumentException($"{values.Length} values given for the activity of {images} images × {Units} units", nameof(values));
        var steps = new long[images];
        Array.Fill(steps, step);
        _writer.Add(ChunkKind.State, 0, step, step, images, new StateChunk { Steps = steps, Single = values.ToArray() });
    }

    /// <summary>Snapshots <paramref name="weights"/> (row-major, units × features; copied) at <paramref name="step"/>.</summary>
    public void Snapshot(long step, ReadOnlySpan<float> weights)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (weights.Length != _pre.Length) throw new ArgumentException($"{weights.Length} weights given to a recording of {Units} × {Features}", nameof(weights));
        _writer.Add(ChunkKind.Weights, 0, step, step, _pre.Length, new WeightChunk { Pre = _pre, Post = _post, Single = weights.ToArray() });
    }

    /// <summary>Records <paramref name="value"/> of the metric <paramref name="name"/> at <paramref name="step"/>, after <paramref name="samples"/> training samples.</summary>
    public void Metric(string name, double value, long step, long samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int stream = Array.IndexOf(_metrics, name);
        if (stream < 0) throw new ArgumentException($"the recording '{Path}' was created without a metric '{name}'; its metrics: {string.Join(", ", _metrics)}", nameof(name));
        _writer.Add(ChunkKind.Metric, stream, step, step, 1, new MetricChunk { Samples = samples, Value = value });
    }

    /// <summary>Writes the index footer and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _writer.Dispose();
    }
}

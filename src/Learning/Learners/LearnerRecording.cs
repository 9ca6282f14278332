using Dendra.Learning.Training;
using Dendra.Simulator.Recording;

namespace Dendra.Learning.Learners;

/// <summary>
/// Records a training run of a learner into a <c>.dnr</c> file (<see cref="MatrixSnapshotRecording"/>) as it goes: the
/// weights at the start and then every <see cref="SnapshotCadence.Every"/> minibatches and at the end, each stamped with
/// the minibatches learned so far; beside each snapshot after the start, when the learner has activity to show
/// (<see cref="Learner.ActivityQuantity"/>), its units' activity in the minibatch just learned
/// (<see cref="Learner.LatestActivity"/>, at most <see cref="LearnerActivity.ImagesShown"/> images); the learner's metric
/// (when it has one) at every evaluation of the schedule (every N epochs or samples), with the samples learned from before
/// it; and after every epoch the epoch's mean of each quantity it observes. <c>dendra replay</c> then plays the receptive
/// fields forming beside that activity, one snapshot per 10 ms of recording (its default frame interval), and
/// <c>dendra plot --what learning</c> draws the metrics.
/// </summary>
/// <remarks>The file is opened after the first minibatch, when the learner has said what it observes (the header names
/// every metric); a quantity first observed later is not recorded.</remarks>
public sealed class LearnerRecording : ILearnerWatcher, IDisposable
{
    /// <summary>Seconds of recording between two snapshots: a replay's default frame interval, so that each frame shows the next snapshot.</summary>
    public const double SecondsPerSnapshot = 0.01;

    private readonly string _path;
    private readonly int _fieldWidth;
    private readonly int _fieldHeight;
    private readonly ulong _seed;
    private MatrixSnapshotRecording? _file;
    private float[]? _start;
    private readonly List<(long Minibatches, long Samples, double Metric)> _unwritten = [];
    private HashSet<string> _fileMetrics = [];
    private bool _hasMetric;
    private bool _disposed;

    /// <summary>Records into <paramref name="path"/>; each unit's weights are a <paramref name="fieldWidth"/> ×
    /// <paramref name="fieldHeight"/> image (0 × 0: a square one when the features are a square number, else none).</summary>
    public LearnerRecording(string path, int seed, int fieldWidth = 0, int fieldHeight = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        (_fieldWidth, _fieldHeight, _seed) = (fieldWidth, fieldHeight, unchecked((ulong)seed));
    }

    /// <summary>Snapshots written.</summary>
    public int Snapshots { get; private set; }

    /// <summary>Minibatches between snapshots (known once training starts; 0 before).</summary>
    public int Every { get; private set; }

    /// <inheritdoc/>
    public void Started(LearnerStep step, double metric)
    {
        ArgumentNullException.ThrowIfNull(step);
        Every = SnapshotCadence.Every(step.TotalMinibatches);
        _start = (float[])step.Learner.Weights.Clone();
        _hasMetric = double.IsFinite(metric); // a learner without a metric measures NaN: no stream for it
        if (step.TotalMinibatches == 0) Open(step);
    }

    /// <inheritdoc/>
    public void Evaluated(LearnerStep step, Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(evaluation);
        double metric = evaluation.Metrics.TryGetValue(step.Learner.Metric, out double value) ? value : double.NaN;
        // Measured before the file is open (before training, or after the first minibatch): written when it opens.
        if (_file is null) _unwritten.Add((step.Minibatches, evaluation.Samples, metric));
        else if (_hasMetric && double.IsFinite(metric)) _file.Metric(step.Learner.Metric, metric, step.Minibatches, evaluation.Samples);
    }

    /// <inheritdoc/>
    public void Learned(LearnerStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (_file is null) Open(step);
        if (SnapshotCadence.IsSnapshot(step)) Snapshot(step);
    }

    /// <inheritdoc/>
    public void EpochEnded(LearnerStep step, LearnerEpoch epoch)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(epoch);
        if (_file is null) return;
        foreach (var (name, mean) in epoch.Observations)
            if (name != step.Learner.Metric && _fileMetrics.Contains(name)) _file.Metric(name, mean, step.Minibatches, step.Samples);
    }

    private void Open(LearnerStep step)
    {
        var learner = step.Learner;
        var (width, height) = (_fieldWidth, _fieldHeight);
        if (width * height == 0)
        {
            int side = (int)Math.Round(Math.Sqrt(learner.Features));
            (width, height) = side * side == learner.Features ? (side, side) : (0, 0);
        }
        var metrics = _hasMetric ? new List<string> { learner.Metric } : [];
        metrics.AddRange(learner.ObservedSoFar().Select(o => o.Name).Where(n => n != learner.Metric));
        _fileMetrics = [.. metrics];
        _file = new MatrixSnapshotRecording(_path, learner.Name, learner.Units, learner.Features, width, height, SecondsPerSnapshot / Every, _seed,
            $"{learner.Name}: {learner.Units} units x {learner.Features} features, one step = one minibatch of {step.BatchSize} samples, weights every {Every} minibatches",
            metrics, learner.ActivityQuantity, Every);
        if (_start is { } start)
        {
            _file.Snapshot(0, start);
            Snapshots++;
            _start = null;
        }
        foreach (var (minibatches, samples, metric) in _unwritten)
            if (_hasMetric && double.IsFinite(metric)) _file.Metric(learner.Metric, metric, minibatches, samples);
        _unwritten.Clear();
    }

    private void Snapshot(LearnerStep step)
    {
        _file!.Snapshot(step.Minibatches, step.Learner.Weights);
        if (_file.HasActivity && step.Learner.LatestActivity() is { } activity) _file.Activity(step.Minibatches, activity.Images, activity.Values);
        Snapshots++;
    }

    /// <summary>Writes the index footer and closes the file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _file?.Dispose();
    }
}

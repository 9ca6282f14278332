using System.Globalization;
using System.Text;
using Dendra.Learning.Learners;
using Dendra.Learning.Training;
using Dendra.Render.Activity;
using Dendra.Render.Views;

namespace Dendra.Cli.Reporting;

/// <summary>
/// Shows a learner's training: when <c>wanted</c> says so after a minibatch (a window ready for a frame, a frame due),
/// copies the learner's weights into a receptive-field mosaic (one tile per unit, square when its features are a square
/// number) and, when the learner has any, its units' activity in the minibatch just learned (an images × units raster
/// beside the mosaic), with a status line (epoch, minibatch, samples/s, what the learner observes) and hands it on.
/// Between two such minibatches it costs a delegate call.
/// </summary>
internal sealed class LearnerFrames(Func<LearnerStep, bool> wanted, Action<ActivitySnapshot> show) : ILearnerWatcher
{
    private LearnerEpoch? _lastEpoch;
    private double _lastMetric = double.NaN;

    /// <summary>The last step this watcher was told of; null before training starts.</summary>
    public LearnerStep? LastStep { get; private set; }

    /// <summary>The views that show a learner: its receptive-field mosaic, and beside it its units' activity when it has any.</summary>
    public static IReadOnlyList<IView> Views(Learner learner) => learner.ActivityQuantity is { } quantity
        ? [new ReceptiveFieldView(learner.Name), new UnitActivityView(learner.Name, quantity)]
        : [new ReceptiveFieldView(learner.Name)];

    /// <summary>The width and height of one unit's tile: a square when the features are a square number (28 × 28 for MNIST), else one row.</summary>
    public static (int Width, int Height) TileShape(int features)
    {
        int side = (int)Math.Round(Math.Sqrt(features));
        return side * side == features ? (side, side) : (features, 1);
    }

    /// <inheritdoc/>
    public void Started(LearnerStep step, double metric)
    {
        LastStep = step;
        if (wanted(step)) show(Snapshot(step));
    }

    /// <inheritdoc/>
    public void Learned(LearnerStep step)
    {
        LastStep = step;
        if (wanted(step)) show(Snapshot(step));
    }

    /// <inheritdoc/>
    public void Evaluated(LearnerStep step, Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(evaluation);
        if (evaluation.Metrics.TryGetValue(step.Learner.Metric, out double metric)) _lastMetric = metric;
    }

    /// <inheritdoc/>
    public void EpochEnded(LearnerStep step, LearnerEpoch epoch) => _lastEpoch = epoch;

    /// <summary>What the views show at <paramref name="step"/>; <paramref name="finished"/> marks the last.</summary>
    public ActivitySnapshot Snapshot(LearnerStep step, bool finished = false)
    {
        ArgumentNullException.ThrowIfNull(step);
        var learner = step.Learner;
        var (width, height) = TileShape(learner.Features);
        var fields = new ReceptiveFields(learner.Name, learner.Units, width, height, (float[])learner.Weights.Clone());
        var status = new RunStatus(0, double.NaN, double.NaN, "learner", Finished: finished) { Description = Describe(step) };
        // Before the first minibatch (and for a learner without any) there is no activity: the panel stays empty.
        IReadOnlyList<UnitActivity> activity = learner.LatestActivity() is { } a ? [new UnitActivity(learner.Name, a.Quantity, a.Images, a.Units, a.Values)] : [];
        return new ActivitySnapshot(1, 0, 1, [], status) { Fields = [fields], Activities = activity };
    }

    private string Describe(LearnerStep step)
    {
        var text = new StringBuilder();
        void Add(FormattableString part) => text.Append(text.Length > 0 ? "   " : "").Append(part.ToString(CultureInfo.InvariantCulture));
        Add($"{step.Learner.Name}");
        Add($"epoch {Math.Max(1, step.Epoch)}/{step.Epochs}");
        Add($"minibatch {step.MinibatchOfEpoch}/{step.MinibatchesPerEpoch}");
        if (double.IsFinite(step.SamplesPerSecond)) Add($"{step.SamplesPerSecond:0} samples/s");
        if (double.IsFinite(_lastMetric)) Add($"{step.Learner.Metric} {_lastMetric:0.####}");
        // The epoch under way, or the last one's when it has just ended.
        var observed = step.Learner.ObservedSoFar();
        if (observed.Count == 0 && _lastEpoch is not null) observed = _lastEpoch.Observations;
        foreach (var (name, mean) in observed) Add($"{name} {mean:0.###}");
        return text.ToString();
    }
}

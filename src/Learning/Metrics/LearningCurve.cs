namespace Dendra.Learning.Metrics;

/// <summary>
/// A metric measured during training: one point per evaluation, against epochs or training samples seen. What a
/// learning-curve plot draws and what <c>dendra compare</c> sets side by side.
/// </summary>
/// <param name="Name">What learned: a learner or variant name, the legend's label.</param>
/// <param name="Metric">What was measured, with its unit where it has one ("accuracy", "loss (nats)").</param>
/// <param name="Progress">What the points are measured against: "epoch" or "samples".</param>
public sealed record LearningCurve(string Name, string Metric = "accuracy", string Progress = "epoch")
{
    private readonly List<(double Progress, double Value)> _points = [];

    /// <summary>The points in the order they were added.</summary>
    public IReadOnlyList<(double Progress, double Value)> Points => _points;

    /// <summary>Adds a point: the metric's <paramref name="value"/> after <paramref name="progress"/> epochs or samples.</summary>
    /// <exception cref="ArgumentException">A progress that is not finite, or that goes back.</exception>
    public void Add(double progress, double value)
    {
        if (!double.IsFinite(progress)) throw new ArgumentException($"{Name}: the {Progress} of a point must be a finite number, not {progress}", nameof(progress));
        if (_points.Count > 0 && progress < _points[^1].Progress)
            throw new ArgumentException($"{Name}: a point at {Progress} {progress} after one at {_points[^1].Progress}: a learning curve goes forward", nameof(progress));
        _points.Add((progress, value));
    }

    /// <summary>The last value, NaN when there is none.</summary>
    public double Final => _points.Count == 0 ? double.NaN : _points[^1].Value;
}

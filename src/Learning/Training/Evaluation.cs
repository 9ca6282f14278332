namespace Dendra.Learning.Training;

/// <summary>One point of a learning curve: the metrics an evaluation produced after <paramref name="Samples"/> samples.</summary>
/// <param name="Samples">Training samples shown before the evaluation (over all epochs).</param>
/// <param name="Epochs">How far training had got, in (fractional) epochs.</param>
/// <param name="Metrics">Each metric by name (e.g. <c>accuracy</c>).</param>
public sealed record Evaluation(long Samples, double Epochs, IReadOnlyDictionary<string, double> Metrics);

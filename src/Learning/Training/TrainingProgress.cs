namespace Dendra.Learning.Training;

/// <summary>How far a training run has got, reported after every presentation (a value type: reporting allocates nothing).</summary>
/// <param name="Epoch">The epoch under way, from 0 (equal to <paramref name="Epochs"/> once training is done).</param>
/// <param name="Epochs">Epochs the run trains for.</param>
/// <param name="SamplesInEpoch">Samples shown so far in this epoch.</param>
/// <param name="SamplesPerEpoch">Samples shown in each epoch (whole minibatches only).</param>
/// <param name="SamplesPerSecond">Samples shown per second of wall time in this run (since the start or the resume).</param>
/// <param name="SecondsLeft">Estimated wall seconds to the end, from the rate so far (NaN before the first presentation).</param>
/// <param name="Metric">The name of the latest evaluated metric (null before the first evaluation).</param>
/// <param name="MetricValue">Its value (NaN before the first evaluation).</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int SamplesInEpoch, int SamplesPerEpoch,
    double SamplesPerSecond, double SecondsLeft, string? Metric, double MetricValue)
{
    /// <summary>Fraction of the whole run done, 0 to 1.</summary>
    public double Fraction => Epochs == 0 ? 1 : Math.Min(1, (Epoch + (double)SamplesInEpoch / Math.Max(1, SamplesPerEpoch)) / Epochs);
}

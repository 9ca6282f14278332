namespace Dendra.Learning.Learners;

/// <summary>Where a training run of a learner stands, as its watchers (<see cref="ILearnerWatcher"/>) are told.</summary>
/// <param name="Learner">The learner being trained.</param>
/// <param name="Minibatches">Minibatches learned from so far, over all epochs (0 before the first): the step that a
/// learner's recording stamps its snapshots with.</param>
/// <param name="Epoch">The epoch under way (from 1), or 0 before training.</param>
/// <param name="Epochs">Epochs of the whole run.</param>
/// <param name="MinibatchesPerEpoch">Minibatches in one epoch.</param>
/// <param name="BatchSize">Samples per minibatch.</param>
/// <param name="Samples">Samples learned from so far.</param>
/// <param name="LearningSeconds">Wall time of the learning steps so far, without evaluations and watchers.</param>
public sealed record LearnerStep(Learner Learner, long Minibatches, int Epoch, int Epochs, int MinibatchesPerEpoch, int BatchSize, long Samples, double LearningSeconds)
{
    /// <summary>Minibatches of the whole run.</summary>
    public long TotalMinibatches => (long)MinibatchesPerEpoch * Epochs;

    /// <summary>The minibatch within the epoch under way, from 1 (0 before training).</summary>
    public int MinibatchOfEpoch => Minibatches == 0 ? 0 : (int)((Minibatches - 1) % MinibatchesPerEpoch) + 1;

    /// <summary>Samples learned from per second of learning so far; NaN before any.</summary>
    public double SamplesPerSecond => LearningSeconds > 0 ? Samples / LearningSeconds : double.NaN;
}

using Dendra.Learning.Training;

namespace Dendra.Learning.Learners;

/// <summary>
/// Something that follows a training run of a learner (<see cref="LearnerTraining.Run"/>) as it goes: a window that draws
/// its receptive fields, a recording of its weights. It is told on the training thread, after the initial weights are set,
/// after every minibatch, after every evaluation and after every epoch; what it does there is time the training waits for, so it keeps the
/// per-minibatch call cheap (a counter) and reads <see cref="Learner.Weights"/> (a copy, or a device download) only now and then.
/// </summary>
public interface ILearnerWatcher
{
    /// <summary>The weights are initialised and the metric measured before training (<paramref name="metric"/>, NaN when none).</summary>
    void Started(LearnerStep step, double metric);

    /// <summary>One more minibatch was learned from.</summary>
    void Learned(LearnerStep step);

    /// <summary>The metric was measured (before training, at the schedule's cadence, after the last epoch):
    /// <paramref name="evaluation"/> has the samples learned from before it and the metric under the learner's
    /// <see cref="Learner.Metric"/> name (NaN when the learner has none). It comes before <see cref="Started"/> for the
    /// measurement before training, and before <see cref="Learned"/> for one after a minibatch.</summary>
    void Evaluated(LearnerStep step, Evaluation evaluation);

    /// <summary>An epoch ended: <paramref name="epoch"/> has its metric and what the learner observed in it.</summary>
    void EpochEnded(LearnerStep step, LearnerEpoch epoch);
}

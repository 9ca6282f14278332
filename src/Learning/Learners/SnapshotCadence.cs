namespace Dendra.Learning.Learners;

/// <summary>
/// How often the weights of a training run are copied out for a recording or rendered frames: every
/// <see cref="Every"/> minibatches, so that a run of any length gives about <see cref="Snapshots"/> of them (never
/// more than one per minibatch), plus the initial weights and the last. Copying the weights each minibatch would cost
/// as much as a small learning step; about 200 pictures show a mosaic forming as smoothly as a video needs (7 s at 30
/// frames per second) and keep a 100-unit MNIST recording under about 100 MB.
/// </summary>
public static class SnapshotCadence
{
    /// <summary>Snapshots a run gives, about.</summary>
    public const int Snapshots = 200;

    /// <summary>Minibatches between two snapshots of a run of <paramref name="totalMinibatches"/> minibatches: at least one.</summary>
    public static int Every(long totalMinibatches) => (int)Math.Clamp((totalMinibatches + Snapshots - 1) / Snapshots, 1, int.MaxValue);

    /// <summary>Whether the step after a minibatch is one to snapshot: a multiple of <see cref="Every"/>, or the last.</summary>
    public static bool IsSnapshot(LearnerStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Minibatches % Every(step.TotalMinibatches) == 0 || step.Minibatches == step.TotalMinibatches;
    }
}

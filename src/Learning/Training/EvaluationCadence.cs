namespace Dendra.Learning.Training;

/// <summary>
/// How often a training run measures its learning curve: every N training samples, or every N epochs, and in either
/// case after the last epoch. The one cadence of the <see cref="Trainer"/> and of a learner's training run
/// (<c>LearnerSchedule.EvaluateEvery</c>), so that both make their curves the same way.
/// </summary>
/// <remarks>
/// An evaluation falls after whole minibatches: every N samples is exact when N is a multiple of the minibatch size, and
/// otherwise comes after the first minibatch that takes the samples seen past a multiple of N.
/// </remarks>
public readonly record struct EvaluationCadence
{
    private EvaluationCadence(int everySamples, int everyEpochs) => (EverySamples, EveryEpochs) = (everySamples, everyEpochs);

    /// <summary>Training samples between two evaluations; 0 when the cadence counts epochs.</summary>
    public int EverySamples { get; }

    /// <summary>Epochs between two evaluations; 0 when the cadence counts samples.</summary>
    public int EveryEpochs { get; }

    /// <summary>Every <paramref name="samples"/> training samples (and after the last epoch).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is less than 1.</exception>
    public static EvaluationCadence Samples(int samples) => samples >= 1
        ? new(samples, 0)
        : throw new ArgumentOutOfRangeException(nameof(samples), samples, $"evaluate every 1 sample or more, not {samples}");

    /// <summary>Every <paramref name="epochs"/> epochs (and after the last).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is less than 1.</exception>
    public static EvaluationCadence Epochs(int epochs) => epochs >= 1
        ? new(0, epochs)
        : throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"evaluate every 1 epoch or more, not {epochs}");

    /// <summary>True for the default value (<c>default(EvaluationCadence)</c>), which evaluates only after the last epoch.</summary>
    public bool IsEndOnly => EverySamples == 0 && EveryEpochs == 0;

    /// <summary>Whether an evaluation is due after a minibatch of <paramref name="batch"/> samples that took the samples
    /// seen to <paramref name="samplesSeen"/>: it took them past a multiple of <see cref="EverySamples"/>.</summary>
    public bool DueAfterMinibatch(long samplesSeen, int batch) =>
        EverySamples > 0 && samplesSeen / EverySamples != (samplesSeen - batch) / EverySamples;

    /// <summary>Whether an evaluation is due at the end of epoch <paramref name="epoch"/> (from 1) of a run of
    /// <paramref name="epochs"/>: a multiple of <see cref="EveryEpochs"/>, or the last epoch.</summary>
    public bool DueAfterEpoch(int epoch, int epochs) => (EveryEpochs > 0 && epoch % EveryEpochs == 0) || epoch == epochs;

    /// <summary>"every 3 epochs", "every 10000 samples", "after the last epoch".</summary>
    public override string ToString() => EverySamples > 0 ? $"every {EverySamples} samples"
        : EveryEpochs > 0 ? $"every {EveryEpochs} epoch{(EveryEpochs == 1 ? "" : "s")}" : "after the last epoch";
}

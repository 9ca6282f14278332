namespace Dendra.Learning.Datasets;

/// <summary>
/// Labelled samples: one float32 row of <see cref="Features"/> values per sample (all rows in one row-major array) and
/// a class index per sample. Images, or any representation a network computed from them.
/// </summary>
public sealed class LabeledSet
{
    /// <summary>Creates a set over <paramref name="inputs"/> (not copied).</summary>
    /// <param name="inputs">Row-major, <paramref name="features"/> values per sample.</param>
    /// <param name="labels">The class of each sample, 0 to <paramref name="classes"/> − 1.</param>
    /// <param name="features">Values per sample.</param>
    /// <param name="classes">Number of classes.</param>
    /// <exception cref="ArgumentException">Sizes that do not match, or a label out of range (the message names the first).</exception>
    public LabeledSet(float[] inputs, int[] labels, int features, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if ((long)labels.Length * features != inputs.Length)
            throw new ArgumentException($"{inputs.Length} input values are not {labels.Length} samples (one per label) of {features} features each", nameof(inputs));
        for (int k = 0; k < labels.Length; k++)
        {
            if ((uint)labels[k] >= (uint)classes)
                throw new ArgumentException($"label {labels[k]} of sample {k} is out of range: with {classes} classes a label is 0 to {classes - 1}", nameof(labels));
        }
        Inputs = inputs;
        Labels = labels;
        Features = features;
        Classes = classes;
    }

    /// <summary>All rows, row-major: sample k is <c>Inputs[k*Features .. (k+1)*Features]</c>.</summary>
    public float[] Inputs { get; }

    /// <summary>The class index of each sample.</summary>
    public int[] Labels { get; }

    /// <summary>Values per sample.</summary>
    public int Features { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>The row of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => Inputs.AsSpan(index * Features, Features);

    /// <summary>The samples at <paramref name="indices"/>, in that order, copied into a new set.</summary>
    public LabeledSet Subset(IReadOnlyList<int> indices)
    {
        var inputs = GC.AllocateUninitializedArray<float>(indices.Count * Features);
        var labels = new int[indices.Count];
        for (int k = 0; k < indices.Count; k++)
        {
            Row(indices[k]).CopyTo(inputs.AsSpan(k * Features, Features));
            labels[k] = Labels[indices[k]];
        }
        return new LabeledSet(inputs, labels, Features, Classes);
    }

    /// <summary>
    /// Splits off a validation set of <paramref name="validationCount"/> samples drawn at random (by
    /// <paramref name="seed"/>); the rest, in their original order, is the training set. Choose hyper-parameters on
    /// the validation set, never on a test set.
    /// </summary>
    public (LabeledSet Train, LabeledSet Validation) Split(int validationCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validationCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(validationCount, Count);
        var order = SeededShuffle.Permutation(Count, seed);
        var validation = order[..validationCount];
        var train = order[validationCount..];
        Array.Sort(validation);
        Array.Sort(train);
        return (Subset(train), Subset(validation));
    }

    /// <summary>The same samples in an order drawn by <paramref name="seed"/>.</summary>
    public LabeledSet Shuffled(int seed) => Subset(SeededShuffle.Permutation(Count, seed));

    /// <summary>
    /// The samples in minibatches of <paramref name="batchSize"/> (the last one smaller when the count is not a
    /// multiple), in order, or shuffled by <paramref name="seed"/> when it is given.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not at least 1.</exception>
    public IEnumerable<Minibatch> Batches(int batchSize, int? seed = null)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"a batch size must be at least 1, not {batchSize}");
        return Enumerate(batchSize, seed is { } s ? SeededShuffle.Permutation(Count, s) : null);
    }

    private IEnumerable<Minibatch> Enumerate(int batchSize, int[]? order)
    {
        for (int first = 0; first < Count; first += batchSize)
        {
            int size = Math.Min(batchSize, Count - first);
            var inputs = GC.AllocateUninitializedArray<float>(size * Features);
            var labels = new int[size];
            for (int k = 0; k < size; k++)
            {
                int sample = order is null ? first + k : order[first + k];
                Row(sample).CopyTo(inputs.AsSpan(k * Features, Features));
                labels[k] = Labels[sample];
            }
            yield return new Minibatch(inputs, labels, Features, Classes);
        }
    }
}

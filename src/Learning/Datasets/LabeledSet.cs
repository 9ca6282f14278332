namespace Dendra.Learning.Datasets;

/// <summary>
/// Labelled samples: one row of <see cref="Features"/> float32 values per sample and a class index per sample. Images,
/// or any representation a network computed from them.
/// </summary>
/// <remarks>
/// A set holds its rows either as float32 (any values) or as bytes that stand for <c>byte / 255</c> (images, as MNIST
/// comes): a quarter of the memory, which is what makes loading MNIST fast, since a fresh process pays a page fault per
/// 4 KB it touches. Rows of a byte set are converted when they are read: by <see cref="CopyRow"/>, by
/// <see cref="Batches"/> one minibatch at a time, or all at once by <see cref="Inputs"/>. Either kind gives the same
/// float32 values bit for bit.
/// </remarks>
public sealed class LabeledSet
{
    // Exactly one of the two holds the rows, row-major.
    private readonly float[]? _floats;
    private readonly byte[]? _bytes;
    private float[]? _converted;

    /// <summary>Creates a set over float32 rows <paramref name="inputs"/> (not copied).</summary>
    /// <param name="inputs">Row-major, <paramref name="features"/> values per sample.</param>
    /// <param name="labels">The class of each sample, 0 to <paramref name="classes"/> − 1.</param>
    /// <param name="features">Values per sample.</param>
    /// <param name="classes">Number of classes.</param>
    /// <exception cref="ArgumentException">Sizes that do not match, or a label out of range (the message names the first).</exception>
    public LabeledSet(float[] inputs, int[] labels, int features, int classes)
        : this(inputs, null, inputs.Length, labels, features, classes)
    {
    }

    private LabeledSet(float[]? floats, byte[]? bytes, long length, int[] labels, int features, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if ((long)labels.Length * features != length)
            throw new ArgumentException($"{length} input values are not {labels.Length} samples (one per label) of {features} features each", "inputs");
        for (int k = 0; k < labels.Length; k++)
        {
            if ((uint)labels[k] >= (uint)classes)
                throw new ArgumentException($"label {labels[k]} of sample {k} is out of range: with {classes} classes a label is 0 to {classes - 1}", nameof(labels));
        }
        _floats = floats;
        _bytes = bytes;
        Labels = labels;
        Features = features;
        Classes = classes;
    }

    /// <summary>
    /// Creates a set over bytes (not copied) that stand for the values <c>byte / 255</c> in [0, 1]: pixels as a network
    /// takes them, kept at a quarter of the memory of float32 rows.
    /// </summary>
    /// <param name="pixels">Row-major, <paramref name="features"/> bytes per sample.</param>
    /// <param name="labels">The class of each sample, 0 to <paramref name="classes"/> − 1.</param>
    /// <param name="features">Values per sample.</param>
    /// <param name="classes">Number of classes.</param>
    /// <exception cref="ArgumentException">Sizes that do not match, or a label out of range (the message names the first).</exception>
    public static LabeledSet FromUnitIntervalBytes(byte[] pixels, int[] labels, int features, int classes) =>
        new(null, pixels, pixels.Length, labels, features, classes);

    /// <summary>
    /// All rows as float32, row-major: sample k is <c>Inputs[k*Features .. (k+1)*Features]</c>. For a set of bytes
    /// (<see cref="IsUnitIntervalBytes"/>) this converts every row once, on first use, and keeps the result (220 MB for
    /// MNIST's training set): prefer <see cref="CopyRow"/> or <see cref="Batches"/>, which convert what they are asked for.
    /// </summary>
    public float[] Inputs
    {
        get
        {
            if (_floats is not null) return _floats;
            if (_converted is null)
            {
                var all = GC.AllocateUninitializedArray<float>(_bytes!.Length);
                UnitIntervalBytes.Convert(_bytes, all);
                Interlocked.CompareExchange(ref _converted, all, null);
            }
            return _converted;
        }
    }

    /// <summary>True when the rows are held as bytes standing for <c>byte / 255</c> (<see cref="FromUnitIntervalBytes"/>).</summary>
    public bool IsUnitIntervalBytes => _bytes is not null;

    /// <summary>The class index of each sample.</summary>
    public int[] Labels { get; }

    /// <summary>Values per sample.</summary>
    public int Features { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>
    /// The row of sample <paramref name="index"/>: a view of the set's own array for float32 rows, a new converted copy for
    /// a set of bytes. In a loop over many rows, <see cref="CopyRow"/> into one buffer allocates nothing.
    /// </summary>
    public ReadOnlySpan<float> Row(int index)
    {
        if (_floats is not null) return _floats.AsSpan(index * Features, Features);
        var row = new float[Features];
        CopyRow(index, row);
        return row;
    }

    /// <summary>Writes the float32 values of sample <paramref name="index"/> into <paramref name="destination"/>
    /// (at least <see cref="Features"/> long).</summary>
    public void CopyRow(int index, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        if (destination.Length < Features) throw new ArgumentException($"a row of {Features} values does not fit in {destination.Length}", nameof(destination));
        if (_floats is not null) _floats.AsSpan(index * Features, Features).CopyTo(destination);
        else UnitIntervalBytes.Convert(_bytes.AsSpan(index * Features, Features), destination);
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order, copied into a new set of the same kind (bytes stay bytes).</summary>
    public LabeledSet Subset(IReadOnlyList<int> indices)
    {
        var labels = new int[indices.Count];
        for (int k = 0; k < indices.Count; k++) labels[k] = Labels[indices[k]];
        if (_bytes is not null)
        {
            var bytes = GC.AllocateUninitializedArray<byte>(indices.Count * Features);
            for (int k = 0; k < indices.Count; k++) _bytes.AsSpan(indices[k] * Features, Features).CopyTo(bytes.AsSpan(k * Features, Features));
            return FromUnitIntervalBytes(bytes, labels, Features, Classes);
        }
        var inputs = GC.AllocateUninitializedArray<float>(indices.Count * Features);
        for (int k = 0; k < indices.Count; k++) _floats.AsSpan(indices[k] * Features, Features).CopyTo(inputs.AsSpan(k * Features, Features));
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
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="seed">The seed of the order; in order when null.</param>
    /// <param name="reuseArrays">
    /// When true, every batch of full size is written into the same two arrays, so a batch is valid only until the next
    /// one is taken: for a training loop that is done with a batch before it asks for the next. It spares an epoch of
    /// MNIST 188 MB of fresh large arrays, whose first touch costs page faults. When false, each batch is new.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not at least 1.</exception>
    public IEnumerable<Minibatch> Batches(int batchSize, int? seed = null, bool reuseArrays = false)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"a batch size must be at least 1, not {batchSize}");
        return Enumerate(batchSize, seed is { } s ? SeededShuffle.Permutation(Count, s) : null, reuseArrays);
    }

    private IEnumerable<Minibatch> Enumerate(int batchSize, int[]? order, bool reuseArrays)
    {
        float[]? sharedInputs = null;
        int[]? sharedLabels = null;
        for (int first = 0; first < Count; first += batchSize)
        {
            int size = Math.Min(batchSize, Count - first);
            bool shared = reuseArrays && size == batchSize;
            var inputs = shared ? sharedInputs ??= GC.AllocateUninitializedArray<float>(size * Features) : GC.AllocateUninitializedArray<float>(size * Features);
            var labels = shared ? sharedLabels ??= new int[size] : new int[size];
            for (int k = 0; k < size; k++)
            {
                int sample = order is null ? first + k : order[first + k];
                CopyRow(sample, inputs.AsSpan(k * Features, Features));
                labels[k] = Labels[sample];
            }
            yield return new Minibatch(inputs, labels, Features, Classes);
        }
    }
}

namespace Dendra.Learning.Datasets;

/// <summary>A minibatch: <see cref="Count"/> rows of <paramref name="Features"/> float32 values and their labels.</summary>
/// <param name="Inputs">Row-major, <paramref name="Features"/> values per sample: what a network's input population is given.</param>
/// <param name="Labels">The class index of each sample.</param>
/// <param name="Features">Values per sample.</param>
/// <param name="Classes">Number of classes.</param>
public sealed record Minibatch(float[] Inputs, int[] Labels, int Features, int Classes)
{
    /// <summary>Samples in the batch.</summary>
    public int Count => Labels.Length;

    /// <summary>One-hot targets, row-major (<see cref="Count"/> × <see cref="Classes"/>).</summary>
    public float[] OneHot() => Targets.OneHot(Labels, Classes);

    /// <summary>±1 targets (+1 for the label's class, −1 elsewhere), row-major (<see cref="Count"/> × <see cref="Classes"/>).</summary>
    public float[] PlusMinusOne() => Targets.PlusMinusOne(Labels, Classes);
}

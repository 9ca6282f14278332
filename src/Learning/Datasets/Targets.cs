namespace Dendra.Learning.Datasets;

/// <summary>Labels turned into target vectors, one row of <c>classes</c> values per label.</summary>
public static class Targets
{
    /// <summary>1 for the label's class, 0 elsewhere.</summary>
    /// <exception cref="ArgumentException">A label outside 0 to <paramref name="classes"/> − 1.</exception>
    public static float[] OneHot(IReadOnlyList<int> labels, int classes) => Coded(labels, classes, on: 1f, off: 0f);

    /// <summary>+1 for the label's class, −1 elsewhere: the targets of a readout with tanh outputs (Krotov &amp; Hopfield).</summary>
    /// <exception cref="ArgumentException">A label outside 0 to <paramref name="classes"/> − 1.</exception>
    public static float[] PlusMinusOne(IReadOnlyList<int> labels, int classes) => Coded(labels, classes, on: 1f, off: -1f);

    private static float[] Coded(IReadOnlyList<int> labels, int classes, float on, float off)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        var targets = new float[labels.Count * classes];
        targets.AsSpan().Fill(off);
        for (int k = 0; k < labels.Count; k++)
        {
            if ((uint)labels[k] >= (uint)classes)
                throw new ArgumentException($"label {labels[k]} of sample {k} is out of range: with {classes} classes a label is 0 to {classes - 1}", nameof(labels));
            targets[k * classes + labels[k]] = on;
        }
        return targets;
    }
}

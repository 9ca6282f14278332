using Dendra.Learning.Datasets;
using System.Numerics.Tensors;

namespace Dendra.Learning.Readouts;

/// <summary>What a classifier answers: the class of highest score, for one row or a whole set.</summary>
public static class Classify
{
    /// <summary>The class with the highest score for <paramref name="row"/> (the first of equal ones).</summary>
    public static int Predict(this IClassifier classifier, ReadOnlySpan<float> row)
    {
        CheckRow(classifier, row.Length);
        Span<float> scores = classifier.Classes <= 256 ? stackalloc float[classifier.Classes] : new float[classifier.Classes];
        classifier.Scores(row, scores);
        return TensorPrimitives.IndexOfMax(scores);
    }

    /// <summary>The predicted class of every sample of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">The set's rows or classes are not the classifier's.</exception>
    public static int[] Predict(this IClassifier classifier, LabeledSet data)
    {
        CheckRow(classifier, data.Features);
        if (data.Classes != classifier.Classes) throw new ArgumentException($"the set has {data.Classes} classes, the classifier {classifier.Classes}", nameof(data));
        var predictions = new int[data.Count];
        // Each sample on its own: the answer does not depend on how the samples are shared out between threads. One row
        // buffer per thread, since a set of bytes converts each row as it is read.
        Parallel.For(0, data.Count, () => new float[data.Features], (k, _, row) =>
        {
            data.CopyRow(k, row);
            predictions[k] = classifier.Predict(row);
            return row;
        }, _ => { });
        return predictions;
    }

    /// <summary>The confusion matrix of <paramref name="classifier"/> on <paramref name="data"/>.</summary>
    public static ConfusionMatrix Evaluate(this IClassifier classifier, LabeledSet data) =>
        new(data.Labels, classifier.Predict(data), data.Classes);

    private static void CheckRow(IClassifier classifier, int length)
    {
        if (length != classifier.Features)
            throw new ArgumentException($"a row of {length} values given to a classifier of {classifier.Features} features");
    }
}

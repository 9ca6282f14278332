using System.Globalization;
using System.Text;

namespace Dendra.Learning.Readouts;

/// <summary>
/// How often each class was taken for each other: <see cref="Counts"/>[actual, predicted]. The diagonal holds the
/// right answers.
/// </summary>
public sealed class ConfusionMatrix
{
    /// <summary>Counts the pairs (<paramref name="actual"/>[k], <paramref name="predicted"/>[k]).</summary>
    /// <exception cref="ArgumentException">Lists of different lengths, or a class outside 0 to <paramref name="classes"/> − 1.</exception>
    public ConfusionMatrix(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (actual.Count != predicted.Count) throw new ArgumentException($"{actual.Count} actual labels but {predicted.Count} predictions", nameof(predicted));
        Counts = new int[classes, classes];
        for (int k = 0; k < actual.Count; k++)
        {
            if ((uint)actual[k] >= (uint)classes) throw new ArgumentException($"label {actual[k]} of sample {k} is out of range: with {classes} classes a label is 0 to {classes - 1}", nameof(actual));
            if ((uint)predicted[k] >= (uint)classes) throw new ArgumentException($"prediction {predicted[k]} of sample {k} is out of range: with {classes} classes a label is 0 to {classes - 1}", nameof(predicted));
            Counts[actual[k], predicted[k]]++;
        }
        Total = actual.Count;
    }

    /// <summary>Samples counted.</summary>
    public int Total { get; }

    /// <summary>Number of classes.</summary>
    public int Classes => Counts.GetLength(0);

    /// <summary>[actual, predicted]: samples of class <c>actual</c> taken for <c>predicted</c>.</summary>
    public int[,] Counts { get; }

    /// <summary>Samples answered right.</summary>
    public int Correct => Enumerable.Range(0, Classes).Sum(c => Counts[c, c]);

    /// <summary>The fraction answered right, 0 to 1 (NaN for no samples).</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;

    /// <summary>For each class, the fraction of its samples answered right (NaN for a class with none).</summary>
    public double[] PerClassAccuracy => [.. Enumerable.Range(0, Classes).Select(c =>
    {
        int ofClass = Enumerable.Range(0, Classes).Sum(p => Counts[c, p]);
        return ofClass == 0 ? double.NaN : (double)Counts[c, c] / ofClass;
    })];

    /// <summary>The matrix as a text table: one row per actual class, one column per predicted class, and each class's accuracy.</summary>
    public override string ToString()
    {
        int width = Math.Max(5, Total.ToString(CultureInfo.InvariantCulture).Length + 1);
        var text = new StringBuilder();
        text.Append("actual\\predicted".PadRight(17));
        for (int p = 0; p < Classes; p++) text.Append(p.ToString(CultureInfo.InvariantCulture).PadLeft(width));
        text.Append("  accuracy\n");
        var perClass = PerClassAccuracy;
        for (int a = 0; a < Classes; a++)
        {
            text.Append(a.ToString(CultureInfo.InvariantCulture).PadRight(17));
            for (int p = 0; p < Classes; p++) text.Append(Counts[a, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            text.Append(CultureInfo.InvariantCulture, $"  {perClass[a] * 100,7:F2}%\n");
        }
        return text.ToString();
    }
}

using System.Globalization;

namespace Dendra.Learning.Learners;

/// <summary>
/// How alike two learned weight matrices are, unit by unit: the cosine of every pair of units (one from each), units
/// matched one to one so that the summed cosine is greatest (<see cref="Hungarian"/>), and the matched cosines' mean
/// and distribution. Units that learn the same features in another order match all the same.
/// </summary>
/// <param name="Match">For each unit of the first matrix, the unit of the second it is matched to.</param>
/// <param name="Cosines">The cosine of each matched pair, by unit of the first matrix.</param>
public sealed record WeightComparison(int[] Match, double[] Cosines)
{
    /// <summary>The mean of the matched cosines.</summary>
    public double MeanCosine => Cosines.Average();

    /// <summary>The matched cosine at quantile <paramref name="q"/> (0 the least, 0.5 the median, 1 the greatest), interpolated linearly.</summary>
    public double Quantile(double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        var sorted = Cosines.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>How many matched cosines fall in each of <paramref name="bins"/> equal bins from −1 to 1 (1 in the last).</summary>
    public int[] Histogram(int bins = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var counts = new int[bins];
        foreach (var c in Cosines) counts[Math.Clamp((int)((c + 1) / 2 * bins), 0, bins - 1)]++;
        return counts;
    }

    /// <summary>The summary a report prints: mean, least, quartiles and greatest.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"mean cosine {MeanCosine:F4} over {Cosines.Length} matched units (min {Quantile(0):F4}, quartiles {Quantile(0.25):F4} / {Quantile(0.5):F4} / {Quantile(0.75):F4}, max {Quantile(1):F4})");

    /// <summary>
    /// Compares <paramref name="first"/> and <paramref name="second"/>, each <paramref name="units"/> rows of
    /// <paramref name="features"/> weights. With <paramref name="ignoreSign"/>, a unit and its negation count as the same
    /// (|cos|): what principal components, whose sign is arbitrary, need.
    /// </summary>
    /// <exception cref="ArgumentException">Arrays that are not units × features, or a unit whose weights are all zero (no direction).</exception>
    public static WeightComparison Compare(ReadOnlySpan<float> first, ReadOnlySpan<float> second, int units, int features, bool ignoreSign = false) =>
        Compare(first, second, units, features, ignoreSign, zeroRows: false);

    /// <summary>
    /// Compares what two learners that started from the same <paramref name="initial"/> weights learned: the changes
    /// <c>first − initial</c> and <c>second − initial</c>, unit by unit, as <see cref="Compare(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, bool)"/>
    /// compares weights. Where little was learned the weights themselves are still mostly the shared start, and their
    /// cosine says nothing; the changes' does. A unit that did not change has cosine 1 with another unit that did not,
    /// 0 with one that did.
    /// </summary>
    public static WeightComparison CompareChanges(ReadOnlySpan<float> first, ReadOnlySpan<float> second, ReadOnlySpan<float> initial, int units, int features, bool ignoreSign = false)
    {
        if (initial.Length != first.Length || initial.Length != second.Length)
            throw new ArgumentException($"initial weights of {initial.Length} values against learned ones of {first.Length} and {second.Length}");
        var (a, b) = (new float[first.Length], new float[second.Length]);
        for (int k = 0; k < a.Length; k++) (a[k], b[k]) = (first[k] - initial[k], second[k] - initial[k]);
        return Compare(a, b, units, features, ignoreSign, zeroRows: true);
    }

    private static WeightComparison Compare(ReadOnlySpan<float> first, ReadOnlySpan<float> second, int units, int features, bool ignoreSign, bool zeroRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (first.Length != units * features || second.Length != units * features)
            throw new ArgumentException($"weights of {first.Length} and {second.Length} values compared as {units} units × {features} features");
        var firstNorms = Norms(first, units, features, "first", zeroRows);
        var secondNorms = Norms(second, units, features, "second", zeroRows);
        var cosines = new double[units, units];
        var cost = new double[units, units];
        for (int a = 0; a < units; a++)
        {
            var x = first.Slice(a * features, features);
            for (int b = 0; b < units; b++)
            {
                var y = second.Slice(b * features, features);
                double dot = 0;
                for (int k = 0; k < features; k++) dot += (double)x[k] * y[k];
                double cosine = firstNorms[a] == 0 || secondNorms[b] == 0 ? (firstNorms[a] == secondNorms[b] ? 1 : 0) : dot / (firstNorms[a] * secondNorms[b]);
                cosines[a, b] = ignoreSign ? Math.Abs(cosine) : cosine;
                cost[a, b] = -cosines[a, b];
            }
        }
        var match = Hungarian.Solve(cost);
        return new WeightComparison(match, [.. Enumerable.Range(0, units).Select(a => cosines[a, match[a]])]);
    }

    private static double[] Norms(ReadOnlySpan<float> weights, int units, int features, string which, bool zeroRows)
    {
        var norms = new double[units];
        for (int u = 0; u < units; u++)
        {
            double sum = 0;
            foreach (var w in weights.Slice(u * features, features)) sum += (double)w * w;
            norms[u] = Math.Sqrt(sum);
            if (zeroRows && norms[u] == 0) continue;
            if (!(norms[u] > 0) || !double.IsFinite(norms[u]))
                throw new ArgumentException($"unit {u} of the {which} weights has the norm {norms[u]}: it has no direction to compare");
        }
        return norms;
    }
}

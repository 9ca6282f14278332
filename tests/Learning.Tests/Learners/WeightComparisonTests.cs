using Dendra.Learning.Learners;

namespace Dendra.Learning.Tests.Learners;

public class WeightComparisonTests
{
    [Fact]
    public void Sanger_in_minibatches_and_closed_form_PCA_learn_the_same_components()
    {
        var (train, basis) = ComponentLearners.Gaussian(2000, seed: 1);
        var (test, _) = ComponentLearners.Gaussian(500, seed: 2, basis);
        var schedule = new LearnerSchedule { Epochs = 10, BatchSize = 20, Seed = 5, InitialScale = 0.1 };
        var sanger = LearnerTraining.Run(new ComponentLearners.Sanger(3, rate: 0.03), train, test, schedule);
        var pca = LearnerTraining.Run(new ComponentLearners.ClosedForm(3), train, test, schedule);

        // Both start from the same weights (epoch 0 the same), and both end near the 14/14.38 of the variance that the
        // three leading directions (variances 9, 4, 1 of 14.38) hold.
        Assert.Equal(sanger.Curve.Points[0].Value, pca.Curve.Points[0].Value, 12);
        Assert.Equal(11, sanger.Curve.Points.Count);
        Assert.True(pca.FinalMetric is > 0.96 and < 0.985, $"PCA explains {pca.FinalMetric}, Sanger {sanger.FinalMetric}, curve {string.Join(", ", sanger.Curve.Points)}");
        Assert.InRange(sanger.FinalMetric, pca.FinalMetric - 0.01, pca.FinalMetric + 1e-6);

        var comparison = WeightComparison.Compare(sanger.Learner.Weights, pca.Learner.Weights, 3, 6, ignoreSign: true);
        Assert.Equal([0, 1, 2], comparison.Match);
        Assert.True(comparison.MeanCosine > 0.99, comparison.ToString());
        Assert.Equal(3, comparison.Histogram(10).Sum());
    }

    [Fact]
    public void A_permutation_of_the_units_permutes_the_match_and_keeps_the_cosines()
    {
        var random = new Random(3);
        const int Units = 5, Features = 8;
        var first = new float[Units * Features];
        for (int k = 0; k < first.Length; k++) first[k] = (float)(random.NextDouble() - 0.5);
        // The second: the first's units in another order, each nudged by noise.
        int[] order = [3, 0, 4, 1, 2];
        var second = new float[first.Length];
        for (int u = 0; u < Units; u++)
            for (int f = 0; f < Features; f++) second[order[u] * Features + f] = first[u * Features + f] + (float)(0.05 * (random.NextDouble() - 0.5));
        var comparison = WeightComparison.Compare(first, second, Units, Features);
        Assert.Equal(order, comparison.Match);
        Assert.True(comparison.Quantile(0) > 0.95, comparison.ToString());

        // Permuting the second matrix's units again moves the matches with them and leaves every cosine as it was.
        int[] again = [1, 2, 0, 4, 3];
        var shuffled = new float[first.Length];
        for (int u = 0; u < Units; u++) second.AsSpan(u * Features, Features).CopyTo(shuffled.AsSpan(again[u] * Features, Features));
        var after = WeightComparison.Compare(first, shuffled, Units, Features);
        Assert.Equal(comparison.Match.Select(m => again[m]), after.Match);
        Assert.Equal(comparison.Cosines, after.Cosines);
    }

    [Fact]
    public void The_match_has_the_greatest_summed_cosine_of_all_pairings()
    {
        var random = new Random(8);
        const int Units = 5, Features = 4;
        static IEnumerable<int[]> Permutations(int[] items) => items.Length <= 1
            ? [items]
            : items.SelectMany(first => Permutations([.. items.Where(i => i != first)]).Select(rest => (int[])[first, .. rest]));
        static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        {
            double dot = 0, xx = 0, yy = 0;
            for (int k = 0; k < x.Length; k++) (dot, xx, yy) = (dot + (double)x[k] * y[k], xx + (double)x[k] * x[k], yy + (double)y[k] * y[k]);
            return dot / Math.Sqrt(xx * yy);
        }
        for (int trial = 0; trial < 10; trial++)
        {
            var first = new float[Units * Features];
            var second = new float[Units * Features];
            for (int k = 0; k < first.Length; k++) (first[k], second[k]) = ((float)(random.NextDouble() - 0.5), (float)(random.NextDouble() - 0.5));
            var comparison = WeightComparison.Compare(first, second, Units, Features);
            double best = Permutations([.. Enumerable.Range(0, Units)]).Max(p =>
                p.Select((b, a) => Cosine(first.AsSpan(a * Features, Features), second.AsSpan(b * Features, Features))).Sum());
            Assert.Equal(best, comparison.Cosines.Sum(), 9);
            for (int a = 0; a < Units; a++)
                Assert.Equal(Cosine(first.AsSpan(a * Features, Features), second.AsSpan(comparison.Match[a] * Features, Features)), comparison.Cosines[a], 9);
        }
    }

    [Fact]
    public void Changes_from_a_shared_start_are_compared_rather_than_the_start()
    {
        // Three units of four weights, large and shared; the two learners move unit 0 the same way (one twice as far),
        // unit 1 along different weights, and neither moves unit 2. The weights' cosines are all near 1 (the start
        // dominates); the changes' are 1, 0 and 1 (unchanged with unchanged).
        float[] start = [10, 0, 0, 0, 0, 10, 0, 0, 0, 0, 10, 0];
        float[] first = [10, 1, 0, 0, 0, 10, 1, 0, 0, 0, 10, 0];
        float[] second = [10, 2, 0, 0, 0, 10, 0, 1, 0, 0, 10, 0];
        var weights = WeightComparison.Compare(first, second, 3, 4);
        Assert.True(weights.Cosines.All(c => c > 0.98), weights.ToString());
        var changes = WeightComparison.CompareChanges(first, second, start, 3, 4);
        Assert.Equal([0, 1, 2], changes.Match);
        Assert.Equal(1, changes.Cosines[0], 12);
        Assert.Equal(0, changes.Cosines[1], 12);
        Assert.Equal(1, changes.Cosines[2]);
        // A unit that changed in one learner only: cosine 0 with the other's unchanged unit.
        float[] third = [10, 1, 0, 0, 0, 10, 1, 0, 0, 0, 10, 3];
        Assert.Equal(0, WeightComparison.CompareChanges(first, third, start, 3, 4).Cosines[2]);
    }

    [Fact]
    public void A_unit_without_direction_or_weights_of_the_wrong_size_are_errors()
    {
        Assert.StartsWith("unit 1 of the second weights has the norm 0",
            Assert.Throws<ArgumentException>(() => WeightComparison.Compare([1, 0, 0, 1], [1, 0, 0, 0], 2, 2)).Message);
        Assert.StartsWith("weights of 4 and 3 values compared as 2 units × 2 features",
            Assert.Throws<ArgumentException>(() => WeightComparison.Compare([1, 0, 0, 1], [1, 0, 0], 2, 2)).Message);
    }
}

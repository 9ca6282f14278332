using Dendra.Plasticity;
using Dendra.Simulator.LinearAlgebra;
using Dendra.Tests;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>
/// Krotov &amp; Hopfield's fast rule: one update against the rule written out in float64 loops (the seed's PyTorch lines),
/// the same weights with one and two threads, what it learns (units onto the prototypes of clustered data, each unit's
/// Lp norm onto R), and the parameters it refuses.
/// </summary>
public class KrotovHopfieldRankingTests
{
    public KrotovHopfieldRankingTests() => Prerequisite.Require(OpenBlas.Unavailable);

    private static float[] Uniform(int count, int seed)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray();
    }

    [SkippableTheory]
    [InlineData(1.5, 2)]
    [InlineData(2.0, 2)]
    [InlineData(3.0, 3)]
    [InlineData(4.5, 2)]
    public void One_update_is_the_rule_written_out(double p, int k)
    {
        const int hidden = 9, inputs = 6, batch = 5;
        const double delta = 0.4, radius = 1.3, epsilon = 0.05;
        var rule = new KrotovHopfieldRanking(hidden, inputs, p, k, delta, radius, threads: 1);
        rule.Initialize(seed: 4);
        var w = rule.Weights.Select(x => (double)x).ToArray();
        var images = Uniform(batch * inputs, 5);

        // I = (sgn(W)|W|^(p−1)) v; per image g = 1 for the top unit, −Δ for the k-th; ΔW = g (R^p v)ᵀ − (Σ g I) ⊙ W.
        var currents = new double[batch, hidden];
        for (int b = 0; b < batch; b++)
            for (int u = 0; u < hidden; u++)
                for (int i = 0; i < inputs; i++)
                    currents[b, u] += Math.Sign(w[u * inputs + i]) * Math.Pow(Math.Abs(w[u * inputs + i]), p - 1) * images[b * inputs + i];
        var g = new double[batch, hidden];
        var winners = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            var order = Enumerable.Range(0, hidden).OrderByDescending(u => currents[b, u]).ThenBy(u => u).ToArray();
            (winners[b], g[b, order[0]], g[b, order[k - 1]]) = (order[0], 1, -delta);
        }
        var change = new double[hidden * inputs];
        for (int u = 0; u < hidden; u++)
        {
            double decay = 0;
            for (int b = 0; b < batch; b++) decay += g[b, u] * currents[b, u];
            for (int i = 0; i < inputs; i++)
            {
                for (int b = 0; b < batch; b++) change[u * inputs + i] += g[b, u] * Math.Pow(radius, p) * images[b * inputs + i];
                change[u * inputs + i] -= decay * w[u * inputs + i];
            }
        }
        double max = change.Max(Math.Abs);

        double returned = rule.Update(images, batch, epsilon);

        Assert.Equal(winners, rule.Winners.ToArray());
        Assert.Equal(max, returned, 1e-5 * max);
        for (int q = 0; q < w.Length; q++) Assert.Equal(w[q] + epsilon * change[q] / max, rule.Weights[q], 2e-6);
        Assert.Contains(change, c => c == 0); // units that neither won nor ranked k-th did not change
    }

    [SkippableFact]
    public void The_weights_are_the_same_with_one_and_two_threads()
    {
        float[] Train(int threads)
        {
            int blasThreads = OpenBlas.Threads;
            OpenBlas.Threads = threads;
            try
            {
                var rule = new KrotovHopfieldRanking(64, 100, p: 3, k: 4, threads: threads);
                rule.Initialize(seed: 7);
                var images = Uniform(40 * 100, 8);
                for (int update = 0; update < 20; update++) rule.Update(images, 40, 0.02 * (1 - update / 20.0));
                return rule.Weights;
            }
            finally
            {
                OpenBlas.Threads = blasThreads;
            }
        }

        var one = Train(1);
        Assert.Equal(one, Train(2));
    }

    [SkippableTheory]
    [InlineData(2.0)]
    [InlineData(3.0)]
    public void Units_learn_the_prototypes_of_clustered_data_with_their_norm_at_R(double p)
    {
        // Three prototypes (disjoint bars of 8 pixels), shown with noise; three units, k = 3 so the push lands on the
        // loser. Each prototype ends up the receptive field of a unit, and every unit's weights reach Σ|W|^p = R^p.
        const int inputs = 24, units = 3;
        const double radius = 2;
        var random = new System.Random(3);
        var prototypes = Enumerable.Range(0, units).Select(c => Enumerable.Range(0, inputs).Select(i => i / 8 == c ? 1.0 : 0.0).ToArray()).ToArray();
        var rule = new KrotovHopfieldRanking(units, inputs, p, k: 3, delta: 0.1, radius: radius, threads: 1);
        rule.Initialize(seed: 1);
        for (int q = 0; q < rule.Weights.Length; q++) rule.Weights[q] = 0.1f * Math.Abs(rule.Weights[q]);
        var batch = new float[30 * inputs];
        const int updates = 3000;
        for (int update = 0; update < updates; update++)
        {
            for (int b = 0; b < 30; b++)
            {
                var prototype = prototypes[random.Next(units)];
                for (int i = 0; i < inputs; i++) batch[b * inputs + i] = (float)(prototype[i] + 0.05 * random.NextDouble());
            }
            rule.Update(batch, 30, 0.05 * (1 - (double)update / updates));
        }

        var fields = Enumerable.Range(0, units).Select(u => rule.Weights.AsSpan(u * inputs, inputs).ToArray().Select(x => (double)x).ToArray()).ToArray();
        foreach (var field in fields)
            Assert.Equal(Math.Pow(radius, p), field.Sum(x => Math.Pow(Math.Abs(x), p)), 0.02 * Math.Pow(radius, p));
        foreach (var prototype in prototypes)
        {
            double best = fields.Max(f => f.Zip(prototype, (a, b) => a * b).Sum() / Math.Sqrt(f.Sum(x => x * x) * prototype.Sum(x => x * x)));
            Assert.True(best > 0.95, $"no unit learned a prototype: best cosine {best:F3}");
        }
    }

    [Fact]
    public void Parameters_out_of_range_are_refused_naming_them()
    {
        Assert.Contains("k must be between 2", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldRanking(10, 4, k: 11)).Message);
        Assert.Contains("p must be a finite number ≥ 1", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldRanking(10, 4, p: 0.5)).Message);
        Assert.Contains("p must be a finite number ≥ 1", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldRanking(10, 4, p: double.PositiveInfinity)).Message);
        Assert.Contains("p must be a finite number ≥ 1", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldRanking(10, 4, p: double.NaN)).Message);
        Assert.Contains("k must be between 2", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldRanking(10, 4, k: 1)).Message);
        Assert.Contains("Δ must be", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldRanking(10, 4, delta: -1)).Message);
        Assert.Contains("R must be", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldRanking(10, 4, radius: 0)).Message);
        Assert.Contains("at least 2 hidden", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldRanking(1, 4, k: 2)).Message);
    }
}

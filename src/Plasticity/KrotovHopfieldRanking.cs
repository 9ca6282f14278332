using System.Numerics.Tensors;
using Dendra.Simulator.LinearAlgebra;

namespace Dendra.Plasticity;

/// <summary>
/// Krotov &amp; Hopfield's fast rule for competing hidden units (PNAS 2019): the lateral-inhibition dynamics replaced by a
/// ranking of the currents. Per minibatch, the currents <c>I = (sgn(W)|W|^(p−1)) v</c> of every image are one matrix product
/// (OpenBLAS); in each image the unit with the largest current gets <c>g = 1</c>, the k-th largest <c>g = −Δ</c>, the rest 0;
/// then <c>ΔW = g (R^p v)ᵀ − (Σ_batch g∘I) ⊙ W</c> and <c>W += ε ΔW / max|ΔW|</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>parameter</term><description>meaning (Krotov &amp; Hopfield's MNIST values)</description></listheader>
/// <item><term>hidden</term><description>number of hidden units (100 in Krotov's demonstration, 2000 in the paper)</description></item>
/// <item><term>p</term><description>the Lp norm the weights are normalised in (2 in the demonstration, 3 in the paper); p ≥ 1 (p in [1, 2) is a norm too, one that spreads the weights rather than sparsening them)</description></item>
/// <item><term>k</term><description>the rank of the unit that is pushed away (2; 7); 2 ≤ k ≤ hidden</description></item>
/// <item><term>delta</term><description>Δ, the strength of that anti-Hebbian push (0.4)</description></item>
/// <item><term>radius</term><description>R: the learned weights reach Σ|W_μi|^p = R^p (1)</description></item>
/// <item><term>ε</term><description>the learning rate of each update (0.02 → 0 in the demonstration, 0.04 → 0 in the paper, annealed linearly)</description></item>
/// </list>
/// Only the units that win or rank k-th in some image of the batch change, so the update costs a few rows of W per image;
/// the product dominates. Each row of ΔW is summed over the batch in image order, and each image is ranked on its own, so
/// the result does not depend on how many threads do it; the product is OpenBLAS's (see docs/decisions.md for what that
/// guarantees). A tie between currents goes to the unit with the lower index.
/// </remarks>
public sealed class KrotovHopfieldRanking
{
    private readonly int _threads;
    private float[] _transformed = [];
    private float[] _currents = [];
    private int[] _top = [], _kth = [];
    // Reused from update to update: the (image, g) pairs by unit, the touched units, and their rows of ΔW.
    private int[] _start = [], _fill = [], _touched = [];
    private (int Image, float G)[] _entries = [];
    private float[] _change = [], _largest = [];

    /// <param name="hidden">Number of hidden units.</param>
    /// <param name="inputs">Number of inputs (784 for MNIST).</param>
    /// <param name="p">Lp norm of the weights; at least 1 (below 1, |w|^p is no norm).</param>
    /// <param name="k">Rank of the unit pushed away; 2 ≤ k ≤ hidden.</param>
    /// <param name="delta">Strength Δ of that push; 0 ≤ Δ.</param>
    /// <param name="radius">R, the norm the weights reach; positive.</param>
    /// <param name="threads">Threads for the ranking and the update (0: all cores); the product uses OpenBLAS's own threads.</param>
    public KrotovHopfieldRanking(int hidden, int inputs, double p = 3, int k = 7, double delta = 0.4, double radius = 1, int threads = 0)
    {
        if (hidden < 2) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "competing units need at least 2 hidden units");
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "the units need at least one input");
        if (!(p >= 1) || !double.IsFinite(p)) throw new ArgumentOutOfRangeException(nameof(p), p, $"p must be a finite number ≥ 1 (the Lp norm of the weights), not {p}");
        if (k < 2 || k > hidden) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 2 and the number of hidden units ({hidden})");
        if (!(delta >= 0) || !double.IsFinite(delta)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Δ must be a finite number ≥ 0");
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "R must be a finite positive number");
        (Hidden, Inputs, P, K, Delta, Radius) = (hidden, inputs, p, k, delta, radius);
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        Weights = new float[hidden * inputs];
    }

    /// <summary>Number of hidden units.</summary>
    public int Hidden { get; }

    /// <summary>Number of inputs.</summary>
    public int Inputs { get; }

    /// <summary>The Lp norm of the weights.</summary>
    public double P { get; }

    /// <summary>Rank of the unit pushed away.</summary>
    public int K { get; }

    /// <summary>Strength Δ of the push.</summary>
    public double Delta { get; }

    /// <summary>The norm R the weights reach.</summary>
    public double Radius { get; }

    /// <summary>The weights, row-major [hidden, inputs]; change them freely between updates (e.g. to share initial weights).</summary>
    public float[] Weights { get; }

    /// <summary>The winning unit of each image of the last update, in batch order.</summary>
    public ReadOnlySpan<int> Winners => _top;

    /// <summary>Draws every weight from N(0, 1) with a seeded generator: the same seed gives the same weights everywhere.</summary>
    public void Initialize(int seed)
    {
        var random = new Random(seed);
        for (int k = 0; k < Weights.Length; k++)
        {
            // Box–Muller from two uniform draws in (0, 1].
            double u = 1 - random.NextDouble(), v = random.NextDouble();
            Weights[k] = (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }
    }

    /// <summary>The currents <c>I = ⟨W_μ, v⟩_p</c> of <paramref name="count"/> images, row-major [image, unit].</summary>
    /// <param name="images">The images, row-major [image, input].</param>
    /// <param name="count">How many images.</param>
    /// <param name="currents">Receives count × hidden currents.</param>
    public void Currents(ReadOnlySpan<float> images, int count, Span<float> currents)
    {
        if (images.Length < (long)count * Inputs) throw new ArgumentException($"{count} images need {(long)count * Inputs} values, got {images.Length}", nameof(images));
        if (currents.Length < (long)count * Hidden) throw new ArgumentException($"{count} images need room for {(long)count * Hidden} currents, got {currents.Length}", nameof(currents));
        Transform();
        OpenBlas.Gemm(false, true, count, Hidden, Inputs, 1f, images[..(count * Inputs)], _transformed, 0f, currents[..(count * Hidden)]);
    }

    /// <summary>The hidden layer a readout reads: <c>W v</c> of <paramref name="count"/> images (the plain weights, not their
    /// transform, as in Krotov &amp; Hopfield's classifier), row-major [image, unit].</summary>
    public void Responses(ReadOnlySpan<float> images, int count, Span<float> responses)
    {
        if (images.Length < (long)count * Inputs) throw new ArgumentException($"{count} images need {(long)count * Inputs} values, got {images.Length}", nameof(images));
        if (responses.Length < (long)count * Hidden) throw new ArgumentException($"{count} images need room for {(long)count * Hidden} responses, got {responses.Length}", nameof(responses));
        OpenBlas.Gemm(false, true, count, Hidden, Inputs, 1f, images[..(count * Inputs)], Weights, 0f, responses[..(count * Hidden)]);
    }

    /// <summary>One update from a minibatch: the currents, each image's ranking, then <c>W += ε ΔW / max|ΔW|</c>.</summary>
    /// <param name="images">The minibatch, row-major [image, input] (MNIST: pixels / 255).</param>
    /// <param name="count">How many images.</param>
    /// <param name="epsilon">The learning rate ε of this update.</param>
    /// <returns>max|ΔW| of this update (0 when nothing changed).</returns>
    public double Update(float[] images, int count, double epsilon)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "a minibatch has at least one image");
        if (!(epsilon >= 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a finite number ≥ 0");
        if (_currents.Length < count * Hidden) _currents = new float[count * Hidden];
        if (_top.Length != count) (_top, _kth) = (new int[count], new int[count]);
        Currents(images, count, _currents);
        Rank(count);
        return Apply(images, count, epsilon);
    }

    /// <summary>sgn(W)|W|^(p−1), what the product reads: p = 2 and 3 without a power function.</summary>
    private void Transform()
    {
        if (_transformed.Length != Weights.Length) _transformed = new float[Weights.Length];
        Span<float> w = Weights, t = _transformed;
        if (P == 2) w.CopyTo(t);
        else if (P == 3)
        {
            TensorPrimitives.Abs(w, t);
            TensorPrimitives.Multiply(w, t, t);
        }
        else
        {
            TensorPrimitives.Abs(w, t);
            TensorPrimitives.Pow(t, (float)(P - 1), t);
            TensorPrimitives.CopySign(t, w, t);
        }
    }

    /// <summary>The unit with the largest current and the one with the k-th largest, in every image (images in parallel).</summary>
    private void Rank(int count)
    {
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _threads }, () => new int[K], (image, _, best) =>
        {
            var row = _currents.AsSpan(image * Hidden, Hidden);
            // The k best so far, best first; a later unit replaces an equal current only when strictly larger.
            int filled = 0;
            for (int unit = 0; unit < Hidden; unit++)
            {
                float value = row[unit];
                if (filled == K && value <= row[best[K - 1]]) continue;
                int at = Math.Min(filled, K - 1);
                while (at > 0 && value > row[best[at - 1]]) { best[at] = best[at - 1]; at--; }
                best[at] = unit;
                if (filled < K) filled++;
            }
            _top[image] = best[0];
            _kth[image] = best[K - 1];
            return best;
        }, _ => { });
    }

    /// <summary>ΔW for the units that won or ranked k-th, each row summed over the batch in image order; then the step.</summary>
    private double Apply(float[] inputs, int count, double epsilon)
    {
        // Each touched unit's (image, g) pairs in image order: a counting sort by unit.
        if (_start.Length != Hidden + 1) (_start, _fill, _touched) = (new int[Hidden + 1], new int[Hidden + 1], new int[Hidden]);
        if (_entries.Length < 2 * count) (_entries, _change, _largest) = (new (int, float)[2 * count], new float[2 * count * Inputs], new float[2 * count]);
        var (start, fill, entries, change, largest) = (_start, _fill, _entries, _change, _largest);
        Array.Clear(start);
        for (int b = 0; b < count; b++) { start[_top[b] + 1]++; start[_kth[b] + 1]++; }
        for (int u = 0; u < Hidden; u++) start[u + 1] += start[u];
        start.CopyTo(fill, 0);
        for (int b = 0; b < count; b++)
        {
            entries[fill[_top[b]]++] = (b, 1f);
            entries[fill[_kth[b]]++] = (b, (float)-Delta);
        }
        int touchedCount = 0;
        for (int u = 0; u < Hidden; u++)
            if (start[u + 1] > start[u]) _touched[touchedCount++] = u;
        var touched = _touched;
        Array.Clear(change, 0, touchedCount * Inputs);
        float scale = (float)Math.Pow(Radius, P);
        Parallel.For(0, touchedCount, new ParallelOptions { MaxDegreeOfParallelism = _threads }, r =>
        {
            int unit = touched[r];
            var row = change.AsSpan(r * Inputs, Inputs);
            var weights = Weights.AsSpan(unit * Inputs, Inputs);
            double decay = 0;
            for (int e = start[unit]; e < start[unit + 1]; e++)
            {
                var (image, g) = entries[e];
                TensorPrimitives.MultiplyAdd(inputs.AsSpan(image * Inputs, Inputs), g * scale, row, row);
                decay += g * (double)_currents[image * Hidden + unit];
            }
            TensorPrimitives.MultiplyAdd(weights, (float)-decay, row, row);
            largest[r] = TensorPrimitives.MaxMagnitude(row) is var m && float.IsNaN(m) ? float.NaN : Math.Abs(m);
        });
        float max = 0;
        foreach (var m in largest.AsSpan(0, touchedCount))
        {
            if (!float.IsFinite(m)) throw new ArithmeticException("the weight change of the Krotov–Hopfield rule is not finite; check the inputs and weights for NaN or infinity");
            max = Math.Max(max, m);
        }
        if (max == 0) return 0;
        float step = (float)(epsilon / max);
        Parallel.For(0, touchedCount, new ParallelOptions { MaxDegreeOfParallelism = _threads }, r =>
        {
            var weights = Weights.AsSpan(touched[r] * Inputs, Inputs);
            TensorPrimitives.MultiplyAdd(change.AsSpan(r * Inputs, Inputs), step, weights, weights);
        });
        return max;
    }
}

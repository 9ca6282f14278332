using System.Numerics.Tensors;
using Dendra.Simulator.LinearAlgebra;

namespace Dendra.Plasticity;

/// <summary>
/// Krotov &amp; Hopfield's fast rule (<see cref="KrotovHopfieldRule"/>) on the CPU: the currents of a minibatch are one
/// OpenBLAS product, each image is ranked on a thread of its own, and only the rows of the units that won or ranked k-th
/// in some image change.
/// </summary>
/// <remarks>
/// Only the units that win or rank k-th in some image of the batch change, so the update costs a few rows of W per image;
/// the product dominates. Each row of ΔW is summed over the batch in image order, and each image is ranked on its own, so
/// the result does not depend on how many threads do it; the product is OpenBLAS's (see docs/decisions.md for what that
/// guarantees). A tie between currents goes to the unit with the lower index. <c>Dendra.Networks.KrotovHopfield.KrotovHopfieldRankingOnDevice</c>
/// is the same rule on an OpenCL device.
/// </remarks>
public sealed class KrotovHopfieldRanking : KrotovHopfieldRule
{
    private readonly int _threads;
    private readonly float[] _weights;
    private float[] _transformed = [];
    private float[] _currents = [];
    private int[] _top = [], _kth = [];
    // Reused from update to update: the (image, g) pairs by unit, the touched units, and their rows of ΔW.
    private int[] _start = [], _fill = [], _touched = [];
    private (int Image, float G)[] _entries = [];
    private float[] _change = [], _largest = [];

    /// <param name="hidden">Number of hidden units.</param>
    /// <param name="inputs">Number of inputs (784 for MNIST).</param>
    /// <param name="p">Lp norm of the weights; at least 2.</param>
    /// <param name="k">Rank of the unit pushed away; 2 ≤ k ≤ hidden.</param>
    /// <param name="delta">Strength Δ of that push; 0 ≤ Δ.</param>
    /// <param name="radius">R, the norm the weights reach; positive.</param>
    /// <param name="threads">Threads for the ranking and the update (0: all cores); the product uses OpenBLAS's own threads.</param>
    public KrotovHopfieldRanking(int hidden, int inputs, double p = 3, int k = 7, double delta = 0.4, double radius = 1, int threads = 0)
        : base(hidden, inputs, p, k, delta, radius)
    {
        _threads = threads > 0 ? threads : Environment.ProcessorCount;
        _weights = new float[hidden * inputs];
    }

    /// <inheritdoc/>
    public override float[] Weights => _weights;

    /// <inheritdoc/>
    public override ReadOnlySpan<int> Winners => _top;

    /// <inheritdoc/>
    public override ReadOnlySpan<int> PushedAway => _kth;

    /// <inheritdoc/>
    protected override void CurrentsCore(ReadOnlySpan<float> images, int count, Span<float> currents)
    {
        Transform();
        OpenBlas.Gemm(false, true, count, Hidden, Inputs, 1f, images, _transformed, 0f, currents);
    }

    /// <inheritdoc/>
    protected override void ResponsesCore(ReadOnlySpan<float> images, int count, Span<float> responses) =>
        OpenBlas.Gemm(false, true, count, Hidden, Inputs, 1f, images, Weights, 0f, responses);

    /// <inheritdoc/>
    protected override double UpdateCore(float[] images, int count, double epsilon)
    {
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
            if (!float.IsFinite(m)) throw NonFiniteChange();
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

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// Applies an outer-product rule to a dense rate projection on the CPU:
/// <c>W += η · reduce_n (f_n ⊗ g_n − d_n ⊙ W)</c> over the instances n of a batch. Each weight's change is summed over the
/// instances in instance order, one multiply, multiply, subtract and add per instance (no fused multiply-add), in
/// <see cref="Vector{T}"/> lanes that are each the scalar computation. So the batch's change is bitwise the sum of the
/// single instances' changes from the same weights, and rows split over threads give the same bits for any thread count.
/// </summary>
internal sealed class OuterProductUpdate<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly RateProjection _projection;
    private readonly OuterProductRule _rule;
    private readonly T[] _weights;
    private readonly T[] _f, _g;
    private readonly T[]? _d;
    private readonly int _instances;
    private readonly T _scale, _min, _max;

    /// <param name="projection">The projection.</param>
    /// <param name="weights">Its weights, row-major [post, pre], changed in place.</param>
    /// <param name="post">The compiled postsynaptic population (holds f and d).</param>
    /// <param name="pre">The compiled presynaptic population (holds g).</param>
    /// <param name="instances">Instances of the batch.</param>
    public OuterProductUpdate(RateProjection projection, T[] weights, CompiledPopulation post, CompiledPopulation pre, int instances)
    {
        _projection = projection;
        _rule = projection.Rule!;
        _weights = weights;
        _instances = instances;
        _f = (T[])post.Arrays[RuleFactor.PostArray(projection)];
        _g = (T[])pre.Arrays[RuleFactor.PreArray(projection)];
        _d = _rule.Decay is null ? null : (T[])post.Arrays[RuleFactor.DecayArray(projection)];
        double eta = _rule.Parameters["eta"].Default;
        _scale = T.CreateTruncating(_rule.Reduction == BatchReduction.Mean ? eta / instances : eta);
        (_min, _max) = _rule.Clip is { } c ? (T.CreateTruncating(c.Min), T.CreateTruncating(c.Max)) : (T.NegativeInfinity, T.PositiveInfinity);
    }

    /// <summary>Whether the rule applies at the end of <paramref name="step"/>.</summary>
    public bool Due(long step) => (step + 1) % _rule.EverySteps == 0;

    /// <summary>The change of the weights from the factors as they are now, reduced over the batch but not yet scaled by η
    /// (row-major [post, pre]): what <see cref="Apply"/> adds, for tests that compare it with single instances.</summary>
    public T[] Change()
    {
        int rows = _projection.Post.Count, columns = _projection.Pre.Count;
        var change = new T[rows * columns];
        for (int r = 0; r < rows; r++) RowChange(r, change.AsSpan(r * columns, columns));
        return change;
    }

    /// <summary>Adds η times the reduced change to the weights, rows spread over the threads; a weight that becomes NaN or
    /// infinite stops the run naming the projection, the weight and the step.</summary>
    public void Apply(Chunks chunks, long step)
    {
        int rows = _projection.Post.Count, columns = _projection.Pre.Count;
        var sums = new double[rows];
        chunks.ForRows(rows, (long)rows * columns * _instances, (a, b) =>
        {
            var change = new T[columns];
            for (int r = a; r < b; r++)
            {
                RowChange(r, change);
                var w = _weights.AsSpan(r * columns, columns);
                T sum = T.Zero;
                for (int c = 0; c < columns; c++) sum += w[c] = T.Clamp(w[c] + _scale * change[c], _min, _max);
                sums[r] = double.CreateTruncating(sum);
            }
        });
        // As in a state update, the sum of what was stored is finite unless a value is not; only then is memory searched.
        if (sums.All(double.IsFinite)) return;
        int index = Array.FindIndex(_weights, v => !T.IsFinite(v));
        if (index < 0) return; // a sum overflowed, but every weight is finite
        int row = index / columns, column = index % columns;
        throw SimulationException.InSynapse(_projection.Name, index, _projection.Pre.Population.Name, _projection.Pre.Start + column,
            _projection.Post.Population.Name, _projection.Post.Start + row, "W", step, step * _projection.Network.Dt, double.CreateTruncating(_weights[index]));
    }

    /// <summary>Row <paramref name="r"/> of Σ_n (f_n[r]·g_n − d_n[r]·W[r]), the instances added in order.</summary>
    private void RowChange(int r, Span<T> change)
    {
        var pre = _projection.Pre;
        var post = _projection.Post;
        int columns = pre.Count, width = Vector<T>.Count;
        var w = _weights.AsSpan(r * columns, columns);
        change.Clear();
        ref T rc = ref MemoryMarshal.GetReference(change);
        ref T rw = ref MemoryMarshal.GetReference(w);
        for (int n = 0; n < _instances; n++)
        {
            int row = n * post.Population.Size + post.Start + r;
            T f = _f[row], d = _d is null ? T.Zero : _d[row];
            var g = _g.AsSpan(n * pre.Population.Size + pre.Start, columns);
            ref T rg = ref MemoryMarshal.GetReference(g);
            var fv = new Vector<T>(f);
            var dv = new Vector<T>(d);
            int c = 0;
            if (_d is null)
            {
                for (; c <= columns - width; c += width) Store(Load(ref rc, c) + fv * Load(ref rg, c), ref rc, c);
                for (; c < columns; c++) change[c] += f * g[c];
                continue;
            }
            for (; c <= columns - width; c += width)
            {
                var term = fv * Load(ref rg, c) - dv * Load(ref rw, c);
                Store(Load(ref rc, c) + term, ref rc, c);
            }
            for (; c < columns; c++) change[c] += f * g[c] - d * w[c];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load(ref T start, int offset) => Vector.LoadUnsafe(ref start, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<T> value, ref T start, int offset) => value.StoreUnsafe(ref start, (nuint)offset);
}

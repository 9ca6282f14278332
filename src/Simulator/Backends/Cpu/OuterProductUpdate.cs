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

    /// <summary>Row <paramref name="r"/> of Σ_n (f_n[r]·g_n − d_n[r]·W[r]), the instances added in order. Column by column
    /// (a vector of columns at a time) over all instances, so the running sum and the weights stay in registers while the
    /// instances' presynaptic factors stream past.</summary>
    private void RowChange(int r, Span<T> change)
    {
        var pre = _projection.Pre;
        var post = _projection.Post;
        int columns = pre.Count, width = Vector<T>.Count, instances = _instances;
        bool small = instances <= 512; // on the stack up to a few kB
        Span<T> f = small ? stackalloc T[instances] : new T[instances];
        Span<T> d = small ? stackalloc T[instances] : new T[instances];
        Span<int> offsets = small ? stackalloc int[instances] : new int[instances];
        for (int n = 0; n < instances; n++)
        {
            int row = n * post.Population.Size + post.Start + r;
            f[n] = _f[row];
            d[n] = _d is null ? T.Zero : _d[row];
            offsets[n] = n * pre.Population.Size + pre.Start;
        }
        ref T rg = ref MemoryMarshal.GetArrayDataReference(_g);
        ref T rw = ref MemoryMarshal.GetReference(_weights.AsSpan(r * columns, columns));
        ref T rc = ref MemoryMarshal.GetReference(change);
        int c = 0;
        // Four vectors of columns at a time, so each instance's broadcast factors serve four loads of g.
        for (; c <= columns - 4 * width; c += 4 * width)
        {
            Vector<T> w0 = Load(ref rw, c), w1 = Load(ref rw, c + width), w2 = Load(ref rw, c + 2 * width), w3 = Load(ref rw, c + 3 * width);
            Vector<T> s0 = Vector<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (int n = 0; n < instances; n++)
            {
                var fn = new Vector<T>(f[n]);
                var dn = new Vector<T>(d[n]);
                ref T g = ref Unsafe.Add(ref rg, offsets[n] + c);
                if (_d is null)
                {
                    s0 += fn * Load(ref g, 0);
                    s1 += fn * Load(ref g, width);
                    s2 += fn * Load(ref g, 2 * width);
                    s3 += fn * Load(ref g, 3 * width);
                }
                else
                {
                    s0 += fn * Load(ref g, 0) - dn * w0;
                    s1 += fn * Load(ref g, width) - dn * w1;
                    s2 += fn * Load(ref g, 2 * width) - dn * w2;
                    s3 += fn * Load(ref g, 3 * width) - dn * w3;
                }
            }
            Store(s0, ref rc, c);
            Store(s1, ref rc, c + width);
            Store(s2, ref rc, c + 2 * width);
            Store(s3, ref rc, c + 3 * width);
        }
        for (; c <= columns - width; c += width)
        {
            var w = Load(ref rw, c);
            var sum = Vector<T>.Zero;
            if (_d is null)
                for (int n = 0; n < instances; n++) sum += new Vector<T>(f[n]) * Load(ref rg, offsets[n] + c);
            else
                for (int n = 0; n < instances; n++) sum += new Vector<T>(f[n]) * Load(ref rg, offsets[n] + c) - new Vector<T>(d[n]) * w;
            Store(sum, ref rc, c);
        }
        for (; c < columns; c++)
        {
            T w = Unsafe.Add(ref rw, c), sum = T.Zero;
            for (int n = 0; n < instances; n++)
                sum += _d is null ? f[n] * Unsafe.Add(ref rg, offsets[n] + c) : f[n] * Unsafe.Add(ref rg, offsets[n] + c) - d[n] * w;
            change[c] = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load(ref T start, int offset) => Vector.LoadUnsafe(ref start, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<T> value, ref T start, int offset) => value.StoreUnsafe(ref start, (nuint)offset);
}

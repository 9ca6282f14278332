using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// Applies an outer-product rule to a dense rate projection on the CPU:
/// <c>W += η · (Σ_n f_n ⊗ g_n − (Σ_n d_n) ⊙ W)</c> over the instances n of a batch (divided by their number for a mean),
/// which is the sum of the instances' changes <c>f_n ⊗ g_n − d_n ⊙ W</c> with the decay factored out of the sum, so a
/// batch costs one matrix product, not two.
/// </summary>
/// <remarks>
/// Every sum runs over the instances in instance order, one multiply then one add per instance (no fused multiply-add),
/// from zero; a <see cref="Vector{T}"/> lane is that scalar computation and so is the column tail. So each weight's change
/// has the same bits whichever block of rows and columns it falls in and however rows are split over threads, and with one
/// instance it is bitwise the single network's change. Rows go four at a time and columns two vectors at a time, so every
/// presynaptic vector loaded serves four rows and every broadcast postsynaptic factor two vectors: the register blocking
/// of a matrix product, which keeps the update near the speed of one.
/// </remarks>
internal sealed class OuterProductUpdate<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int BlockRows = 4;

    /// <summary>Blocks of rows that share each panel of g while it is in the first-level cache (<see cref="RowsOf"/>).</summary>
    private const int GroupBlocks = 4;

    private const int GroupRows = GroupBlocks * BlockRows;

    /// <summary>Rows a thread takes at a time (<see cref="Chunks.ForRowTasks"/>): four blocks, about 30 µs of work at 784
    /// columns and 100 instances, so a thread that joins late still finds work and the last task ends soon after the rest.</summary>
    private const int RowsPerTask = GroupRows;

    private readonly RateProjection _projection;
    private readonly OuterProductRule _rule;
    private readonly T[] _weights;
    private readonly T[] _f, _g;
    private readonly T[]? _d;
    private readonly T[] _packed; // g of the whole panels of columns, packed by Pack
    private T[]? _change; // the reduced change, for a rule scaled to its largest change
    private readonly int _instances;
    private readonly T _min, _max;
    /// <summary>η (divided by the instances for a mean), read from the projection at each application: a training loop's
    /// schedule changes <see cref="RateProjection.LearningRate"/> between presentations.</summary>
    private T _scale;

    /// <param name="projection">The projection.</param>
    /// <param name="weights">Its weights, changed in place: row-major [post, pre] when dense, the values of its rows
    /// (<see cref="RateProjection.Values"/>) when sparse.</param>
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
        _scale = ScaleNow();
        (_min, _max) = _rule.Clip is { } c ? (T.CreateTruncating(c.Min), T.CreateTruncating(c.Max)) : (T.NegativeInfinity, T.PositiveInfinity);
        _packed = projection.Dense is null ? [] : new T[projection.Pre.Count / (2 * Vector<T>.Count) * 2 * Vector<T>.Count * instances];
    }

    private T ScaleNow()
    {
        double eta = _projection.LearningRate;
        return T.CreateTruncating(_rule.Reduction == BatchReduction.Mean ? eta / _instances : eta);
    }

    /// <summary>Whether the rule applies at the end of <paramref name="step"/>.</summary>
    public bool Due(long step) => _rule.DueAt(step);

    /// <summary>The factors as they are now, each instance after instance: f and d per postsynaptic neuron of the projection,
    /// g per presynaptic one (d null without a decay term); for tests that rebuild the change from single instances.</summary>
    public (T[] F, T[] G, T[]? D) Factors()
    {
        var (pre, post) = (_projection.Pre, _projection.Post);
        T[] Slice(T[] a, Population p, int start, int count) =>
            [.. Enumerable.Range(0, _instances).SelectMany(n => a.AsSpan(n * p.Size + start, count).ToArray())];
        return (Slice(_f, post.Population, post.Start, post.Count), Slice(_g, pre.Population, pre.Start, pre.Count),
            _d is null ? null : Slice(_d, post.Population, post.Start, post.Count));
    }

    /// <summary>The change of the weights from the factors as they are now, reduced over the batch but not yet scaled by η
    /// (row-major [post, pre]): what <see cref="Apply"/> adds, for tests that compare it with single instances.</summary>
    public T[] Change()
    {
        var change = new T[_weights.Length];
        if (_projection.Dense is not null) Pack(PreOffsets());
        new RowScratch(_instances).RowsOf(this, 0, _projection.Post.Count, change);
        return change;
    }

    /// <summary>Adds η times the reduced change to the weights (clipped), rows spread over the threads; a weight that
    /// becomes NaN or infinite stops the run naming the projection, the weight and the step.</summary>
    public void Apply(Chunks chunks, long step)
    {
        int rows = _projection.Post.Count;
        _scale = ScaleNow();
        if (_rule.ScalesToLargestChange)
        {
            ApplyScaledToLargest(chunks, step);
            return;
        }
        bool finite = true;
        if (_projection.Dense is not null) Pack(PreOffsets());
        chunks.ForRowTasks(rows, RowsPerTask, (long)_weights.Length * _instances, () =>
        {
            var scratch = new RowScratch(_instances);
            return (a, b) =>
            {
                if (!scratch.RowsOf(this, a, b, null)) finite = false;
            };
        });
        if (!finite) ThrowNonFinite(_weights, "W", step);
    }

    /// <summary>W += η ΔW / max|ΔW| (clipped): the reduced change first, rows spread over the threads, then its largest
    /// magnitude (exact whatever the order), then the step element by element; so the same bits with any thread count.</summary>
    private void ApplyScaledToLargest(Chunks chunks, long step)
    {
        int rows = _projection.Post.Count, columns = _projection.Pre.Count;
        var change = _change ??= new T[_weights.Length];
        if (_projection.Dense is not null) Pack(PreOffsets());
        chunks.ForRowTasks(rows, RowsPerTask, (long)_weights.Length * _instances, () =>
        {
            var scratch = new RowScratch(_instances);
            return (a, b) => scratch.RowsOf(this, a, b, change);
        });
        T largest = T.Abs(TensorPrimitives.MaxMagnitude<T>(change));
        if (!T.IsFinite(largest)) ThrowNonFinite(change, "ΔW", step);
        if (largest == T.Zero) return;
        T scale = T.CreateTruncating(_projection.LearningRate) / largest;
        var rowStart = _projection.RowStart;
        bool finite = true;
        chunks.ForRows(rows, _weights.Length, (a, b) =>
        {
            int from = rowStart is null ? a * columns : rowStart[a], to = rowStart is null ? b * columns : rowStart[b];
            if (!StepClipped(_weights.AsSpan(from, to - from), change.AsSpan(from, to - from), scale)) finite = false;
        });
        if (!finite) ThrowNonFinite(_weights, "W", step);
    }

    /// <summary>w ← clip(w + scale·Δ) element by element, whole vectors then the tail, with the same operations in both (a
    /// multiply then an add, no fused multiply-add; Vector's Min and Max treat NaN and −0 as Math's do); false if a result
    /// is not finite (w·0 is 0 for finite w, NaN otherwise, so one sum of them tells).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from its first call, see DenseProducts
    private bool StepClipped(Span<T> weights, ReadOnlySpan<T> change, T scale)
    {
        var (vScale, vMin, vMax) = (new Vector<T>(scale), new Vector<T>(_min), new Vector<T>(_max));
        var check = Vector<T>.Zero;
        int k = 0;
        for (; k <= weights.Length - Vector<T>.Count; k += Vector<T>.Count)
        {
            var w = Vector.Min(Vector.Max(new Vector<T>(weights[k..]) + vScale * new Vector<T>(change[k..]), vMin), vMax);
            w.CopyTo(weights[k..]);
            check += w * Vector<T>.Zero;
        }
        T tail = T.Zero;
        for (; k < weights.Length; k++) tail += (weights[k] = T.Min(T.Max(weights[k] + scale * change[k], _min), _max)) * T.Zero;
        return check == Vector<T>.Zero && tail == T.Zero;
    }

    /// <summary>Names the first weight (or change of a weight) that is not finite, with its neurons.</summary>
    private void ThrowNonFinite(T[] values, string variable, long step)
    {
        int columns = _projection.Pre.Count;
        int index = Array.FindIndex(values, v => !T.IsFinite(v));
        int row = _projection.Dense is not null ? index / columns : Array.FindLastIndex(_projection.RowStart!, start => start <= index);
        int column = _projection.Dense is not null ? index % columns : _projection.Columns![index];
        throw SimulationException.InSynapse(_projection.Name, index, _projection.Pre.Population.Name, _projection.Pre.Start + column,
            _projection.Post.Population.Name, _projection.Post.Start + row, variable, step, step * _projection.Network.Dt, double.CreateTruncating(values[index]));
    }

    /// <summary>What one thread needs of its own to update rows: f and the summed decay of a block of rows, and where each
    /// instance's g starts.</summary>
    private sealed class RowScratch(int instances)
    {
        public readonly T[] Factors = new T[GroupRows * instances]; // f of the group's rows, block after block, each [n, row]
        public readonly T[] Decays = new T[GroupRows];
        public readonly int[] Learning = new int[GroupBlocks * instances]; // per block, the instances in which a row has f ≠ 0
        public readonly int[] LearningCounts = new int[GroupBlocks];
        public int[]? Offsets;

        public bool RowsOf(OuterProductUpdate<T> update, int a, int b, T[]? change) =>
            update.RowsOf(a, b, change, this, Offsets ??= update.PreOffsets());
    }

    /// <summary>Scales every row to the rule's Lp radius, when its normalisation is due at the end of <paramref name="step"/>
    /// or, for a rule applied per presentation, of presentation number <paramref name="presentation"/> (after <see cref="Apply"/>);
    /// rows spread over the threads. Each row's Σ|w|^p is summed in column order from zero, so a
    /// row has the same bits whichever thread takes it, and the same operations as the OpenCL kernel
    /// (<c>normalise_rows_dense</c>) in the same order.</summary>
    public void Normalise(Chunks chunks, long step, long presentation)
    {
        if (!_rule.NormalisesAfter(step, presentation)) return;
        var (p, radius, _) = _rule.Normalisation!.Value;
        int columns = _projection.Pre.Count;
        var rowStart = _projection.RowStart;
        chunks.ForRows(_projection.Post.Count, _weights.Length, (a, b) =>
        {
            for (int r = a; r < b; r++)
            {
                var row = rowStart is null ? _weights.AsSpan(r * columns, columns) : _weights.AsSpan(rowStart[r], rowStart[r + 1] - rowStart[r]);
                LpRow.Normalise(row, p, radius);
            }
        });
    }

    /// <summary>Rows [<paramref name="a"/>, <paramref name="b"/>): their change is stored into <paramref name="change"/>, or,
    /// when that is null, applied to the weights. Returns false when a weight it stored is not finite.</summary>
    /// <remarks>The rows go in groups of <see cref="GroupBlocks"/> blocks of four, and each panel of g is used by every block
    /// of a group while it is in the first-level cache (a panel of 100 instances is 6.4 kB in float32), instead of the whole
    /// packed g (313 kB at 784 inputs) streaming through once per block: a quarter of the traffic from the caches further
    /// out, which two threads share. Each weight's sum is formed as before, so its bits do not change.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from its first call, see DenseProducts
    private bool RowsOf(int a, int b, T[]? change, RowScratch scratch, int[] offsets)
    {
        if (_projection.Dense is null) return SparseRowsOf(a, b, change, offsets);
        int instances = _instances, columns = _projection.Pre.Count;
        var post = _projection.Post;
        int postSize = post.Population.Size;
        var (factors, decays) = (scratch.Factors, scratch.Decays);
        var nonFinite = Vector<T>.Zero;
        for (int first = a; first < b; first += GroupRows)
        {
            int rows = Math.Min(GroupRows, b - first), blocks = (rows + BlockRows - 1) / BlockRows;
            for (int block = 0; block < blocks; block++)
            {
                int start = first + block * BlockRows, count = Math.Min(BlockRows, first + rows - start), at = block * instances * BlockRows;
                for (int n = 0; n < instances; n++)
                    for (int k = 0; k < BlockRows; k++)
                        factors[at + n * BlockRows + k] = k < count ? _f[n * postSize + post.Start + start + k] : T.Zero;
                scratch.LearningCounts[block] = Learning(factors.AsSpan(at, instances * BlockRows), scratch.Learning.AsSpan(block * instances, instances));
            }
            for (int k = 0; k < rows; k++)
            {
                T sum = T.Zero;
                if (_d is not null) for (int n = 0; n < instances; n++) sum += _d[n * postSize + post.Start + first + k];
                decays[k] = sum;
            }
            int whole = rows / BlockRows;
            nonFinite += Blocks(first, whole, columns, scratch, offsets, change);
            for (int k = whole * BlockRows; k < rows; k++)
                nonFinite += Block1(first + k, whole * instances * BlockRows, k % BlockRows, columns, factors, decays[k], offsets, change);
        }
        return Vector.EqualsAll(nonFinite, Vector<T>.Zero);
    }

    /// <summary><see cref="RowsOf"/> for a sparse projection: each stored weight with the same sums as a dense one, one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from its first call, see DenseProducts
    private bool SparseRowsOf(int a, int b, T[]? change, int[] offsets)
    {
        var (pre, post) = (_projection.Pre, _projection.Post);
        var (rowStart, columns) = (_projection.RowStart!, _projection.Columns!);
        T check = T.Zero;
        for (int r = a; r < b; r++)
        {
            T decay = T.Zero;
            if (_d is not null) for (int n = 0; n < _instances; n++) decay += _d[n * post.Population.Size + post.Start + r];
            for (int k = rowStart[r]; k < rowStart[r + 1]; k++)
            {
                T s = T.Zero;
                for (int n = 0; n < _instances; n++) s = T.FusedMultiplyAdd(_f[n * post.Population.Size + post.Start + r], _g[offsets[n] + columns[k]], s);
                T w = _weights[k], delta = s - decay * w;
                if (change is not null) change[k] = delta;
                else check += (_weights[k] = T.Min(T.Max(w + _scale * delta, _min), _max)) * T.Zero;
            }
        }
        return check == T.Zero;
    }

    private int[] PreOffsets()
    {
        var pre = _projection.Pre;
        return [.. Enumerable.Range(0, _instances).Select(n => n * pre.Population.Size + pre.Start)];
    }

    /// <summary>The instances in which at least one of a block's rows has f ≠ 0, in instance order, into
    /// <paramref name="learning"/>; returns how many. The others add only products f·g = ±0 to the block's sums, and leaving
    /// them out changes no bit: a sum that starts at +0 never becomes −0 (x + y is −0 only when both are), and adding ±0 to
    /// anything else returns it unchanged. Competitive rules (winner-take-all, Krotov &amp; Hopfield) have f = 0 for most units
    /// in most images, so most of a batch drops out of most blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from its first call, see DenseProducts
    private int Learning(ReadOnlySpan<T> factors, Span<int> learning)
    {
        int count = 0;
        for (int n = 0; n < _instances; n++)
        {
            int at = n * BlockRows;
            for (int k = 0; k < BlockRows; k++)
            {
                if (factors[at + k] != T.Zero) // −0 counts as zero, NaN as learning
                {
                    learning[count++] = n;
                    break;
                }
            }
        }
        return count;
    }

    /// <summary><paramref name="blocks"/> blocks of four rows from <paramref name="first"/>: panel by panel of two vectors of
    /// columns, every block in turn over the instances in which it learns (<see cref="Learning"/>), then each row's leftover
    /// columns from g itself. Returns zero lanes unless a stored weight is not finite (a weight times zero is zero unless it
    /// is NaN or infinite).</summary>
    /// <remarks>Four rows by two vectors, eight sums in registers, as OpenBLAS's kernel for this processor family. Six rows
    /// (twelve sums) ran a stand-alone kernel 10% faster but changed nothing measurable here (2026-12-07), and one loop
    /// that looks the list up only when not every instance learns measured no better than two loops.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from its first call, see DenseProducts
    private Vector<T> Blocks(int first, int blocks, int columns, RowScratch scratch, int[] offsets, T[]? change)
    {
        int width = Vector<T>.Count, panel = 2 * width, instances = _instances, panels = columns / panel;
        ref T rp = ref MemoryMarshal.GetArrayDataReference(_packed);
        var (factors, decays, learning) = (scratch.Factors, scratch.Decays, scratch.Learning);
        var check = Vector<T>.Zero;
        for (int p = 0; p < panels; p++)
        {
            ref T panelStart = ref Unsafe.Add(ref rp, p * instances * panel);
            int c = p * panel;
            for (int block = 0; block < blocks; block++)
            {
                Vector<T> s00 = Vector<T>.Zero, s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00, s31 = s00;
                ref T rf = ref factors[block * instances * BlockRows];
                int count = scratch.LearningCounts[block], at = block * instances;
                if (count == instances)
                {
                    // Every instance learns (a rule such as Oja's): g and f are walked straight, with no list to look up;
                    // the same instances in the same order as the list would give, so the same bits.
                    ref T g = ref panelStart;
                    ref T f = ref rf;
                    for (int n = 0; n < instances; n++)
                    {
                        var g0 = Load(ref g, 0);
                        var g1 = Load(ref g, width);
                        var f0 = new Vector<T>(f);
                        s00 = MultiplyAdd(f0, g0, s00); s01 = MultiplyAdd(f0, g1, s01);
                        var f1 = new Vector<T>(Unsafe.Add(ref f, 1));
                        s10 = MultiplyAdd(f1, g0, s10); s11 = MultiplyAdd(f1, g1, s11);
                        var f2 = new Vector<T>(Unsafe.Add(ref f, 2));
                        s20 = MultiplyAdd(f2, g0, s20); s21 = MultiplyAdd(f2, g1, s21);
                        var f3 = new Vector<T>(Unsafe.Add(ref f, 3));
                        s30 = MultiplyAdd(f3, g0, s30); s31 = MultiplyAdd(f3, g1, s31);
                        g = ref Unsafe.Add(ref g, panel);
                        f = ref Unsafe.Add(ref f, BlockRows);
                    }
                }
                else
                {
                    for (int q = 0; q < count; q++)
                    {
                        int n = learning[at + q];
                        ref T g = ref Unsafe.Add(ref panelStart, n * panel);
                        var g0 = Load(ref g, 0);
                        var g1 = Load(ref g, width);
                        ref T f = ref Unsafe.Add(ref rf, n * BlockRows);
                        var f0 = new Vector<T>(f);
                        s00 = MultiplyAdd(f0, g0, s00); s01 = MultiplyAdd(f0, g1, s01);
                        var f1 = new Vector<T>(Unsafe.Add(ref f, 1));
                        s10 = MultiplyAdd(f1, g0, s10); s11 = MultiplyAdd(f1, g1, s11);
                        var f2 = new Vector<T>(Unsafe.Add(ref f, 2));
                        s20 = MultiplyAdd(f2, g0, s20); s21 = MultiplyAdd(f2, g1, s21);
                        var f3 = new Vector<T>(Unsafe.Add(ref f, 3));
                        s30 = MultiplyAdd(f3, g0, s30); s31 = MultiplyAdd(f3, g1, s31);
                    }
                }
                int row = first + block * BlockRows, d = block * BlockRows;
                check += Finish(row, c, s00, decays[d], change) + Finish(row, c + width, s01, decays[d], change);
                check += Finish(row + 1, c, s10, decays[d + 1], change) + Finish(row + 1, c + width, s11, decays[d + 1], change);
                check += Finish(row + 2, c, s20, decays[d + 2], change) + Finish(row + 2, c + width, s21, decays[d + 2], change);
                check += Finish(row + 3, c, s30, decays[d + 3], change) + Finish(row + 3, c + width, s31, decays[d + 3], change);
            }
        }
        for (int block = 0; block < blocks; block++)
            for (int k = 0; k < BlockRows; k++)
                check += Columns(first + block * BlockRows + k, block * instances * BlockRows, k, panels * panel, columns, factors, decays[block * BlockRows + k], offsets, change);
        return check;
    }

    /// <summary>Copies g into <see cref="_packed"/>, panel after panel of two vectors of columns, each panel instance after
    /// instance: the block loop then reads one contiguous stream instead of one strided row of g per instance, which the
    /// caches and prefetchers serve (the same values in the same order, so the sums do not change).</summary>
    private void Pack(int[] offsets)
    {
        int panel = 2 * Vector<T>.Count, panels = _projection.Pre.Count / panel;
        for (int p = 0; p < panels; p++)
            for (int n = 0; n < _instances; n++)
                Array.Copy(_g, offsets[n] + p * panel, _packed, (p * _instances + n) * panel, panel);
    }

    /// <summary>One row (a block's leftover), from the first column.</summary>
    private Vector<T> Block1(int row, int factorsAt, int k, int columns, T[] factors, T decay, int[] offsets, T[]? change) =>
        Columns(row, factorsAt, k, 0, columns, factors, decay, offsets, change);

    /// <summary>Columns [<paramref name="c"/>, <paramref name="columns"/>) of one row: a vector at a time, then one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from its first call, see DenseProducts
    private Vector<T> Columns(int row, int factorsAt, int k, int c, int columns, T[] factors, T decay, int[] offsets, T[]? change)
    {
        int width = Vector<T>.Count, instances = _instances;
        ref T rg = ref MemoryMarshal.GetArrayDataReference(_g);
        var check = Vector<T>.Zero;
        for (; c <= columns - width; c += width)
        {
            var s = Vector<T>.Zero;
            for (int n = 0; n < instances; n++) s = MultiplyAdd(new Vector<T>(factors[factorsAt + n * BlockRows + k]), Load(ref rg, offsets[n] + c), s);
            check += Finish(row, c, s, decay, change);
        }
        T tail = T.Zero;
        for (; c < columns; c++)
        {
            T s = T.Zero;
            for (int n = 0; n < instances; n++) s = T.FusedMultiplyAdd(factors[factorsAt + n * BlockRows + k], Unsafe.Add(ref rg, offsets[n] + c), s);
            int at = row * columns + c;
            T w = _weights[at], delta = s - decay * w;
            if (change is not null) change[at] = delta;
            else tail += (_weights[at] = T.Min(T.Max(w + _scale * delta, _min), _max)) * T.Zero;
        }
        return check + new Vector<T>(tail);
    }

    /// <summary>One vector of a row: its change <c>s − D·w</c> stored, or applied to the weights and clipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<T> Finish(int row, int c, Vector<T> s, T decay, T[]? change)
    {
        int at = row * _projection.Pre.Count + c;
        ref T rw = ref MemoryMarshal.GetArrayDataReference(_weights);
        var w = Load(ref rw, at);
        var delta = s - new Vector<T>(decay) * w;
        if (change is not null)
        {
            Store(delta, ref MemoryMarshal.GetArrayDataReference(change), at);
            return Vector<T>.Zero;
        }
        var updated = Vector.Min(Vector.Max(w + new Vector<T>(_scale) * delta, new Vector<T>(_min)), new Vector<T>(_max));
        Store(updated, ref rw, at);
        return updated * Vector<T>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> MultiplyAdd(Vector<T> a, Vector<T> b, Vector<T> c) => Fused<T>.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load(ref T start, int offset) => Vector.LoadUnsafe(ref start, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<T> value, ref T start, int offset) => value.StoreUnsafe(ref start, (nuint)offset);
}

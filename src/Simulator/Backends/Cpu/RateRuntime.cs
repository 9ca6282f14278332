using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// A rate projection on the CPU: <c>target += W · source</c> every step, dense (blocks of SIMD dot products,
/// <see cref="DenseProducts{T}"/>) or CSR. With a batch of instances it is a matrix-matrix product: each instance's
/// source block times W into its target block. A plastic projection's weights change under its rule
/// (<see cref="OuterProductUpdate{T}"/>); with a weight transform the product reads the transformed weights, recomputed
/// after each change. A projection whose source no step changes (<see cref="HeldSource"/>) computes its product once and
/// adds the stored result each step, until the source is written or the weights change.
/// </summary>
internal sealed class RateRuntime<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Rows of W taken together across every instance of a batch: a tile of 15 rows (five blocks of three) of 784
    /// float64 weights is 94 kB, so it stays in cache while every instance's source streams past it.</summary>
    private const int RowTile = 15;

    private readonly RateProjection _projection;
    private readonly T[] _source;
    private readonly T[] _target;
    private readonly T[]? _dense;
    private readonly T[]? _values;
    private readonly int _instances;
    /// <summary>What the product reads: the weights (dense or sparse values), or their transform.</summary>
    private readonly T[] _read;
    private readonly ElementKernel? _transform;
    /// <summary>The product of a held source, [instance, post neuron]; null when the product is computed every step.</summary>
    private readonly T[]? _product;
    private bool _stale = true;

    public RateRuntime(RateProjection projection, T[] source, T[] target, int instances, bool held, CompiledPopulation pre, CompiledPopulation post)
    {
        _projection = projection;
        _source = source;
        _target = target;
        _instances = instances;
        _dense = projection.Dense?.Select(T.CreateTruncating).ToArray();
        _values = projection.Values?.Select(T.CreateTruncating).ToArray();
        if (held) _product = new T[instances * projection.Post.Count];
        if (projection.Rule is { } rule)
        {
            var weights = (_dense ?? _values)!;
            Learning = new OuterProductUpdate<T>(projection, weights, post, pre, instances);
            if (rule.Transform is not null)
            {
                _read = new T[weights.Length];
                _transform = (ElementKernel)new CpuKernelGenerator(typeof(T)).Generate(WeightTransform.Compile(projection, weights, _read));
                Transform(new Chunks(1), 0);
            }
        }
        _read ??= (_dense ?? _values)!;
    }

    /// <summary>The projection.</summary>
    public RateProjection Projection => _projection;

    /// <summary>How many times the product was computed (once per step, or once per change of a held source or the weights).</summary>
    internal long Products { get; private set; }

    /// <summary>The source was written or the weights changed: a held product is computed again at the next step.</summary>
    public void Invalidate() => _stale = true;

    /// <summary>The rule's update, for a plastic projection; null for fixed weights.</summary>
    public OuterProductUpdate<T>? Learning { get; }

    /// <summary>The weights as they are now: row-major [post, pre] for a dense projection, in the order of
    /// <see cref="RateProjection.Values"/> for a sparse one.</summary>
    public double[] Weights() => (_dense ?? _values)!.Select(double.CreateTruncating).ToArray();

    /// <summary>Sets the weights (a checkpoint's, in the layout of <see cref="Weights"/>) and recomputes the transform.</summary>
    public void Restore(double[] weights)
    {
        var into = (_dense ?? _values)!;
        if (weights.Length != into.Length)
            throw new CheckpointException($"the checkpoint has {weights.Length} weights of rate projection '{_projection.Name}', which has {into.Length}");
        for (int k = 0; k < into.Length; k++) into[k] = T.CreateTruncating(weights[k]);
        if (_transform is not null) Transform(new Chunks(1), 0);
        Invalidate();
    }

    /// <summary>Applies the rule's change (it is due) as of the end of <paramref name="step"/> (and, for a rule applied per
    /// presentation, of presentation number <paramref name="presentation"/>), normalises the rows when that is due, and
    /// recomputes the transform the product reads.</summary>
    public void Learn(Chunks chunks, long step, long presentation)
    {
        Learning!.Apply(chunks, step);
        Learning.Normalise(chunks, step, presentation);
        if (_transform is not null) Transform(chunks, step);
        Invalidate();
    }

    /// <summary>Recomputes the transformed weights; a value that is not finite stops the run naming the weight.</summary>
    private void Transform(Chunks chunks, long step)
    {
        try
        {
            chunks.For(_read.Length, (a, b) => _transform!(a, b, step));
        }
        catch (Exception e) when (NonFiniteStoreException.Within(e) is { } store)
        {
            var (pre, post) = (_projection.Pre, _projection.Post);
            int row = _dense is not null ? store.Index / pre.Count : Array.FindLastIndex(_projection.RowStart!, start => start <= store.Index);
            int column = _dense is not null ? store.Index % pre.Count : _projection.Columns![store.Index];
            double w = double.CreateTruncating((_dense ?? _values)![store.Index]);
            throw SimulationException.InSynapse(_projection.Name, store.Index, pre.Population.Name, pre.Start + column, post.Population.Name,
                post.Start + row, $"transformed W ({_projection.Rule!.Transform!.Value.Source[12..]} at w = {w})", step, step * _projection.Network.Dt, store.Value);
        }
    }

    /// <summary>Adds W · source into the target of every instance: computed now, or, for a held source, the stored product
    /// (computed again only when it is stale). Adding a stored sum gives the bits of adding it as it is computed.</summary>
    public void Apply(Chunks chunks)
    {
        var post = _projection.Post;
        if (_product is null)
        {
            Multiply(chunks, _target, post.Population.Size, post.Start);
            return;
        }
        if (_stale)
        {
            Array.Clear(_product);
            Multiply(chunks, _product, post.Count, 0);
            _stale = false;
        }
        for (int n = 0; n < _instances; n++)
        {
            var target = _target.AsSpan(n * post.Population.Size + post.Start, post.Count);
            TensorPrimitives.Add(target, _product.AsSpan(n * post.Count, post.Count), target);
        }
    }

    /// <summary>Adds W · source of every instance into <paramref name="into"/>, whose instances are <paramref name="stride"/>
    /// apart and whose slice starts at <paramref name="start"/>.</summary>
    private void Multiply(Chunks chunks, T[] into, int stride, int start)
    {
        Products++;
        var pre = _projection.Pre;
        var post = _projection.Post;
        int preStride = pre.Population.Size;
        if (_dense is not null)
        {
            // Tasks of two row tiles, handed to whichever thread is free (a late thread pool worker still takes its share).
            chunks.ForRowTasks(post.Count, 2 * RowTile, (long)post.Count * pre.Count * _instances, () => (a, b) => DenseRows(a, b, preStride, into, stride, start));
            return;
        }
        var rowStart = _projection.RowStart!;
        var columns = _projection.Columns!;
        for (int n = 0; n < _instances; n++)
        {
            var source = _source.AsSpan(n * preStride + pre.Start, pre.Count);
            var target = into.AsSpan(n * stride + start, post.Count);
            for (int j = 0; j < post.Count; j++)
            {
                T sum = T.Zero;
                for (int k = rowStart[j]; k < rowStart[j + 1]; k++) sum += _read[k] * source[columns[k]];
                target[j] += sum;
            }
        }
    }

    /// <summary>Rows [<paramref name="a"/>, <paramref name="b"/>) of a dense projection for every instance: four instances
    /// at a time three rows at a time, the instances left over one at a time four rows at a time (see <see cref="DenseProducts{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from its first call, see DenseProducts
    private void DenseRows(int a, int b, int preStride, T[] into, int stride, int start)
    {
        var pre = _projection.Pre;
        var post = _projection.Post;
        int columns = pre.Count;
        ReadOnlySpan<T> Row(int j) => _read.AsSpan(j * columns, columns);
        ReadOnlySpan<T> Source(int n) => _source.AsSpan(n * preStride + pre.Start, columns);
        Span<T> Target(int n) => into.AsSpan(n * stride + start, post.Count);
        Span<T> s = stackalloc T[12];
        for (int first = a; first < b; first += RowTile)
        {
            int last = Math.Min(b, first + RowTile), n = 0;
            for (; n + 4 <= _instances; n += 4)
            {
                ReadOnlySpan<T> x0 = Source(n), x1 = Source(n + 1), x2 = Source(n + 2), x3 = Source(n + 3);
                Span<T> t0 = Target(n), t1 = Target(n + 1), t2 = Target(n + 2), t3 = Target(n + 3);
                int j = first;
                for (; j + 3 <= last; j += 3)
                {
                    DenseProducts<T>.Rows3Sources4(Row(j), Row(j + 1), Row(j + 2), x0, x1, x2, x3, s);
                    t0[j] += s[0]; t1[j] += s[1]; t2[j] += s[2]; t3[j] += s[3];
                    t0[j + 1] += s[4]; t1[j + 1] += s[5]; t2[j + 1] += s[6]; t3[j + 1] += s[7];
                    t0[j + 2] += s[8]; t1[j + 2] += s[9]; t2[j + 2] += s[10]; t3[j + 2] += s[11];
                }
                for (; j < last; j++) // the one or two rows a tile ends with
                {
                    DenseProducts<T>.Sources4(Row(j), x0, x1, x2, x3, s);
                    t0[j] += s[0]; t1[j] += s[1]; t2[j] += s[2]; t3[j] += s[3];
                }
            }
            for (; n < _instances; n++)
            {
                var x = Source(n);
                var t = Target(n);
                int j = first;
                for (; j + 4 <= last; j += 4)
                {
                    DenseProducts<T>.Rows4(Row(j), Row(j + 1), Row(j + 2), Row(j + 3), x, s);
                    t[j] += s[0]; t[j + 1] += s[1]; t[j + 2] += s[2]; t[j + 3] += s[3];
                }
                for (; j < last; j++) t[j] += DenseProducts<T>.Dot(Row(j), x);
            }
        }
    }
}

using System.Numerics;
using System.Numerics.Tensors;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// A rate projection on the CPU: <c>target += W · source</c> every step, dense (SIMD dot products) or CSR. With a batch
/// of instances it is a matrix-matrix product: each instance's source block times W into its target block.
/// </summary>
internal sealed class RateRuntime<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Rows of W taken together across every instance of a batch: a tile of 16 rows of 784 float64 weights is
    /// 100 kB, so it stays in cache while every instance's source streams past it.</summary>
    private const int RowTile = 16;

    private readonly RateProjection _projection;
    private readonly T[] _source;
    private readonly T[] _target;
    private readonly T[]? _dense;
    private readonly T[]? _values;
    private readonly int _instances;

    public RateRuntime(RateProjection projection, T[] source, T[] target, int instances)
    {
        _projection = projection;
        _source = source;
        _target = target;
        _instances = instances;
        _dense = projection.Dense?.Select(T.CreateTruncating).ToArray();
        _values = projection.Values?.Select(T.CreateTruncating).ToArray();
    }

    public void Apply(Chunks chunks)
    {
        var pre = _projection.Pre;
        var post = _projection.Post;
        int preStride = pre.Population.Size, postStride = post.Population.Size;
        if (_dense is not null)
        {
            var dense = _dense;
            chunks.ForRows(post.Count, (long)post.Count * pre.Count * _instances, (a, b) =>
            {
                for (int first = a; first < b; first += RowTile)
                {
                    int last = Math.Min(b, first + RowTile);
                    for (int n = 0; n < _instances; n++)
                    {
                        var input = _source.AsSpan(n * preStride + pre.Start, pre.Count);
                        var target = _target.AsSpan(n * postStride + post.Start, post.Count);
                        for (int j = first; j < last; j++)
                            target[j] += TensorPrimitives.Dot<T>(dense.AsSpan(j * pre.Count, pre.Count), input);
                    }
                }
            });
            return;
        }
        var rowStart = _projection.RowStart!;
        var columns = _projection.Columns!;
        for (int n = 0; n < _instances; n++)
        {
            var source = _source.AsSpan(n * preStride + pre.Start, pre.Count);
            var target = _target.AsSpan(n * postStride + post.Start, post.Count);
            for (int j = 0; j < post.Count; j++)
            {
                T sum = T.Zero;
                for (int k = rowStart[j]; k < rowStart[j + 1]; k++) sum += _values![k] * source[columns[k]];
                target[j] += sum;
            }
        }
    }
}

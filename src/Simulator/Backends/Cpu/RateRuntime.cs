using System.Numerics;
using System.Numerics.Tensors;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>A rate projection on the CPU: <c>target += W · source</c> every step, dense (SIMD dot products) or CSR.</summary>
internal sealed class RateRuntime<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly RateProjection _projection;
    private readonly T[] _source;
    private readonly T[] _target;
    private readonly T[]? _dense;
    private readonly T[]? _values;

    public RateRuntime(RateProjection projection, T[] source, T[] target)
    {
        _projection = projection;
        _source = source;
        _target = target;
        _dense = projection.Dense?.Select(T.CreateTruncating).ToArray();
        _values = projection.Values?.Select(T.CreateTruncating).ToArray();
    }

    public void Apply(Chunks chunks)
    {
        var pre = _projection.Pre;
        var post = _projection.Post;
        var source = _source.AsSpan(pre.Start, pre.Count);
        if (_dense is not null)
        {
            var dense = _dense;
            var src = _source;
            chunks.For(post.Count, (a, b) =>
            {
                var input = src.AsSpan(pre.Start, pre.Count);
                for (int j = a; j < b; j++)
                    _target[post.Start + j] += TensorPrimitives.Dot<T>(dense.AsSpan(j * pre.Count, pre.Count), input);
            });
            return;
        }
        var rowStart = _projection.RowStart!;
        var columns = _projection.Columns!;
        for (int j = 0; j < post.Count; j++)
        {
            T sum = T.Zero;
            for (int k = rowStart[j]; k < rowStart[j + 1]; k++) sum += _values![k] * source[columns[k]];
            _target[post.Start + j] += sum;
        }
    }
}

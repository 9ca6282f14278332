using System.Numerics;
using System.Runtime.InteropServices;

namespace Dendra.Learning.Readouts;

/// <summary>
/// A float32 dot product whose sum runs in one fixed order, so a readout trains to the same bits every run on a
/// machine. <c>TensorPrimitives.Dot</c> is not used: it may start its vector loop at the first aligned element, so its
/// order of additions, and its last bits, follow where the garbage collector put the array.
/// </summary>
internal static class FixedOrderDot
{
    /// <summary>Σ a[k]·b[k]: lanes of <see cref="Vector{T}"/> from element 0, two accumulators, then the tail in order.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"vectors of {a.Length} and {b.Length} values");
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        Vector<float> even = Vector<float>.Zero, odd = Vector<float>.Zero;
        int v = 0;
        for (; v + 1 < va.Length; v += 2)
        {
            even += va[v] * vb[v];
            odd += va[v + 1] * vb[v + 1];
        }
        if (v < va.Length) even += va[v] * vb[v];
        float sum = Vector.Sum(even + odd);
        for (int k = va.Length * Vector<float>.Count; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// Dot products of rows of a dense weight matrix with source vectors, several at once so that each vector loaded from
/// memory serves more than one product: four rows against one source (a single network), or three rows (one where fewer
/// are left) against four sources (a minibatch). Every (row, source) pair is summed the same way whichever block it falls in: one
/// <see cref="Vector{T}"/> accumulator over the whole vectors of k in order (a fused multiply-add per vector, rounded
/// once, as the remaining k are), its lanes added by <see cref="Vector.Sum{T}(Vector{T})"/>, then the remaining k one by one. So an
/// instance of a batch gets bitwise the sums a single network gets, and the result does not depend on how rows and
/// instances were grouped or split over threads.
/// The kernels are compiled fully optimized from their first call (<see cref="MethodImplOptions.AggressiveOptimization"/>):
/// tiered compilation would first run them as unoptimized code with <c>Load</c> as a call per vector, for long enough to
/// show in a profile of a short run.
/// </summary>
internal static class DenseProducts<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private static int Width => Vector<T>.Count;

    /// <summary>One row with one source.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static T Dot(ReadOnlySpan<T> w, ReadOnlySpan<T> x)
    {
        ref T rw = ref MemoryMarshal.GetReference(w);
        ref T rx = ref MemoryMarshal.GetReference(x);
        int n = w.Length, k = 0;
        var a = Vector<T>.Zero;
        for (; k <= n - Width; k += Width) a = MultiplyAdd(Load(ref rw, k), Load(ref rx, k), a);
        return Tail(Vector.Sum(a), ref rw, ref rx, k, n);
    }

    /// <summary>Four rows with one source: <c>s[r] = w_r · x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows4(ReadOnlySpan<T> w0, ReadOnlySpan<T> w1, ReadOnlySpan<T> w2, ReadOnlySpan<T> w3, ReadOnlySpan<T> x, Span<T> s)
    {
        ref T r0 = ref MemoryMarshal.GetReference(w0);
        ref T r1 = ref MemoryMarshal.GetReference(w1);
        ref T r2 = ref MemoryMarshal.GetReference(w2);
        ref T r3 = ref MemoryMarshal.GetReference(w3);
        ref T rx = ref MemoryMarshal.GetReference(x);
        int n = x.Length, k = 0;
        Vector<T> a0 = Vector<T>.Zero, a1 = a0, a2 = a0, a3 = a0;
        for (; k <= n - Width; k += Width)
        {
            var v = Load(ref rx, k);
            a0 = MultiplyAdd(Load(ref r0, k), v, a0);
            a1 = MultiplyAdd(Load(ref r1, k), v, a1);
            a2 = MultiplyAdd(Load(ref r2, k), v, a2);
            a3 = MultiplyAdd(Load(ref r3, k), v, a3);
        }
        s[0] = Tail(Vector.Sum(a0), ref r0, ref rx, k, n);
        s[1] = Tail(Vector.Sum(a1), ref r1, ref rx, k, n);
        s[2] = Tail(Vector.Sum(a2), ref r2, ref rx, k, n);
        s[3] = Tail(Vector.Sum(a3), ref r3, ref rx, k, n);
    }

    /// <summary>One row with four sources: <c>s[i] = w · x_i</c>.</summary>
    public static void Sources4(ReadOnlySpan<T> w, ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3, Span<T> s)
    {
        // The same as Rows4 with the roles swapped: the products are commutative lane by lane, so w·x_i here equals
        // x_i·w there bit for bit, and Dot(w, x_i).
        Rows4(x0, x1, x2, x3, w, s);
    }

    /// <summary>Three rows with four sources: <c>s[4r + i] = w_r · x_i</c>. Twelve sums in registers with the three rows'
    /// vectors and one source vector at a time: sixteen of AVX2's sixteen, and seven loads for twelve multiply-adds where two
    /// rows need six for eight (a stand-alone kernel of this shape ran 12–20% faster than one of two rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows3Sources4(ReadOnlySpan<T> w0, ReadOnlySpan<T> w1, ReadOnlySpan<T> w2,
        ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3, Span<T> s)
    {
        ref T r0 = ref MemoryMarshal.GetReference(w0);
        ref T r1 = ref MemoryMarshal.GetReference(w1);
        ref T r2 = ref MemoryMarshal.GetReference(w2);
        ref T q0 = ref MemoryMarshal.GetReference(x0);
        ref T q1 = ref MemoryMarshal.GetReference(x1);
        ref T q2 = ref MemoryMarshal.GetReference(x2);
        ref T q3 = ref MemoryMarshal.GetReference(x3);
        int n = w0.Length, k = 0;
        Vector<T> a00 = Vector<T>.Zero, a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00,
            a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        for (; k <= n - Width; k += Width)
        {
            var u = Load(ref r0, k);
            var v = Load(ref r1, k);
            var z = Load(ref r2, k);
            var y = Load(ref q0, k);
            a00 = MultiplyAdd(u, y, a00); a10 = MultiplyAdd(v, y, a10); a20 = MultiplyAdd(z, y, a20);
            y = Load(ref q1, k);
            a01 = MultiplyAdd(u, y, a01); a11 = MultiplyAdd(v, y, a11); a21 = MultiplyAdd(z, y, a21);
            y = Load(ref q2, k);
            a02 = MultiplyAdd(u, y, a02); a12 = MultiplyAdd(v, y, a12); a22 = MultiplyAdd(z, y, a22);
            y = Load(ref q3, k);
            a03 = MultiplyAdd(u, y, a03); a13 = MultiplyAdd(v, y, a13); a23 = MultiplyAdd(z, y, a23);
        }
        s[0] = Tail(Vector.Sum(a00), ref r0, ref q0, k, n);
        s[1] = Tail(Vector.Sum(a01), ref r0, ref q1, k, n);
        s[2] = Tail(Vector.Sum(a02), ref r0, ref q2, k, n);
        s[3] = Tail(Vector.Sum(a03), ref r0, ref q3, k, n);
        s[4] = Tail(Vector.Sum(a10), ref r1, ref q0, k, n);
        s[5] = Tail(Vector.Sum(a11), ref r1, ref q1, k, n);
        s[6] = Tail(Vector.Sum(a12), ref r1, ref q2, k, n);
        s[7] = Tail(Vector.Sum(a13), ref r1, ref q3, k, n);
        s[8] = Tail(Vector.Sum(a20), ref r2, ref q0, k, n);
        s[9] = Tail(Vector.Sum(a21), ref r2, ref q1, k, n);
        s[10] = Tail(Vector.Sum(a22), ref r2, ref q2, k, n);
        s[11] = Tail(Vector.Sum(a23), ref r2, ref q3, k, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> MultiplyAdd(Vector<T> a, Vector<T> b, Vector<T> c) => Fused<T>.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load(ref T start, int k) => Vector.LoadUnsafe(ref start, (nuint)k);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Tail(T sum, ref T w, ref T x, int k, int n)
    {
        for (; k < n; k++) sum = T.FusedMultiplyAdd(Unsafe.Add(ref w, k), Unsafe.Add(ref x, k), sum);
        return sum;
    }
}

using System.Runtime.InteropServices;

namespace Dendra.Simulator.LinearAlgebra;

/// <summary>
/// Dense matrix products on an OpenCL device from CLBlast (Debian <c>libclblast1</c>), through its two C entry points
/// Dendra measures against: the products run on buffers and a queue the caller owns. Row-major, as Dendra stores
/// matrices. The simulator's own kernels run the products of a network; this layer is what they are measured against
/// (benchmarks/opencl/clblast.cs).
/// </summary>
public static partial class ClBlast
{
    private const string Library = "libclblast.so.1";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    private static readonly Lazy<string?> Missing = new(() =>
        NativeLibrary.TryLoad(Library, out _) ? null
            : $"CLBlast ({Library}) is not installed; on Debian: apt-get install libclblast1");

    /// <summary>Whether the library can be loaded here.</summary>
    public static bool IsAvailable => Missing.Value is null;

    /// <summary>Why it cannot, in one line naming the package; null when it can.</summary>
    public static string? Unavailable => Missing.Value;

    /// <summary>Enqueues C = alpha·op(A)·op(B) + beta·C on <paramref name="queue"/>, row-major: op(A) is m×k, op(B) k×n, C m×n,
    /// each buffer holding float32 (or float64 when <paramref name="isDouble"/>) values from its start.</summary>
    public static void Gemm(nint queue, bool isDouble, bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        nint a, nint b, double beta, nint c)
    {
        if (Missing.Value is { } why) throw new DllNotFoundException(why);
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"a {m}×{k} by {k}×{n} product has a negative size");
        int ta = transposeA ? Trans : NoTrans, tb = transposeB ? Trans : NoTrans;
        nuint lda = (nuint)(transposeA ? m : k), ldb = (nuint)(transposeB ? k : n), ldc = (nuint)n;
        int status = isDouble
            ? CLBlastDgemm(RowMajor, ta, tb, (nuint)m, (nuint)n, (nuint)k, alpha, a, 0, lda, b, 0, ldb, beta, c, 0, ldc, ref queue, 0)
            : CLBlastSgemm(RowMajor, ta, tb, (nuint)m, (nuint)n, (nuint)k, (float)alpha, a, 0, lda, b, 0, ldb, (float)beta, c, 0, ldc, ref queue, 0);
        // CLBlast returns OpenCL's status codes (negative) or its own (-1024 and below); 0 is success.
        if (status != 0) throw new InvalidOperationException($"CLBlast: a {m}×{k} by {k}×{n} product failed with status {status}");
    }

    [LibraryImport(Library)]
    private static partial int CLBlastSgemm(int layout, int transA, int transB, nuint m, nuint n, nuint k, float alpha,
        nint a, nuint aOffset, nuint lda, nint b, nuint bOffset, nuint ldb, float beta, nint c, nuint cOffset, nuint ldc,
        ref nint queue, nint evt);

    [LibraryImport(Library)]
    private static partial int CLBlastDgemm(int layout, int transA, int transB, nuint m, nuint n, nuint k, double alpha,
        nint a, nuint aOffset, nuint lda, nint b, nuint bOffset, nuint ldb, double beta, nint c, nuint cOffset, nuint ldc,
        ref nint queue, nint evt);
}

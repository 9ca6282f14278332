using System.Runtime.InteropServices;

namespace Dendra.Simulator.LinearAlgebra;

/// <summary>
/// Dense matrix products on an OpenCL device from CLBlast (Debian <c>libclblast1</c>), through its two C entry points
/// Dendra measures against: the products run on buffers and a queue the caller owns. Row-major, as Dendra stores
/// matrices. The OpenCL backend runs float32 minibatch products and plastic updates through it
/// (<c>Backends/OpenCl/ClBlastProducts</c>); benchmarks/opencl/dense-products.cs measures it against Dendra's own kernels.
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
        nint a, nint b, double beta, nint c) =>
        Gemm(queue, isDouble, transposeA, transposeB, m, n, k, alpha, a, 0, transposeA ? m : k, b, 0, transposeB ? k : n, beta, c, 0, n);

    /// <summary>As <see cref="Gemm(nint, bool, bool, bool, int, int, int, double, nint, nint, double, nint)"/>, on matrices
    /// that start <paramref name="aOffset"/>, <paramref name="bOffset"/>, <paramref name="cOffset"/> elements into their
    /// buffers and whose rows are <paramref name="lda"/>, <paramref name="ldb"/>, <paramref name="ldc"/> elements apart
    /// (slices of a population, instances of a batch).</summary>
    public static void Gemm(nint queue, bool isDouble, bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        nint a, int aOffset, int lda, nint b, int bOffset, int ldb, double beta, nint c, int cOffset, int ldc)
    {
        if (Missing.Value is { } why) throw new DllNotFoundException(why);
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"a {m}×{k} by {k}×{n} product has a negative size");
        if (aOffset < 0 || bOffset < 0 || cOffset < 0) throw new ArgumentException("a matrix cannot start before its buffer");
        int ta = transposeA ? Trans : NoTrans, tb = transposeB ? Trans : NoTrans;
        int status = isDouble
            ? CLBlastDgemm(RowMajor, ta, tb, (nuint)m, (nuint)n, (nuint)k, alpha, a, (nuint)aOffset, (nuint)lda, b, (nuint)bOffset, (nuint)ldb,
                beta, c, (nuint)cOffset, (nuint)ldc, ref queue, 0)
            : CLBlastSgemm(RowMajor, ta, tb, (nuint)m, (nuint)n, (nuint)k, (float)alpha, a, (nuint)aOffset, (nuint)lda, b, (nuint)bOffset,
                (nuint)ldb, (float)beta, c, (nuint)cOffset, (nuint)ldc, ref queue, 0);
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

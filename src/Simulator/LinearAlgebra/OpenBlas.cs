using System.Runtime.InteropServices;

namespace Dendra.Simulator.LinearAlgebra;

/// <summary>
/// Dense matrix products from OpenBLAS (Debian <c>libopenblas0-pthread</c>), through the few C entry points Dendra
/// needs. Our own declarations: MathNet's OpenBLAS provider wants a native wrapper library that our package source does
/// not serve, and three functions do not justify one. Row-major throughout, as Dendra stores matrices.
/// </summary>
public static partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    private static readonly Lazy<string?> Missing = new(() =>
        NativeLibrary.TryLoad(Library, out _) ? null
            : $"OpenBLAS ({Library}) is not installed; on Debian: apt-get install libopenblas0-pthread");

    /// <summary>Whether the library can be loaded here.</summary>
    public static bool IsAvailable => Missing.Value is null;

    /// <summary>Why it cannot, in one line naming the package; null when it can.</summary>
    public static string? Unavailable => Missing.Value;

    /// <summary>The number of threads OpenBLAS uses for a product.</summary>
    public static int Threads
    {
        get { Require(); return openblas_get_num_threads(); }
        set { Require(); openblas_set_num_threads(Math.Max(1, value)); }
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C in float32, row-major: op(A) is m×k, op(B) k×n, C m×n.</summary>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, float beta, Span<float> c)
    {
        Require();
        Check(m, n, k, a.Length, b.Length, c.Length);
        cblas_sgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, alpha,
            ref MemoryMarshal.GetReference(a), transposeA ? m : k, ref MemoryMarshal.GetReference(b), transposeB ? k : n,
            beta, ref MemoryMarshal.GetReference(c), n);
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C in float64, row-major: op(A) is m×k, op(B) k×n, C m×n.</summary>
    public static void Gemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, ReadOnlySpan<double> b, double beta, Span<double> c)
    {
        Require();
        Check(m, n, k, a.Length, b.Length, c.Length);
        cblas_dgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, alpha,
            ref MemoryMarshal.GetReference(a), transposeA ? m : k, ref MemoryMarshal.GetReference(b), transposeB ? k : n,
            beta, ref MemoryMarshal.GetReference(c), n);
    }

    private static void Require()
    {
        if (Missing.Value is { } why) throw new DllNotFoundException(why);
    }

    private static void Check(int m, int n, int k, int a, int b, int c)
    {
        if (m < 0 || n < 0 || k < 0 || a < (long)m * k || b < (long)k * n || c < (long)m * n)
            throw new ArgumentException($"a {m}×{k} by {k}×{n} product needs A of {(long)m * k}, B of {(long)k * n} and C of {(long)m * n} values; got {a}, {b} and {c}");
    }

    [LibraryImport(Library)]
    private static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        ref float a, int lda, ref float b, int ldb, float beta, ref float c, int ldc);

    [LibraryImport(Library)]
    private static partial void cblas_dgemm(int order, int transA, int transB, int m, int n, int k, double alpha,
        ref double a, int lda, ref double b, int ldb, double beta, ref double c, int ldc);

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);

    [LibraryImport(Library)]
    private static partial int openblas_get_num_threads();
}

namespace Dendra.Simulator.Tests.LinearAlgebra;

/// <summary>The row-major product op(A)·op(B) as a plain triple loop in float64: what the OpenBLAS and CLBlast tests
/// check their libraries against.</summary>
internal static class ReferenceProduct
{
    public static double[] Of(bool ta, bool tb, int m, int n, int k, double[] a, double[] b)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++)
                    c[i * n + j] += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        return c;
    }
}

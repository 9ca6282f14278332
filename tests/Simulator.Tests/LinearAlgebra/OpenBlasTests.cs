using Dendra.Simulator.LinearAlgebra;
using Dendra.Tests;

namespace Dendra.Simulator.Tests.LinearAlgebra;

/// <summary>Dendra's OpenBLAS declarations: row-major products, with and without transposes, against a plain triple loop.</summary>
public class OpenBlasTests
{
    public OpenBlasTests() => Prerequisite.Require(OpenBlas.Unavailable);

    [SkippableTheory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Gemm_computes_the_row_major_product_in_float64_and_float32(bool transposeA, bool transposeB)
    {
        const int m = 7, n = 5, k = 11;
        var random = new System.Random(2);
        var a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var expected = ReferenceProduct.Of(transposeA, transposeB, m, n, k, a, b);

        var c = Enumerable.Repeat(1.0, m * n).ToArray(); // beta = 0.5 keeps half of what C held
        OpenBlas.Gemm(transposeA, transposeB, m, n, k, 2.0, a, b, 0.5, c);
        for (int q = 0; q < c.Length; q++) Assert.Equal(2 * expected[q] + 0.5, c[q], 1e-12);

        var cf = new float[m * n];
        OpenBlas.Gemm(transposeA, transposeB, m, n, k, 1f, a.Select(x => (float)x).ToArray(), b.Select(x => (float)x).ToArray(), 0f, cf);
        for (int q = 0; q < cf.Length; q++) Assert.Equal(expected[q], cf[q], 1e-5);
    }

    [SkippableFact]
    public void Arrays_too_small_for_the_shape_are_refused_with_the_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => OpenBlas.Gemm(false, false, 3, 3, 3, 1.0, new double[8], new double[9], 0.0, new double[9]));
        Assert.Contains("A of 9", e.Message);
        Assert.Contains("got 8", e.Message);
    }
}

using Dendra.Simulator.Backends.Cpu;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>The CPU's blocked dot products: every block shape gives each (row, source) pair bitwise the single product,
/// which is the exact sum to rounding.</summary>
public class DenseProductsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]   // shorter than one vector
    [InlineData(64)]
    [InlineData(787)] // whole vectors and a tail
    public void Every_block_gives_each_pair_bitwise_the_single_dot_product(int length)
    {
        Check<double>(length, x => x);
        Check<float>(length, x => (float)x);
    }

    private static void Check<T>(int length, Func<double, T> convert) where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        var random = new System.Random(length);
        T[] Vector() => Enumerable.Range(0, length).Select(_ => convert(random.NextDouble() * 2 - 1)).ToArray();
        var w = Enumerable.Range(0, 4).Select(_ => Vector()).ToArray();
        var x = Enumerable.Range(0, 4).Select(_ => Vector()).ToArray();
        var single = new T[4, 4];
        for (int r = 0; r < 4; r++)
            for (int i = 0; i < 4; i++)
            {
                single[r, i] = DenseProducts<T>.Dot(w[r], x[i]);
                double exact = Enumerable.Range(0, length).Sum(k => double.CreateTruncating(w[r][k]) * double.CreateTruncating(x[i][k]));
                double tolerance = (typeof(T) == typeof(float) ? 1e-5 : 1e-13) * Enumerable.Range(0, length).Sum(k => Math.Abs(double.CreateTruncating(w[r][k] * x[i][k])));
                Assert.True(Math.Abs(double.CreateTruncating(single[r, i]) - exact) <= tolerance, $"{typeof(T).Name} row {r}, source {i}: {single[r, i]} vs exact {exact}");
            }

        var s = new T[8];
        DenseProducts<T>.Rows4(w[0], w[1], w[2], w[3], x[2], s);
        for (int r = 0; r < 4; r++) Assert.Equal(single[r, 2], s[r]);
        DenseProducts<T>.Sources4(w[1], x[0], x[1], x[2], x[3], s);
        for (int i = 0; i < 4; i++) Assert.Equal(single[1, i], s[i]);
        var s12 = new T[12];
        DenseProducts<T>.Rows3Sources4(w[2], w[3], w[0], x[0], x[1], x[2], x[3], s12);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(single[2, i], s12[i]);
            Assert.Equal(single[3, i], s12[4 + i]);
            Assert.Equal(single[0, i], s12[8 + i]);
        }
    }
}

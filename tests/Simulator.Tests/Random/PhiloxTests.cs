using Dendra.Simulator.Random;

namespace Dendra.Simulator.Tests.Random;

public class PhiloxTests
{
    private const int Draws = 200_000;
    private const ulong Seed = 0x0123_4567_89AB_CDEFUL;

    // Random123 kat_vectors, "philox4x32 10": counter (4 words), key (2 words), expected (4 words).
    [Theory]
    [InlineData(0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u,
        0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu,
        0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u,
        0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Generate_MatchesRandom123KnownAnswers(
        uint c0, uint c1, uint c2, uint c3, uint k0, uint k1,
        uint e0, uint e1, uint e2, uint e3)
    {
        var (x0, x1, x2, x3) = Philox4x32.Generate(c0, c1, c2, c3, k0, k1);

        Assert.Equal(e0, x0);
        Assert.Equal(e1, x1);
        Assert.Equal(e2, x2);
        Assert.Equal(e3, x3);
    }

    [Fact]
    public void ToOpenUnit_ExtremeBitsStayStrictlyInsideUnitInterval()
    {
        // These are the only inputs that could produce 0 or 1; 200k random draws would
        // never reach them, so they are checked directly.
        double lowest = CounterRng.ToOpenUnit(0, 0);
        double highest = CounterRng.ToOpenUnit(uint.MaxValue, uint.MaxValue);

        Assert.True(lowest > 0.0);
        Assert.True(highest < 1.0);
        Assert.True(double.IsFinite(Math.Log(lowest)));
    }

    [Fact]
    public void Uniform_IsInOpenIntervalWithExpectedMeanAndVariance()
    {
        double[] u = Sample(i => CounterRng.Uniform(Seed, 7, i));

        Assert.All(u, x => Assert.True(x > 0.0 && x < 1.0, $"draw {x} outside (0, 1)"));
        var (mean, variance) = Moments(u);
        Assert.InRange(mean, 0.495, 0.505);
        Assert.InRange(variance, (1.0 / 12.0) * 0.99, (1.0 / 12.0) * 1.01);
    }

    [Fact]
    public void Normal_HasUnitMomentsAndMatchesCdf()
    {
        double[] z = Sample(i => CounterRng.Normal(Seed, 11, i));

        Assert.All(z, x => Assert.True(double.IsFinite(x)));
        var (mean, variance) = Moments(z);
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);

        Assert.InRange(FractionBelow(z, -1.0), 0.1587 - 0.005, 0.1587 + 0.005);
        Assert.InRange(FractionBelow(z, 0.0), 0.5 - 0.005, 0.5 + 0.005);
        Assert.InRange(FractionBelow(z, 1.96), 0.975 - 0.003, 0.975 + 0.003);
        Assert.InRange(FractionBelow(z, -1.96), 0.025 - 0.003, 0.025 + 0.003);
    }

    [Fact]
    public void Normal_KolmogorovSmirnovStatisticIsSmall()
    {
        double[] z = Sample(i => CounterRng.Normal(Seed, 13, i));
        Array.Sort(z);

        double d = 0.0;
        for (int i = 0; i < z.Length; i++)
        {
            double cdf = MathNet.Numerics.Distributions.Normal.CDF(0.0, 1.0, z[i]);
            d = Math.Max(d, Math.Max(cdf - (double)i / z.Length, (double)(i + 1) / z.Length - cdf));
        }

        // 1.95 / sqrt(n) is the KS critical value at alpha = 0.001.
        Assert.True(d < 1.95 / Math.Sqrt(z.Length), $"KS statistic {d}");
    }

    [Fact]
    public void SameInputs_GiveSameOutputs()
    {
        for (ulong i = 0; i < 1000; i++)
        {
            ulong counter = i * 0x9E3779B97F4A7C15UL;
            Assert.Equal(CounterRng.Uniform(Seed, i, counter), CounterRng.Uniform(Seed, i, counter));
            Assert.Equal(CounterRng.Normal(Seed, i, counter), CounterRng.Normal(Seed, i, counter));
        }
    }

    [Fact]
    public void DifferentStreams_AreUncorrelated()
    {
        double[] a = Sample(i => CounterRng.Uniform(Seed, 0, i));
        double[] b = Sample(i => CounterRng.Uniform(Seed, 1, i));
        double[] highStream = Sample(i => CounterRng.Uniform(Seed, 1UL << 32, i));

        Assert.NotEqual(a, b);
        Assert.InRange(Correlation(a, b), -0.01, 0.01);
        Assert.InRange(Correlation(a, highStream), -0.01, 0.01);
    }

    [Fact]
    public void DifferentSeedsAndAdjacentCounters_AreUncorrelated()
    {
        double[] a = Sample(i => CounterRng.Normal(Seed, 3, i));
        double[] otherSeed = Sample(i => CounterRng.Normal(Seed + 1, 3, i));
        double[] nextCounter = Sample(i => CounterRng.Normal(Seed, 3, i + 1));

        Assert.InRange(Correlation(a, otherSeed), -0.01, 0.01);
        Assert.InRange(Correlation(a, nextCounter), -0.01, 0.01);
    }

    private static double[] Sample(Func<ulong, double> draw)
    {
        var values = new double[Draws];
        for (int i = 0; i < Draws; i++)
        {
            values[i] = draw((ulong)i);
        }

        return values;
    }

    private static (double Mean, double Variance) Moments(double[] x)
    {
        double mean = x.Average();
        double variance = x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
        return (mean, variance);
    }

    private static double FractionBelow(double[] x, double threshold) =>
        (double)x.Count(v => v < threshold) / x.Length;

    private static double Correlation(double[] a, double[] b)
    {
        double meanA = a.Average(), meanB = b.Average();
        double cov = 0.0, varA = 0.0, varB = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - meanA, db = b[i] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }

        return cov / Math.Sqrt(varA * varB);
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>Moments of a sample of input vectors (rows), which the rules' theories are stated in.</summary>
internal static class SampleStatistics
{
    /// <summary>⟨x xᵀ⟩, the correlation matrix (Hebb's and Oja's).</summary>
    public static Matrix<double> Correlation(double[][] x) =>
        Matrix<double>.Build.Dense(x[0].Length, x[0].Length, (i, k) => x.Sum(s => s[i] * s[k]) / x.Length);

    /// <summary>⟨(x − x̄)(x − x̄)ᵀ⟩, the covariance matrix (the covariance rule's).</summary>
    public static Matrix<double> CovarianceOf(double[][] x)
    {
        var mean = Mean(x);
        return Matrix<double>.Build.Dense(x[0].Length, x[0].Length, (i, k) => x.Sum(s => (s[i] - mean[i]) * (s[k] - mean[k])) / x.Length);
    }

    /// <summary>x̄, the mean of each component.</summary>
    public static double[] Mean(double[][] x) => [.. Enumerable.Range(0, x[0].Length).Select(i => x.Average(s => s[i]))];
}

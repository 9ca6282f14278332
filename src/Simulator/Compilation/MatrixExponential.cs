using MathNet.Numerics.LinearAlgebra;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// The propagators of a linear system dx/dt = A x + b held constant over a step:
/// x(t+h) = P x(t) + Q b with P = exp(A h) and Q = ∫₀ʰ exp(A s) ds.
/// </summary>
public static class MatrixExponential
{
    /// <summary>exp(M) by scaling and squaring with a Taylor series: exact to rounding for the small, well-scaled
    /// matrices of neuron models (a handful of state variables, |A·dt| ≲ 1).</summary>
    public static Matrix<double> Exp(Matrix<double> m)
    {
        double norm = m.InfinityNorm();
        int squarings = norm > 0.5 ? (int)Math.Ceiling(Math.Log2(norm / 0.5)) : 0;
        var scaled = m / Math.Pow(2, squarings);
        var result = Matrix<double>.Build.DenseIdentity(m.RowCount);
        var term = Matrix<double>.Build.DenseIdentity(m.RowCount);
        for (int k = 1; k <= 30; k++)
        {
            term = term * scaled / k;
            result += term;
            if (term.InfinityNorm() < 1e-18 * result.InfinityNorm()) break;
        }
        for (int s = 0; s < squarings; s++) result *= result;
        return result;
    }

    /// <summary>P = exp(A h) and Q = ∫₀ʰ exp(A s) ds, from the exponential of the block matrix [[A, I], [0, 0]]·h.</summary>
    public static (Matrix<double> P, Matrix<double> Q) Propagators(Matrix<double> a, double h)
    {
        int n = a.RowCount;
        var block = Matrix<double>.Build.Dense(2 * n, 2 * n);
        block.SetSubMatrix(0, 0, a * h);
        block.SetSubMatrix(0, n, Matrix<double>.Build.DenseIdentity(n) * h);
        var e = Exp(block);
        return (e.SubMatrix(0, n, 0, n), e.SubMatrix(0, n, n, n));
    }
}

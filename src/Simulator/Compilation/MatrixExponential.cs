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
    /// <remarks>
    /// SI couplings are badly scaled (1/C_m ≈ 10⁹ s⁻¹ beside 1/τ ≈ 10² s⁻¹), which would force many squarings and lose
    /// digits. A is first balanced by a diagonal similarity D⁻¹AD with power-of-two entries (exact in floating point);
    /// exp and its integral commute with the similarity, so P = D·P_B·D⁻¹ and Q = D·Q_B·D⁻¹.
    /// </remarks>
    public static (Matrix<double> P, Matrix<double> Q) Propagators(Matrix<double> a, double h)
    {
        var d = Balance(a);
        var balanced = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, (r, c) => a[r, c] * d[c] / d[r]);
        var (pb, qb) = UnbalancedPropagators(balanced, h);
        var p = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, (r, c) => pb[r, c] * d[r] / d[c]);
        var q = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount, (r, c) => qb[r, c] * d[r] / d[c]);
        return (p, q);
    }

    /// <summary>Parlett–Reinsch balancing: powers of two d_i making row and column norms of D⁻¹AD comparable.</summary>
    private static double[] Balance(Matrix<double> a)
    {
        int n = a.RowCount;
        var d = Enumerable.Repeat(1.0, n).ToArray();
        // Triangular systems (a current driving a membrane) have an empty row or column; those are scaled so
        // the other matches the largest diagonal rate instead.
        double scale = Math.Max(1e-300, Enumerable.Range(0, n).Max(i => Math.Abs(a[i, i])));
        for (int sweep = 0; sweep < 64; sweep++)
        {
            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                double row = 0, column = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == i) continue;
                    column += Math.Abs(a[j, i] * d[i] / d[j]);
                    row += Math.Abs(a[i, j] * d[j] / d[i]);
                }
                if (row == 0 && column == 0) continue;
                if (row == 0 || column == 0)
                {
                    // Scaling d_i by f divides the row by f and multiplies the column by f.
                    double g = row > 0 ? Math.Pow(2, Math.Round(Math.Log2(row / scale))) : Math.Pow(2, Math.Round(Math.Log2(scale / column)));
                    if (g != 1)
                    {
                        d[i] *= g;
                        changed = true;
                    }
                    continue;
                }
                double f = 1, s = column + row;
                while (column < row / 2) { column *= 2; row /= 2; f *= 2; }
                while (column >= row * 2) { column /= 2; row *= 2; f /= 2; }
                if ((column + row) < 0.95 * s)
                {
                    d[i] *= f;
                    changed = true;
                }
            }
            if (!changed) break;
        }
        return d;
    }

    private static (Matrix<double> P, Matrix<double> Q) UnbalancedPropagators(Matrix<double> a, double h)
    {
        int n = a.RowCount;
        var block = Matrix<double>.Build.Dense(2 * n, 2 * n);
        block.SetSubMatrix(0, 0, a * h);
        block.SetSubMatrix(0, n, Matrix<double>.Build.DenseIdentity(n) * h);
        var e = Exp(block);
        return (e.SubMatrix(0, n, 0, n), e.SubMatrix(0, n, n, n));
    }
}

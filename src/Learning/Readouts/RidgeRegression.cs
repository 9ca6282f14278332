using Dendra.Learning.Datasets;
using MathNet.Numerics.LinearAlgebra;

namespace Dendra.Learning.Readouts;

/// <summary>
/// Ridge regression, solved in closed form: the weights W and intercepts b that minimise
/// <c>Σ_k |W x_k + b − y_k|² + λ|W|²</c> (the intercepts not penalised). As a classifier it fits one-hot or ±1 targets
/// and answers the class of largest output.
/// </summary>
/// <remarks>
/// The inputs and targets are centred first, which takes the unpenalised intercept out of the system; the normal
/// equations <c>(XᵀX + λI) W = XᵀY</c> of the centred data are summed in float64 and solved by Cholesky
/// (MathNet.Numerics).
/// </remarks>
public sealed class RidgeRegression : IClassifier
{
    private RidgeRegression(double[,] weights, double[] intercepts)
    {
        Weights = weights;
        Intercepts = intercepts;
    }

    /// <inheritdoc/>
    public int Features => Weights.GetLength(1);

    /// <summary>Outputs: classes, for a classifier.</summary>
    public int Outputs => Weights.GetLength(0);

    /// <inheritdoc/>
    public int Classes => Outputs;

    /// <summary>W: [output, feature].</summary>
    public double[,] Weights { get; }

    /// <summary>b: one per output.</summary>
    public double[] Intercepts { get; }

    /// <summary>The outputs <c>W x + b</c>, in float64.</summary>
    public void Predict(ReadOnlySpan<float> row, Span<double> outputs)
    {
        if (row.Length != Features) throw new ArgumentException($"a row of {row.Length} values given to a regression of {Features} features", nameof(row));
        for (int o = 0; o < Outputs; o++)
        {
            double sum = Intercepts[o];
            for (int k = 0; k < row.Length; k++) sum += Weights[o, k] * row[k];
            outputs[o] = sum;
        }
    }

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<float> row, Span<float> scores)
    {
        Span<double> outputs = Outputs <= 256 ? stackalloc double[Outputs] : new double[Outputs];
        Predict(row, outputs);
        for (int o = 0; o < Outputs; o++) scores[o] = (float)outputs[o];
    }

    /// <summary>A classifier fitted to the one-hot (or, with <paramref name="plusMinusOne"/>, ±1) targets of <paramref name="data"/>.</summary>
    /// <param name="data">The samples.</param>
    /// <param name="penalty">λ ≥ 0.</param>
    /// <param name="plusMinusOne">Fit +1/−1 targets instead of 1/0.</param>
    public static RidgeRegression Fit(LabeledSet data, double penalty, bool plusMinusOne = false) =>
        Fit(data.CopyRow, data.Count, data.Features,
            plusMinusOne ? Targets.PlusMinusOne(data.Labels, data.Classes) : Targets.OneHot(data.Labels, data.Classes), data.Classes, penalty);

    /// <summary>Fits <paramref name="targets"/> (row-major, <paramref name="outputs"/> per sample) from <paramref name="inputs"/>
    /// (row-major, <paramref name="features"/> per sample).</summary>
    /// <exception cref="ArgumentException">Sizes that do not match, a negative λ, or λ = 0 on features that are not linearly independent.</exception>
    public static RidgeRegression Fit(float[] inputs, int features, float[] targets, int outputs, double penalty)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (!(penalty >= 0) || double.IsInfinity(penalty)) throw new ArgumentOutOfRangeException(nameof(penalty), penalty, $"the penalty λ must be 0 or more, not {penalty}");
        if (inputs.Length % features != 0) throw new ArgumentException($"{inputs.Length} input values are not rows of {features} features", nameof(inputs));
        return Fit((k, row) => inputs.AsSpan(k * features, features).CopyTo(row), inputs.Length / features, features, targets, outputs, penalty);
    }

    /// <summary>A row source: writes the features of sample k into the span.</summary>
    private delegate void RowCopier(int sample, Span<float> row);

    private static RidgeRegression Fit(RowCopier copyRow, int n, int features, float[] targets, int outputs, double penalty)
    {
        if (!(penalty >= 0) || double.IsInfinity(penalty)) throw new ArgumentOutOfRangeException(nameof(penalty), penalty, $"the penalty λ must be 0 or more, not {penalty}");
        if (targets.Length != n * outputs) throw new ArgumentException($"{targets.Length} target values are not {n} rows (one per input row) of {outputs} outputs", nameof(targets));
        if (n == 0) throw new ArgumentException("no samples to fit", "inputs");

        // The rows are read twice, one at a time into one buffer (a set of bytes converts them as they are read):
        // once for the means, once for the centred products.
        var row = new float[features];
        var inputMean = new double[features];
        for (int r = 0; r < n; r++)
        {
            copyRow(r, row);
            for (int k = 0; k < features; k++) inputMean[k] += row[k];
        }
        for (int k = 0; k < features; k++) inputMean[k] /= n;
        var targetMean = ColumnMeans(targets, n, outputs);
        // The centred products, summed over blocks of rows: XᵀX and XᵀY without a float64 copy of the whole data set.
        var gram = Matrix<double>.Build.Dense(features, features);
        var cross = Matrix<double>.Build.Dense(features, outputs);
        const int BlockRows = 1024;
        for (int first = 0; first < n; first += BlockRows)
        {
            int rows = Math.Min(BlockRows, n - first);
            var x = Matrix<double>.Build.Dense(rows, features);
            for (int r = 0; r < rows; r++)
            {
                copyRow(first + r, row);
                for (int k = 0; k < features; k++) x[r, k] = row[k] - inputMean[k];
            }
            var y = Matrix<double>.Build.Dense(rows, outputs, (r, o) => targets[(first + r) * outputs + o] - targetMean[o]);
            gram += x.TransposeThisAndMultiply(x);
            cross += x.TransposeThisAndMultiply(y);
        }
        for (int k = 0; k < features; k++) gram[k, k] += penalty;

        Matrix<double> solution;
        try
        {
            solution = gram.Cholesky().Solve(cross);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"ridge regression with λ = {penalty}: XᵀX + λI is singular (features that are constant or depend on each other); use a penalty λ > 0", nameof(penalty), e);
        }

        var weights = new double[outputs, features];
        var intercepts = new double[outputs];
        for (int o = 0; o < outputs; o++)
        {
            double intercept = targetMean[o];
            for (int k = 0; k < features; k++)
            {
                weights[o, k] = solution[k, o];
                intercept -= solution[k, o] * inputMean[k];
            }
            intercepts[o] = intercept;
        }
        return new RidgeRegression(weights, intercepts);
    }

    private static double[] ColumnMeans(float[] values, int rows, int columns)
    {
        var means = new double[columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++) means[c] += values[r * columns + c];
        }
        for (int c = 0; c < columns; c++) means[c] /= rows;
        return means;
    }
}

using Dendra.Learning.Datasets;
using Dendra.Learning.Readouts;
using MathNet.Numerics.LinearAlgebra;

namespace Dendra.Learning.Tests.Readouts;

public class RidgeRegressionTests
{
    private const int Samples = 60, Features = 4, Outputs = 2;

    private static (float[] Inputs, float[] Targets) Data(int seed, bool exact)
    {
        var random = new Random(seed);
        var inputs = Enumerable.Range(0, Samples * Features).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var targets = new float[Samples * Outputs];
        for (int k = 0; k < Samples; k++)
        {
            // y0 = 1.5 x0 − 0.5 x2 + 0.25, y1 = −x1 + 2 x3 − 1, plus noise unless exact.
            targets[k * Outputs] = (float)(1.5 * inputs[k * Features] - 0.5 * inputs[k * Features + 2] + 0.25 + (exact ? 0 : 0.1 * (random.NextDouble() - 0.5)));
            targets[k * Outputs + 1] = (float)(-inputs[k * Features + 1] + 2 * inputs[k * Features + 3] - 1 + (exact ? 0 : 0.1 * (random.NextDouble() - 0.5)));
        }
        return (inputs, targets);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(5.0)]
    public void The_fit_is_the_normal_equation_solution_with_an_unpenalised_intercept(double penalty)
    {
        var (inputs, targets) = Data(seed: 1, exact: false);
        var ridge = RidgeRegression.Fit(inputs, Features, targets, Outputs, penalty);

        // The normal equations written out with a column of ones: [X 1]ᵀ[X 1] + diag(λ, …, λ, 0), solved by LU.
        var x = Matrix<double>.Build.Dense(Samples, Features + 1, (k, f) => f < Features ? inputs[k * Features + f] : 1.0);
        var y = Matrix<double>.Build.Dense(Samples, Outputs, (k, o) => targets[k * Outputs + o]);
        var system = x.TransposeThisAndMultiply(x) + Matrix<double>.Build.DiagonalOfDiagonalArray([.. Enumerable.Repeat(penalty, Features), 0.0]);
        var expected = system.LU().Solve(x.TransposeThisAndMultiply(y));
        for (int o = 0; o < Outputs; o++)
        {
            for (int f = 0; f < Features; f++) Assert.Equal(expected[f, o], ridge.Weights[o, f], 1e-6);
            Assert.Equal(expected[Features, o], ridge.Intercepts[o], 1e-6);
        }
    }

    [Fact]
    public void Without_a_penalty_an_exact_linear_map_is_recovered()
    {
        var (inputs, targets) = Data(seed: 2, exact: true);
        var ridge = RidgeRegression.Fit(inputs, Features, targets, Outputs, penalty: 0);
        // Targets are float32, so the map is known to about their rounding.
        double[,] truth = { { 1.5, 0, -0.5, 0 }, { 0, -1, 0, 2 } };
        for (int o = 0; o < Outputs; o++)
            for (int f = 0; f < Features; f++) Assert.Equal(truth[o, f], ridge.Weights[o, f], 1e-5);
        Assert.Equal(0.25, ridge.Intercepts[0], 1e-5);
        Assert.Equal(-1, ridge.Intercepts[1], 1e-5);
    }

    [Fact]
    public void As_a_classifier_it_separates_classes_that_a_line_separates()
    {
        // Class = which side of x0 + x1 = 0 a point lies on, kept 0.2 away from the line.
        var random = new Random(3);
        var points = Enumerable.Range(0, 400).Select(_ => (X: random.NextDouble() * 2 - 1, Y: random.NextDouble() * 2 - 1)).Where(p => Math.Abs(p.X + p.Y) > 0.2).ToList();
        var data = new LabeledSet([.. points.SelectMany(p => new[] { (float)p.X, (float)p.Y })], [.. points.Select(p => p.X + p.Y > 0 ? 1 : 0)], 2, 2);
        Assert.Equal(1.0, RidgeRegression.Fit(data, penalty: 1e-3).Evaluate(data).Accuracy);
        Assert.Equal(1.0, RidgeRegression.Fit(data, penalty: 1e-3, plusMinusOne: true).Evaluate(data).Accuracy);
    }

    [Fact]
    public void A_constant_feature_without_a_penalty_asks_for_one()
    {
        var inputs = new float[] { 1, 0, 2, 0, 3, 0 };
        var e = Assert.Throws<ArgumentException>(() => RidgeRegression.Fit(inputs, 2, [1, 2, 3], 1, penalty: 0));
        Assert.StartsWith("ridge regression with λ = 0: XᵀX + λI is singular", e.Message);
        Assert.Equal(1.0, RidgeRegression.Fit(inputs, 2, [1, 2, 3], 1, penalty: 1e-9).Weights[0, 0], 1e-6);
    }
}

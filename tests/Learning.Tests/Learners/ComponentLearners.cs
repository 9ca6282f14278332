using Dendra.Learning.Datasets;
using Dendra.Learning.Learners;
using MathNet.Numerics.LinearAlgebra;

namespace Dendra.Learning.Tests.Learners;

/// <summary>
/// Two learners of the leading principal components, for the comparison tests: Sanger's generalised Hebbian
/// algorithm (Oja's rule for several units) in minibatches, and a closed-form PCA of all the samples seen.
/// </summary>
internal static class ComponentLearners
{
    /// <summary>Samples in 6-D with variances 9, 4, 1, 0.25, 0.09, 0.04 along a rotated basis drawn by <paramref name="seed"/>.</summary>
    public static (LabeledSet Data, Matrix<double> Basis) Gaussian(int count, int seed, Matrix<double>? basis = null)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[] sd = [3, 2, 1, 0.5, 0.3, 0.2];
        basis ??= Matrix<double>.Build.Dense(6, 6, (_, _) => Normal()).QR().Q;
        var inputs = new float[count * 6];
        for (int k = 0; k < count; k++)
        {
            var x = basis * Vector<double>.Build.Dense(6, i => sd[i] * Normal());
            for (int f = 0; f < 6; f++) inputs[6 * k + f] = (float)x[f];
        }
        return (new LabeledSet(inputs, new int[count], 6, 1), basis);
    }

    /// <summary>The share of the data's variance that the (orthonormalised) weights' span captures.</summary>
    public static double ExplainedVariance(Learner learner, LabeledSet data)
    {
        var w = Matrix<double>.Build.Dense(learner.Units, learner.Features, (u, f) => learner.Weights[u * learner.Features + f]);
        var q = w.Transpose().QR().Q.SubMatrix(0, learner.Features, 0, learner.Units);
        var x = Matrix<double>.Build.Dense(data.Count, data.Features, (k, f) => data.Inputs[k * data.Features + f]);
        return (x * q).FrobeniusNorm() is var p && x.FrobeniusNorm() is var t ? p * p / (t * t) : double.NaN;
    }

    /// <summary>Sanger's rule: <c>ΔW = η (y xᵀ − LT(y yᵀ) W)</c> summed over the batch, y = W x, η annealed linearly.</summary>
    public sealed class Sanger(int units, double rate) : Learner("sanger", units, 6)
    {
        public override string Metric => "explained variance";

        public override double Evaluate(LabeledSet data) => ExplainedVariance(this, data);

        public override void Learn(Minibatch batch, double progress)
        {
            var w = Matrix<double>.Build.Dense(Units, Features, (u, f) => Weights[u * Features + f]);
            var x = Matrix<double>.Build.Dense(batch.Count, Features, (k, f) => batch.Inputs[k * Features + f]);
            var y = x * w.Transpose();
            var delta = y.Transpose() * x - (y.Transpose() * y).LowerTriangle() * w;
            w += rate * (1 - progress) / batch.Count * delta;
            for (int u = 0; u < Units; u++)
                for (int f = 0; f < Features; f++) Weights[u * Features + f] = (float)w[u, f];
        }
    }

    /// <summary>The leading eigenvectors of the second-moment matrix of every sample seen so far, largest first.</summary>
    public sealed class ClosedForm(int units) : Learner("pca", units, 6)
    {
        private Matrix<double> _moments = Matrix<double>.Build.Dense(6, 6);

        public override string Metric => "explained variance";

        public override double Evaluate(LabeledSet data) => ExplainedVariance(this, data);

        public override void Initialize(ReadOnlySpan<float> weights)
        {
            base.Initialize(weights);
            _moments = Matrix<double>.Build.Dense(6, 6);
        }

        public override void Learn(Minibatch batch, double progress)
        {
            var x = Matrix<double>.Build.Dense(batch.Count, Features, (k, f) => batch.Inputs[k * Features + f]);
            _moments += x.TransposeThisAndMultiply(x);
            var eigen = _moments.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
            // MathNet sorts eigenvalues ascending: the last columns lead.
            for (int u = 0; u < Units; u++)
                for (int f = 0; f < Features; f++) Weights[u * Features + f] = (float)eigen.EigenVectors[f, Features - 1 - u];
        }
    }
}

using System.Numerics.Tensors;
using Dendra.Learning.Datasets;

namespace Dendra.Learning.Readouts;

/// <summary>
/// Multinomial logistic regression: scores <c>z = W x + b</c>, class probabilities <c>softmax(z)</c>, trained on the
/// cross-entropy by <see cref="Train"/>. The usual linear readout of a representation (or of raw pixels).
/// </summary>
/// <remarks>
/// Training is deterministic: the same data, settings and seed give the same weights bit for bit on a machine, however
/// many threads share the work (each sample's scores and each class's gradient are summed in one fixed order).
/// </remarks>
public sealed class SoftmaxRegression : IClassifier
{
    /// <summary>A readout with all weights and biases zero (every class equally likely).</summary>
    public SoftmaxRegression(int features, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        Features = features;
        Classes = classes;
        Weights = new float[classes * features];
        Biases = new float[classes];
    }

    /// <inheritdoc/>
    public int Features { get; }

    /// <inheritdoc/>
    public int Classes { get; }

    /// <summary>W, row-major: class c's weights are <c>Weights[c*Features .. (c+1)*Features]</c>.</summary>
    public float[] Weights { get; }

    /// <summary>b, one per class.</summary>
    public float[] Biases { get; }

    /// <summary>The weights of class <paramref name="c"/>: a receptive field, for raw pixels.</summary>
    public Span<float> WeightsOf(int c) => Weights.AsSpan(c * Features, Features);

    /// <summary>The scores (logits) <c>W x + b</c>.</summary>
    public void Scores(ReadOnlySpan<float> row, Span<float> scores)
    {
        for (int c = 0; c < Classes; c++) scores[c] = Biases[c] + FixedOrderDot.Dot(WeightsOf(c), row);
    }

    /// <summary>The class probabilities <c>softmax(W x + b)</c>.</summary>
    public void Probabilities(ReadOnlySpan<float> row, Span<float> probabilities)
    {
        Scores(row, probabilities);
        Softmax(probabilities);
    }

    /// <summary>The mean cross-entropy −log p(label) over <paramref name="data"/>, in nats.</summary>
    public double Loss(LabeledSet data)
    {
        var losses = new double[data.Count];
        Parallel.For(0, data.Count, () => (Row: new float[Features], P: new float[Classes]), (k, _, buffers) =>
        {
            data.CopyRow(k, buffers.Row);
            Probabilities(buffers.Row, buffers.P);
            losses[k] = -Math.Log(Math.Max(buffers.P[data.Labels[k]], float.Epsilon));
            return buffers;
        }, _ => { });
        return losses.Sum() / data.Count;
    }

    /// <summary>
    /// Trains a new readout on <paramref name="data"/>. <paramref name="afterEpoch"/>, when given, is told each epoch's
    /// number (from 1) and the mean training loss of its minibatches (a learning curve).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A training setting out of range (a batch size ≤ 0, say).</exception>
    public static SoftmaxRegression Train(LabeledSet data, SoftmaxTraining? training = null, Action<int, double>? afterEpoch = null)
    {
        training ??= new SoftmaxTraining();
        training.Validate();
        var readout = new SoftmaxRegression(data.Features, data.Classes);
        new AdamTrainer(readout, training).Run(data, afterEpoch);
        return readout;
    }

    /// <summary>Turns scores into probabilities in place, the largest score subtracted first so that exp cannot overflow.</summary>
    internal static void Softmax(Span<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        float sum = 0;
        for (int c = 0; c < values.Length; c++) sum += values[c] = MathF.Exp(values[c] - max);
        for (int c = 0; c < values.Length; c++) values[c] /= sum;
    }

    /// <summary>Adam's state and one step per minibatch.</summary>
    private sealed class AdamTrainer(SoftmaxRegression readout, SoftmaxTraining training)
    {
        private readonly int _features = readout.Features;
        private readonly int _classes = readout.Classes;
        // One row per class: the weights' gradient followed by the bias's, so that a class is one contiguous update.
        private readonly float[] _gradient = new float[readout.Classes * (readout.Features + 1)];
        private readonly float[] _mean = new float[readout.Classes * (readout.Features + 1)];
        private readonly float[] _meanSquare = new float[readout.Classes * (readout.Features + 1)];
        private long _steps;

        public void Run(LabeledSet data, Action<int, double>? afterEpoch)
        {
            for (int epoch = 1; epoch <= training.Epochs; epoch++)
            {
                double lossSum = 0;
                int batches = 0;
                // A different order each epoch, all drawn from the one seed.
                foreach (var batch in data.Batches(training.BatchSize, SeededShuffle.ForEpoch(training.Seed, epoch), reuseArrays: true))
                {
                    lossSum += Step(batch);
                    batches++;
                }
                afterEpoch?.Invoke(epoch, lossSum / batches);
            }
        }

        /// <summary>One Adam step on <paramref name="batch"/>; returns the batch's mean loss before the step.</summary>
        private double Step(Minibatch batch)
        {
            int n = batch.Count;
            // errors[b, c] = (p(c | x_b) − [c = label_b]) / n: the gradient of the mean loss with respect to the scores.
            var errors = new float[n * _classes];
            var losses = new double[n];
            Parallel.For(0, n, b =>
            {
                var e = errors.AsSpan(b * _classes, _classes);
                readout.Probabilities(batch.Inputs.AsSpan(b * _features, _features), e);
                int label = batch.Labels[b];
                losses[b] = -Math.Log(Math.Max(e[label], float.Epsilon));
                e[label] -= 1;
                for (int c = 0; c < _classes; c++) e[c] /= n;
            });
            _steps++;
            double correction1 = 1 - Math.Pow(training.Beta1, _steps), correction2 = 1 - Math.Pow(training.Beta2, _steps);
            float stepSize = (float)(training.LearningRate * Math.Sqrt(correction2) / correction1);
            float beta1 = (float)training.Beta1, beta2 = (float)training.Beta2, epsilon = (float)(training.Epsilon * Math.Sqrt(correction2));
            float decay = (float)training.WeightDecay;
            // Each class's gradient is summed over the batch in order, by one thread: the same bits whatever the threads.
            Parallel.For(0, _classes, c =>
            {
                int row = _features + 1;
                var gradient = _gradient.AsSpan(c * row, row);
                var weightGradient = gradient[.._features];
                var weights = readout.WeightsOf(c);
                float biasGradient = 0;
                for (int k = 0; k < _features; k++) weightGradient[k] = decay * weights[k];
                for (int b = 0; b < n; b++)
                {
                    float error = errors[b * _classes + c];
                    if (error == 0) continue;
                    biasGradient += error;
                    var x = batch.Inputs.AsSpan(b * _features, _features);
                    // Element by element (a product then a sum, not fused): no order of additions to depend on alignment.
                    TensorPrimitives.MultiplyAdd(x, error, weightGradient, weightGradient);
                }
                gradient[_features] = biasGradient;

                var mean = _mean.AsSpan(c * row, row);
                var meanSquare = _meanSquare.AsSpan(c * row, row);
                for (int k = 0; k < row; k++)
                {
                    float g = gradient[k];
                    mean[k] = beta1 * mean[k] + (1 - beta1) * g;
                    meanSquare[k] = beta2 * meanSquare[k] + (1 - beta2) * g * g;
                    // The bias-corrected step of Kingma & Ba (2015), section 2, with ε scaled as in their "efficient" form.
                    float delta = stepSize * mean[k] / (MathF.Sqrt(meanSquare[k]) + epsilon);
                    if (k < _features) weights[k] -= delta;
                    else readout.Biases[c] -= delta;
                }
            });
            double sum = 0;
            foreach (var l in losses) sum += l;
            return sum / n;
        }
    }
}

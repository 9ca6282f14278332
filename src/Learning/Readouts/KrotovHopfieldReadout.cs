using Dendra.Learning.Datasets;

namespace Dendra.Learning.Readouts;

/// <summary>
/// Krotov &amp; Hopfield's readout of a hidden layer (2019, PNAS, eq. 9): outputs <c>c = tanh(β S relu(h)^n)</c>, one per
/// class, from a row of hidden activities h, trained against ±1 targets on <c>Σ_α |c_α − t_α|^m</c>. The high power n
/// lets a few strongly driven units decide; the loss power m puts the weight on the worst outputs.
/// </summary>
/// <remarks>
/// Training is deterministic: the same data, settings and seed give the same weights bit for bit on a machine, however
/// many threads share the work (each sample's outputs and each class's gradient are summed in one fixed order).
/// </remarks>
public sealed class KrotovHopfieldReadout : IClassifier
{
    /// <summary>A readout with all weights zero (every output 0) for the activation power n and gain β.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Sizes below 1, n or β not positive.</exception>
    public KrotovHopfieldReadout(int features, int classes, double power, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        new KrotovHopfieldTraining { Power = power, Beta = beta }.Validate();
        Features = features;
        Classes = classes;
        Power = power;
        Beta = beta;
        Weights = new float[classes * features];
    }

    /// <inheritdoc/>
    public int Features { get; }

    /// <inheritdoc/>
    public int Classes { get; }

    /// <summary>n, the power of the rectified input.</summary>
    public double Power { get; }

    /// <summary>β, the gain inside the tanh.</summary>
    public double Beta { get; }

    /// <summary>The activations are <c>relu(h)^n / Scale</c>: 1 unless training measured it
    /// (<see cref="KrotovHopfieldTraining.ScaleActivations"/>); positive.</summary>
    public float Scale
    {
        get => _scale;
        set
        {
            if (!(value > 0) || !float.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(Scale), value, $"the activation scale must be a positive number, not {value}");
            _scale = value;
        }
    }

    private float _scale = 1;

    /// <summary>S, row-major: class α's weights are <c>Weights[α*Features .. (α+1)*Features]</c>.</summary>
    public float[] Weights { get; }

    /// <summary>The weights of class <paramref name="c"/>.</summary>
    public Span<float> WeightsOf(int c) => Weights.AsSpan(c * Features, Features);

    /// <summary>The outputs <c>c = tanh(β S relu(h)^n)</c> in (−1, 1): the scores of the classes.</summary>
    public void Scores(ReadOnlySpan<float> row, Span<float> scores)
    {
        if (row.Length != Features) throw new ArgumentException($"a row of {row.Length} values given to a readout of {Features} features", nameof(row));
        // On the stack up to 16 KB (4,096 hidden units): Predict calls this once per sample.
        Span<float> activated = Features <= 4096 ? stackalloc float[Features] : new float[Features];
        Activate(row, activated, (float)Power, _scale);
        Outputs(activated, scores);
    }

    /// <summary>relu(h)^n / scale, element by element.</summary>
    internal static void Activate(ReadOnlySpan<float> row, Span<float> activated, float power, float scale)
    {
        for (int k = 0; k < row.Length; k++) activated[k] = row[k] > 0 ? MathF.Pow(row[k], power) / scale : 0f;
    }

    /// <summary>The scale that makes β times the largest activation of the mean sample 1: β × mean over the rows of
    /// max relu(h)^n (1 when no row has a positive value).</summary>
    private static float MeasuredScale(LabeledSet data, double power, double beta)
    {
        double sum = 0;
        var row = new float[data.Features];
        for (int k = 0; k < data.Count; k++)
        {
            data.CopyRow(k, row);
            float largest = 0;
            foreach (var h in row) largest = Math.Max(largest, h);
            sum += Math.Pow(largest, power);
        }
        double scale = beta * sum / data.Count;
        return scale > 0 && double.IsFinite(scale) ? (float)scale : 1f;
    }

    /// <summary>tanh(β S a) for an activated row a.</summary>
    private void Outputs(ReadOnlySpan<float> activated, Span<float> outputs)
    {
        float beta = (float)Beta;
        for (int c = 0; c < Classes; c++) outputs[c] = MathF.Tanh(beta * FixedOrderDot.Dot(WeightsOf(c), activated));
    }

    /// <summary>The mean over the samples of <c>Σ_α |c_α − t_α|^m</c> with ±1 targets.</summary>
    public double Loss(LabeledSet data, double lossPower)
    {
        CheckSet(data);
        var losses = new double[data.Count];
        Parallel.For(0, data.Count, () => (Row: new float[Features], Outputs: new float[Classes]), (k, _, buffers) =>
        {
            data.CopyRow(k, buffers.Row);
            Activate(buffers.Row, buffers.Row, (float)Power, _scale);
            Outputs(buffers.Row, buffers.Outputs);
            losses[k] = SampleLoss(buffers.Outputs, data.Labels[k], lossPower);
            return buffers;
        }, _ => { });
        return losses.Sum() / data.Count;
    }

    private static double SampleLoss(ReadOnlySpan<float> outputs, int label, double lossPower)
    {
        double loss = 0;
        for (int c = 0; c < outputs.Length; c++) loss += Math.Pow(Math.Abs(outputs[c] - (c == label ? 1.0 : -1.0)), lossPower);
        return loss;
    }

    private void CheckSet(LabeledSet data)
    {
        if (data.Features != Features) throw new ArgumentException($"rows of {data.Features} values given to a readout of {Features} features", nameof(data));
        if (data.Classes != Classes) throw new ArgumentException($"the set has {data.Classes} classes, the readout {Classes}", nameof(data));
    }

    /// <summary>
    /// Trains a new readout on <paramref name="data"/> (rows of hidden activities h). <paramref name="afterEpoch"/>, when
    /// given, is told each epoch's number (from 1) and the mean training loss of its minibatches (a learning curve).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A training setting out of range (a batch size ≤ 0, m &lt; 1, say).</exception>
    public static KrotovHopfieldReadout Train(LabeledSet data, KrotovHopfieldTraining? training = null, Action<int, double>? afterEpoch = null)
    {
        training ??= new KrotovHopfieldTraining();
        training.Validate();
        var readout = new KrotovHopfieldReadout(data.Features, data.Classes, training.Power, training.Beta);
        if (training.ScaleActivations) readout.Scale = MeasuredScale(data, training.Power, training.Beta);
        var trainer = new Trainer(readout, training);
        for (int epoch = 1; epoch <= training.Epochs; epoch++)
        {
            trainer.StepScale = training.Annealed ? (training.Epochs - epoch + 1.0) / training.Epochs : 1;
            double lossSum = 0;
            int batches = 0;
            // A different order each epoch, all drawn from the one seed.
            foreach (var batch in data.Batches(training.BatchSize, SeededShuffle.ForEpoch(training.Seed, epoch), reuseArrays: true))
            {
                lossSum += trainer.Step(batch);
                batches++;
            }
            afterEpoch?.Invoke(epoch, lossSum / batches);
        }
        return readout;
    }

    /// <summary>
    /// The mean loss of <paramref name="batch"/> and its gradient with respect to <see cref="Weights"/> (same layout),
    /// written into <paramref name="gradient"/>: <c>∂/∂S_αμ = mean_b m |c−t|^(m−1) sgn(c−t) (1 − c²) β relu(h_μ)^n</c>.
    /// </summary>
    internal double LossAndGradient(Minibatch batch, double lossPower, float[] gradient)
    {
        int n = batch.Count;
        var activated = new float[n * Features];
        var errors = new float[n * Classes];
        var losses = new double[n];
        float power = (float)Power, beta = (float)Beta;
        Parallel.For(0, n, b =>
        {
            var a = activated.AsSpan(b * Features, Features);
            Activate(batch.Inputs.AsSpan(b * Features, Features), a, power, _scale);
            var c = errors.AsSpan(b * Classes, Classes);
            Outputs(a, c);
            losses[b] = SampleLoss(c, batch.Labels[b], lossPower);
            for (int o = 0; o < Classes; o++)
            {
                double difference = c[o] - (o == batch.Labels[b] ? 1.0 : -1.0);
                // d|d|^m/dd = m |d|^(m−1) sgn(d); dtanh(z)/dz = 1 − tanh²; the mean over the batch.
                c[o] = (float)(lossPower * Math.Pow(Math.Abs(difference), lossPower - 1) * Math.Sign(difference) * (1 - (double)c[o] * c[o]) * beta / n);
            }
        });
        // Each class's gradient is summed over the batch in order, by one thread: the same bits whatever the threads.
        Parallel.For(0, Classes, o =>
        {
            var g = gradient.AsSpan(o * Features, Features);
            g.Clear();
            for (int b = 0; b < n; b++)
            {
                float error = errors[b * Classes + o];
                if (error == 0) continue;
                var a = activated.AsSpan(b * Features, Features);
                for (int k = 0; k < Features; k++) g[k] += error * a[k];
            }
        });
        double sum = 0;
        foreach (var l in losses) sum += l;
        return sum / n;
    }

    /// <summary>Adam's state and one step per minibatch.</summary>
    private sealed class Trainer(KrotovHopfieldReadout readout, KrotovHopfieldTraining training)
    {
        private readonly float[] _gradient = new float[readout.Weights.Length];
        private readonly float[] _mean = new float[readout.Weights.Length];
        private readonly float[] _meanSquare = new float[readout.Weights.Length];
        private long _steps;

        /// <summary>What the learning rate is multiplied by in this epoch (1 unless the step is annealed).</summary>
        public double StepScale { get; set; } = 1;

        /// <summary>One Adam step; returns the batch's mean loss before the step.</summary>
        public double Step(Minibatch batch)
        {
            double loss = readout.LossAndGradient(batch, training.LossPower, _gradient);
            _steps++;
            double correction1 = 1 - Math.Pow(training.Beta1, _steps), correction2 = 1 - Math.Pow(training.Beta2, _steps);
            float stepSize = (float)(training.LearningRate * StepScale * Math.Sqrt(correction2) / correction1);
            float beta1 = (float)training.Beta1, beta2 = (float)training.Beta2, epsilon = (float)(training.Epsilon * Math.Sqrt(correction2));
            var weights = readout.Weights;
            for (int k = 0; k < weights.Length; k++)
            {
                float g = _gradient[k];
                _mean[k] = beta1 * _mean[k] + (1 - beta1) * g;
                _meanSquare[k] = beta2 * _meanSquare[k] + (1 - beta2) * g * g;
                // The bias-corrected step of Kingma & Ba (2015), section 2, with ε scaled as in their "efficient" form.
                weights[k] -= stepSize * _mean[k] / (MathF.Sqrt(_meanSquare[k]) + epsilon);
            }
            return loss;
        }
    }
}

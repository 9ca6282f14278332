using Dendra.Learning.Datasets;
using Dendra.Learning.Learners;

namespace Dendra.Networks.KrotovHopfield;

/// <summary>
/// What Krotov &amp; Hopfield's two learners share: hidden units that learn receptive fields without labels, a learning
/// rate ε annealed linearly from ε₀ to 0 over the training run, and an optional readout accuracy as their metric.
/// </summary>
public abstract class KrotovHopfieldLearner : Learner
{
    /// <summary>A learner of <paramref name="hidden"/> units of <paramref name="inputs"/> inputs starting at ε₀ = <paramref name="epsilon"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">ε₀ not positive and finite.</exception>
    protected KrotovHopfieldLearner(string name, int hidden, int inputs, double epsilon) : base(name, hidden, inputs)
    {
        if (!(epsilon > 0) || !double.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"ε (the learning rate) must be a finite positive number, not {epsilon}");
        Epsilon = epsilon;
    }

    /// <summary>ε₀, the learning rate at the start of training.</summary>
    public double Epsilon { get; }

    /// <summary>How <see cref="Evaluate"/> measures the hidden layer; null (the default): it does not, and returns NaN.</summary>
    public ReadoutEvaluation? Readout { get; init; }

    /// <inheritdoc />
    public override string Metric => "readout accuracy";

    /// <summary>ε at <paramref name="progress"/> (0 to 1) of the training: <c>ε₀ (1 − progress)</c>.</summary>
    public double RateAt(double progress) => Epsilon * (1 - progress);

    /// <summary>The readout's accuracy on <paramref name="data"/> (see <see cref="Readout"/>); NaN without one.</summary>
    public override double Evaluate(LabeledSet data) => Readout is { } readout ? readout.Accuracy(Weights, Units, data) : double.NaN;

    private bool _moved; // the weights where the learner learns moved since they were last copied into Weights

    /// <summary>Says that the weights where the learner learns (<see cref="CopyLearnedWeights"/>) have moved, or, with
    /// <paramref name="moved"/> false, that they are again those of <see cref="Learner.Weights"/> (after a start from them).</summary>
    protected void WeightsMoved(bool moved = true) => _moved = moved;

    /// <inheritdoc />
    protected sealed override void BringWeightsUpToDate(float[] weights)
    {
        if (!_moved) return;
        CopyLearnedWeights(weights);
        _moved = false;
    }

    /// <summary>Copies the weights from where the learner learns them into <paramref name="weights"/>; called only when they
    /// have moved since the last copy.</summary>
    protected abstract void CopyLearnedWeights(float[] weights);
}

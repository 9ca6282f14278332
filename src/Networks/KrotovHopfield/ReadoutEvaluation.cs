using Dendra.Learning.Datasets;
using Dendra.Learning.Readouts;

namespace Dendra.Networks.KrotovHopfield;

/// <summary>
/// How a Krotov–Hopfield learner measures what its hidden units are worth: Krotov &amp; Hopfield's readout
/// (<see cref="KrotovHopfieldReadout"/>) trained on the frozen hidden layer of <paramref name="Train"/>, its accuracy on
/// the evaluation set. It costs a readout's training per evaluation (one per epoch in a training run), so learners
/// leave it off unless given one.
/// </summary>
/// <param name="Train">The labelled images the readout learns from (a few thousand training images suffice for a curve).</param>
/// <param name="Training">The readout's training (its defaults when null).</param>
public sealed record ReadoutEvaluation(LabeledSet Train, KrotovHopfieldTraining? Training = null)
{
    /// <summary>The readout's accuracy on <paramref name="data"/>, trained on <see cref="Train"/>, reading the hidden layer of
    /// <paramref name="weights"/> ([hidden, inputs]).</summary>
    public double Accuracy(ReadOnlySpan<float> weights, int hidden, LabeledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var readout = KrotovHopfieldReadout.Train(HiddenLayer.Of(weights, hidden, Train), Training);
        return readout.Evaluate(HiddenLayer.Of(weights, hidden, data)).Accuracy;
    }
}

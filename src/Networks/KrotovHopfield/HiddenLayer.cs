using Dendra.Learning.Datasets;
using Dendra.Simulator.LinearAlgebra;

namespace Dendra.Networks.KrotovHopfield;

/// <summary>
/// The hidden layer a readout reads from learned competing hidden units: <c>W v</c> of every image (the plain weights,
/// not their p-transform, as in Krotov &amp; Hopfield's classifier), computed once with the weights frozen.
/// </summary>
public static class HiddenLayer
{
    /// <summary>The responses <c>W v</c> of every image of <paramref name="images"/>, as a labelled set of
    /// <paramref name="hidden"/> features with the images' labels.</summary>
    /// <param name="weights">The weights, row-major [hidden, inputs].</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="images">The images.</param>
    /// <exception cref="ArgumentException">Weights that are not hidden × the images' features.</exception>
    public static LabeledSet Of(ReadOnlySpan<float> weights, int hidden, LabeledSet images)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        int inputs = images.Features;
        if (weights.Length != hidden * inputs)
            throw new ArgumentException($"{hidden} units reading {inputs} inputs need {hidden * inputs} weights, got {weights.Length}", nameof(weights));
        var responses = new float[images.Count * hidden];
        int done = 0;
        foreach (var part in images.Batches(1000, reuseArrays: true))
        {
            OpenBlas.Gemm(false, true, part.Count, hidden, inputs, 1f, part.Inputs.AsSpan(0, part.Count * inputs), weights, 0f,
                responses.AsSpan(done * hidden, part.Count * hidden));
            done += part.Count;
        }
        return new LabeledSet(responses, images.Labels, hidden, images.Classes);
    }
}

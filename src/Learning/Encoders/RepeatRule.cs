using Dendra.Simulator.Graph;

namespace Dendra.Learning.Encoders;

/// <summary>
/// Diehl &amp; Cook's (2015) rule for a network that did not answer: when <see cref="Answering"/> fired fewer than
/// <see cref="MinSpikes"/> spikes while a sample was shown, the sample is shown again with the encoder's scale (the
/// maximum input rate) raised by <see cref="ScaleStep"/>, at most <see cref="MaxRepeats"/> times; the scale returns to
/// its value afterwards. They show one image at a time (a batch of 1) and ask for 5 spikes, raising 32 Hz at a time
/// (an intensity of 1 then fires at 63.75 Hz, 95.75 Hz, …). A spiking network runs one instance, so the minibatch is
/// one image; were <see cref="Answering"/> a population of a batched network, its spikes would count over all instances
/// and the whole minibatch would be shown again.
/// </summary>
/// <param name="Answering">The population whose spikes count as the network's answer (the excitatory layer).</param>
/// <param name="MinSpikes">Spikes the answer needs; fewer and the sample is shown again.</param>
/// <param name="ScaleStep">What each repeat adds to the encoder's scale (Hz for a Poisson encoder).</param>
/// <param name="MaxRepeats">Most repeats of one sample (so an unresponsive network cannot loop forever).</param>
public sealed record RepeatRule(Population Answering, int MinSpikes, double ScaleStep, int MaxRepeats)
{
    /// <summary>Checks the rule's numbers.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Answering);
        if (MinSpikes < 1) throw new ArgumentOutOfRangeException(nameof(MinSpikes), MinSpikes, "the repeat rule asks for at least one spike");
        if (!(ScaleStep > 0) || !double.IsFinite(ScaleStep)) throw new ArgumentOutOfRangeException(nameof(ScaleStep), ScaleStep, "each repeat raises the input by a positive, finite step");
        if (MaxRepeats < 1) throw new ArgumentOutOfRangeException(nameof(MaxRepeats), MaxRepeats, "the repeat rule allows at least one repeat");
    }
}

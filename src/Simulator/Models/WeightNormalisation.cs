namespace Dendra.Simulator.Models;

/// <summary>When a spiking projection's synaptic variable is normalised (<see cref="Graph.Projection.NormalisedTo"/>): at
/// the end of every N-th presentation, or at the end of every k-th step.</summary>
public readonly record struct NormalisationSchedule
{
    private NormalisationSchedule(int interval, bool inSteps)
    {
        Interval = interval;
        InSteps = inSteps;
    }

    /// <summary>At the end of every <paramref name="presentations"/>-th presentation (<see cref="Graph.Network.EndPresentation"/>,
    /// which the training loop calls after each one), counted from the network's build: Diehl &amp; Cook's normalisation
    /// before each image is every presentation (1).</summary>
    public static NormalisationSchedule EveryPresentations(int presentations = 1) => new(presentations, inSteps: false);

    /// <summary>At the end of every <paramref name="steps"/>-th step, after the step's plasticity ("continuous" with 1).</summary>
    public static NormalisationSchedule EverySteps(int steps) => new(steps, inSteps: true);

    /// <summary>N presentations or k steps between normalisations.</summary>
    public int Interval { get; }

    /// <summary>Whether <see cref="Interval"/> counts steps (else presentations).</summary>
    public bool InSteps { get; }

    /// <summary>Whether the normalisation is due at the end of <paramref name="step"/>.</summary>
    public bool DueAfterStep(long step) => InSteps && Interval > 0 && (step + 1) % Interval == 0;

    /// <summary>Whether the normalisation is due at the end of presentation number <paramref name="presentation"/> (1 for the first).</summary>
    public bool DueAfterPresentation(long presentation) => !InSteps && Interval > 0 && presentation % Interval == 0;

    /// <inheritdoc />
    public override string ToString() => $"every {Interval} {(InSteps ? "step" : "presentation")}{(Interval == 1 ? "" : "s")}";
}

/// <summary>
/// A spiking projection's synaptic variable normalised per postsynaptic neuron: the variable of each neuron's incoming
/// synapses (of this projection) is multiplied by one factor so that <c>Σ|w|^P = Radius^P</c>. The largest magnitude m of
/// the neuron's synapses is found, then <c>Σ(|w|/m)^P</c> is summed over them in synapse order (ascending presynaptic
/// neuron) from zero, then each is multiplied by <c>Radius/(m·sum^(1/P))</c>: the arithmetic of a plastic rate projection's
/// normalisation (<see cref="OuterProductRule.NormalisedTo"/>). Signs and ratios are kept; a neuron whose synapses are all
/// zero keeps them zero.
/// </summary>
/// <param name="Variable">The per-synapse variable normalised (the weight <c>w</c> unless another is named).</param>
/// <param name="P">The exponent of the norm: 1 (L1, the sum of magnitudes), 2 (L2) or any finite p &gt; 0.</param>
/// <param name="Radius">The norm each neuron's synapses are given, finite and &gt; 0.</param>
/// <param name="Schedule">When it is applied.</param>
public sealed record WeightNormalisation(string Variable, double P, double Radius, NormalisationSchedule Schedule)
{
    /// <inheritdoc />
    public override string ToString() => $"{Variable} normalised per postsynaptic neuron to |{Variable}|_{P} = {Radius}, {Schedule}";
}

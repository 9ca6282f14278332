namespace Dendra.Learning.Encoders;

/// <summary>
/// The network steps one presentation ran: <see cref="First"/> up to, not including, <see cref="End"/> (the rest after it
/// excluded). What a response over the presentation is taken over (<c>PopulationResponses.Mean</c>,
/// <c>PopulationResponses.SpikeCounts</c>); a monitor's sample or spike of step s belongs to it when First ≤ s &lt; End.
/// </summary>
/// <param name="First">The first step of the presentation (the network's <c>Step</c> when it began).</param>
/// <param name="End">The step after its last (the network's <c>Step</c> when it ended).</param>
public readonly record struct PresentationSteps(long First, long End)
{
    /// <summary>Steps the presentation ran.</summary>
    public long Count => End - First;

    /// <summary>Whether step <paramref name="step"/> belongs to the presentation.</summary>
    public bool Contains(long step) => step >= First && step < End;
}

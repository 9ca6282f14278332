namespace Dendra.Plasticity;

/// <summary>
/// The spike traces the spiking forms of the rate rules (<see cref="Hebb.Spiking"/>, <see cref="Oja.Spiking"/>,
/// <see cref="Covariance.Spiking"/>, <see cref="DeltaRule.Spiking"/>, <see cref="Bcm.Spiking"/>) read as rate estimates: <c>dr/dt = −r/tau</c>, event-driven,
/// with a jump per spike chosen so that the trace's mean, where the rule reads it, is the neuron's firing rate exactly on
/// the step grid (both jumps are 1/tau to first order in dt/tau).
/// </summary>
/// <remarks>
/// <para>A trace read at step n sums the spikes of step m as <c>jump·exp(−(n − m)·dt/tau)</c>. For spikes at a rate ν (a
/// probability ν·dt per step) its mean is <c>ν·dt·jump·Σ exp(−k·dt/tau)</c> over the steps k it counts. A postsynaptic trace
/// read on a presynaptic spike (the on-pre code runs before the postsynaptic spikes of its step) or on its own neuron's spike
/// (the synapse code runs before the spike code) counts k ≥ 1, so its jump is <c>(exp(dt/tau) − 1)/dt</c>; a presynaptic
/// trace read on a postsynaptic spike counts the presynaptic spikes of that step too (k ≥ 0), so its jump is
/// <c>(1 − exp(−dt/tau))/dt</c>. With 1/tau instead, the estimates would be off by ∓dt/(2·tau), 2.5% at dt = 1 ms and
/// tau = 20 ms, enough to bias a covariance rule, whose threshold term cancels a much larger mean term.</para>
/// </remarks>
internal static class RateTrace
{
    /// <summary>The jump of a trace read before the spikes of the step it is read in.</summary>
    public static string JumpReadBefore(string tau) => $"(exp(dt/{tau}) - 1)/dt";

    /// <summary>The jump of a trace read after the spikes of the step it is read in.</summary>
    public static string JumpReadAfter(string tau) => $"(1 - exp(-dt/{tau}))/dt";
}

using System.Globalization;
using Dendra.Simulator.Models;

namespace Dendra.Plasticity;

/// <summary>Which spike pairs a pair-based STDP rule takes into account.</summary>
public enum StdpPairing
{
    /// <summary>Every pre/post pair contributes: each spike adds its increment to its trace (<c>Apre += dApre</c>).</summary>
    AllToAll,

    /// <summary>Only the nearest spike counts: each spike resets its trace to the increment (<c>Apre = dApre</c>), so a
    /// postsynaptic spike pairs with the latest presynaptic spike only, and vice versa.</summary>
    Nearest,
}

/// <summary>
/// Trace-based pair spike-timing-dependent plasticity (Song, Miller &amp; Abbott 2000), written in the synapse language: a
/// presynaptic and a postsynaptic trace, each stored once per neuron and decayed exactly from its neuron's last spike
/// (event-driven), and additive weight updates clipped to [0, w<sub>max</sub>].
/// </summary>
/// <remarks>
/// <para>The model is</para>
/// <code>
/// dApre/dt  = -Apre/taupre   : presynaptic, event-driven
/// dApost/dt = -Apost/taupost : postsynaptic, event-driven
/// on_pre:       target += w; w = clip(w + Apost, 0, wmax)
/// on_pre_spike: Apre += dApre
/// on_post:      w = clip(w + Apre, 0, wmax)
/// on_post_spike: Apost += dApost
/// </code>
/// <para>A trace changes once per spike of its neuron (the spike code runs after the synapse code of the same spike), not
/// once per synapse, and costs one value per neuron: the same weights as traces kept per synapse, to rounding.</para>
/// <para>(with <see cref="StdpPairing.Nearest"/> the traces are reset instead: <c>Apre = dApre</c>, <c>Apost = dApost</c>).
/// A single pair with Δt = t<sub>post</sub> − t<sub>arrival</sub> therefore changes the weight by
/// <c>dApre·exp(−Δt/taupre)</c> for Δt &gt; 0 and by <c>dApost·exp(Δt/taupost)</c> for Δt &lt; 0, where t<sub>arrival</sub> is the
/// presynaptic spike time plus the synaptic delay (the on-pre code runs when the spike arrives). When a spike arrives in the
/// step in which the postsynaptic neuron fires, the on-pre code runs first (Δt = 0 gives <c>dApre</c>).</para>
/// <list type="table">
/// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
/// <item><term><c>taupre</c></term><description>Decay time of the presynaptic trace, s (20 ms).</description></item>
/// <item><term><c>taupost</c></term><description>Decay time of the postsynaptic trace, s (20 ms).</description></item>
/// <item><term><c>wmax</c></term><description>Upper weight bound g<sub>max</sub>, in the unit of the target variable (0.01); the lower bound is 0.</description></item>
/// <item><term><c>dApre</c></term><description>Potentiation per pair at Δt → 0⁺ (0.01·wmax).</description></item>
/// <item><term><c>dApost</c></term><description>Depression per pair at Δt → 0⁻, negative (−1.05·dApre).</description></item>
/// </list>
/// <para>Synaptic variable: <c>w</c> (give its initial value to <c>Network.Connect</c>); presynaptic variable <c>Apre</c>,
/// postsynaptic variable <c>Apost</c> (read them with <c>Projection.Get</c>, one value per neuron). With per-synapse delays
/// each synapse sees a presynaptic spike at its own time, so <c>Apre</c> is then kept per synapse.</para>
/// <para>References: S. Song, K. D. Miller, L. F. Abbott, "Competitive Hebbian learning through spike-timing-dependent synaptic
/// plasticity", Nature Neuroscience 3:919–926 (2000); Brian2 example <c>synapses/STDP.py</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// var stdp = PairStdp.Synapse("ge", wmax: 0.01);
/// net.Connect(input, neuron, stdp, Connectivity.AllToAll(), weight: "rand()*0.01");
/// </code>
/// </example>
public static class PairStdp
{
    /// <summary>Default trace time constant, 20 ms (both traces).</summary>
    public const double DefaultTau = 20e-3;

    /// <summary>Default upper weight bound g<sub>max</sub> = 0.01.</summary>
    public const double DefaultWmax = 0.01;

    /// <summary>Creates the pair-based STDP synapse model.</summary>
    /// <param name="target">Postsynaptic variable that a presynaptic spike adds <c>w</c> to (e.g. <c>ge</c>); null or empty for a
    /// synapse that only learns and has no postsynaptic effect (it may then end on a spike source).</param>
    /// <param name="wmax">Upper weight bound (finite, &gt; 0).</param>
    /// <param name="dApre">Potentiation amplitude (default <c>0.01·wmax</c>).</param>
    /// <param name="dApost">Depression amplitude (default <c>−1.05·dApre</c>).</param>
    /// <param name="taupre">Presynaptic trace time constant, seconds (&gt; 0).</param>
    /// <param name="taupost">Postsynaptic trace time constant, seconds (&gt; 0).</param>
    /// <param name="pairing">All-to-all (traces accumulate) or nearest-spike (traces reset).</param>
    /// <returns>A new synapse model named <c>PairSTDP</c> (or <c>PairSTDP-nearest</c>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound, amplitude or time constant is not finite, or not positive where it must be.</exception>
    public static SynapseModel Synapse(string? target = "ge", double wmax = DefaultWmax, double? dApre = null, double? dApost = null,
        double taupre = DefaultTau, double taupost = DefaultTau, StdpPairing pairing = StdpPairing.AllToAll)
    {
        RequirePositive(wmax, nameof(wmax));
        RequirePositive(taupre, nameof(taupre));
        RequirePositive(taupost, nameof(taupost));
        double pre = dApre ?? 0.01 * wmax;
        double post = dApost ?? -1.05 * pre;
        RequireFinite(pre, nameof(dApre));
        RequireFinite(post, nameof(dApost));
        if (!Enum.IsDefined(pairing)) throw new ArgumentOutOfRangeException(nameof(pairing), pairing, "unknown pairing");

        string accumulate = pairing == StdpPairing.AllToAll ? "+=" : "=";
        string transmit = Transmission.Code(target);
        return new SynapseModel(pairing == StdpPairing.AllToAll ? "PairSTDP" : "PairSTDP-nearest", """
                dApre/dt = -Apre/taupre : presynaptic, event-driven
                dApost/dt = -Apost/taupost : postsynaptic, event-driven
                """)
            .WithParameter("taupre", taupre, "s", "presynaptic trace time constant")
            .WithParameter("taupost", taupost, "s", "postsynaptic trace time constant")
            .WithParameter("wmax", wmax, "", "upper weight bound")
            .WithParameter("dApre", pre, "", "potentiation per pair (Δt → 0⁺)")
            .WithParameter("dApost", post, "", "depression per pair (Δt → 0⁻)")
            .OnPre($"{transmit}w = clip(w + Apost, 0, wmax)")
            .OnPreSpike($"Apre {accumulate} dApre")
            .OnPost("w = clip(w + Apre, 0, wmax)")
            .OnPostSpike($"Apost {accumulate} dApost");
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive");
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite");
    }
}

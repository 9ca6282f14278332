using System.Globalization;
using Dendra.Simulator.Models;

namespace Dendra.Plasticity;

/// <summary>
/// Oja's rule with a radius R, and its Lp form: <c>ΔW = η · (y ⊗ x − (y² / R^p) ⊙ W)</c>, where the postsynaptic activity is
/// the Lp inner product <c>y = ⟨w, x⟩_p = Σ_i sgn(w_i)|w_i|^(p−1) x_i</c> (for p = 2 the ordinary product w·x).
/// </summary>
/// <remarks>
/// <para>For p = 2 this is Oja's (1982) rule with the length R: a linear unit's weight vector turns to the principal eigenvector
/// of the input correlation matrix C = ⟨x xᵀ⟩ and its length to R (at a fixed point C w = λ w with λ = wᵀCw / R², so |w| = R).</para>
/// <para>For p ≠ 2 the projection's product reads the weight transform <c>sgn(w)|w|^(p−1)</c>
/// (<see cref="OuterProductRule.WithTransform"/>), so that y = ⟨w, x⟩_p, and the rule keeps the Lp size: <c>d/dt Σ|w_i|^p =
/// p η y² (1 − Σ|w_i|^p / R^p)</c>, which drives <c>Σ|w_i|^p</c> to <c>R^p</c> (Krotov &amp; Hopfield 2019, with their
/// activation g(y) = y). The postsynaptic model must compute y from the summed input the projection writes (e.g. <c>v = I</c>).</para>
/// <list type="table">
/// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
/// <item><term><c>eta</c></term><description>Learning rate η per application, 1/activity² (0.01).</description></item>
/// <item><term><c>R</c></term><description>Radius: the length (Lp size) the weights of each postsynaptic neuron reach (1).</description></item>
/// <item><term><c>p</c></term><description>Exponent of the Lp inner product and norm (2: Oja's rule); p ≥ 2 keeps the transform finite at w = 0.</description></item>
/// <item><term><c>post</c>, <c>pre</c></term><description>The activities y (<c>v</c>) and x (<c>r</c>).</description></item>
/// </list>
/// <para>Batch: with <c>ReducedBy(BatchReduction.Mean)</c> a step over a minibatch is one step of the averaged rule, whose fixed
/// points are those above. Per synapse (<see cref="Synapse"/>, for synapse-level projections between rate neurons) it is
/// <c>dw/dt = eta·(x·y − y²·w/R²)</c>, integrated every step. The spiking form (<see cref="Spiking"/>) reads y from a trace of
/// the postsynaptic spikes and takes the y² term on each postsynaptic spike.</para>
/// <para>References: E. Oja, "A simplified neuron model as a principal component analyzer", J. Math. Biol. 15:267–273 (1982);
/// D. Krotov, J. J. Hopfield, "Unsupervised learning by competing hidden units", PNAS 116:7723–7731 (2019).</para>
/// </remarks>
/// <example><code>
/// net.ConnectRate(input, output, "r", "I", weights).Learn(Oja.Rule(eta: 0.01, radius: 2).ReducedBy(BatchReduction.Mean));
/// net.ConnectRate(input, hidden, "r", "I", weights).Learn(Oja.Rule(eta: 0.01, p: 3));   // Lp-Oja, Σ|w|³ → 1
/// </code></example>
public static class Oja
{
    /// <summary>Default learning rate.</summary>
    public const double DefaultEta = 0.01;

    /// <summary>The weight transform the product reads for p ≠ 2: the Lp inner product's factor.</summary>
    public const string LpTransform = "sign(w)*abs(w)^(p-1)";

    /// <summary>Oja's rule with radius <paramref name="radius"/>, in its Lp form when <paramref name="p"/> ≠ 2.</summary>
    /// <param name="post">The postsynaptic activity y.</param>
    /// <param name="pre">The presynaptic activity x.</param>
    /// <param name="eta">Learning rate (finite, ≥ 0).</param>
    /// <param name="radius">R: the Lp size each postsynaptic neuron's weights reach (finite, &gt; 0).</param>
    /// <param name="p">The exponent (finite, ≥ 1; 2 for Oja's rule, without a weight transform).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static OuterProductRule Rule(string post = "v", string pre = "r", double eta = DefaultEta, double radius = 1, double p = 2)
    {
        RuleCheck.Eta(eta);
        RuleCheck.Positive(radius, nameof(radius));
        if (!(p >= 1) || !double.IsFinite(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "the exponent p must be finite and ≥ 1");
        // R^p is written out rather than precomputed, so a later WithParameter("R", ...) or ("p", ...) changes it too.
        string decay = string.Create(CultureInfo.InvariantCulture, $"{post}^2 / R^p");
        var rule = new OuterProductRule(p == 2 ? "Oja" : "Lp-Oja", post: post, pre: pre, decay: decay)
            .WithParameter("eta", eta, "1/activity²", "learning rate")
            .WithParameter("R", radius, "", "radius: the Lp size the weights reach")
            .WithParameter("p", p, "", "exponent of the Lp inner product");
        return p == 2 ? rule : rule.WithTransform(LpTransform);
    }

    /// <summary>Oja's rule per synapse: <c>dw/dt = eta · (a_pre · a_post − a_post² · w / R²)</c>, integrated every step with
    /// forward Euler.</summary>
    /// <param name="activity">The activity variable of both the pre- and postsynaptic neurons.</param>
    /// <param name="eta">Learning rate, 1/(s·activity²) (finite, ≥ 0).</param>
    /// <param name="radius">R, the length the weights of each postsynaptic neuron reach (finite, &gt; 0).</param>
    /// <param name="target">A summed input of the postsynaptic model that receives Σ w·a_pre every step, or null for a synapse
    /// that only learns.</param>
    public static SynapseModel Synapse(string activity = "r", double eta = DefaultEta, double radius = 1, string? target = null)
    {
        RuleCheck.Eta(eta);
        RuleCheck.Positive(radius, nameof(radius));
        RuleCheck.Name(activity, nameof(activity));
        var summed = target is null ? "" : $"{target}_post = w*{activity}_pre : summed";
        return new SynapseModel("Oja", $"""
                dw/dt = eta * ({activity}_pre * {activity}_post - {activity}_post^2 * w / R^2)
                {summed}
                """)
            .WithParameter("eta", eta, "1/(s·activity²)", "learning rate")
            .WithParameter("R", radius, "", "radius: the length the weights reach")
            .WithMethod(Integrator.Euler);
    }

    /// <summary>Default learning rate of the spiking form, s (the change per spike is eta times a rate in Hz).</summary>
    public const double DefaultSpikingEta = 1e-5;

    /// <summary>Default time constant of the postsynaptic rate trace of the spiking form, 20 ms.</summary>
    public const double DefaultTau = 20e-3;

    /// <summary>
    /// Oja's rule for spiking neurons: a trace <c>ypost</c> of the postsynaptic spikes estimates the output rate y; each
    /// presynaptic spike adds <c>eta·ypost</c> to the weight and each postsynaptic spike subtracts <c>eta·ypost·w/R²</c>, so that
    /// the mean change is the rate rule's <c>eta·(x·y − y²·w/R²)</c> with x and y the firing rates.
    /// </summary>
    /// <remarks>
    /// <code>
    /// dypost/dt = -ypost/taupost : postsynaptic, event-driven
    /// on_pre:        target += w; w += eta*ypost
    /// on_post:       w -= eta*ypost*w/R^2
    /// on_post_spike: ypost += (exp(dt/taupost) - 1)/dt
    /// </code>
    /// <para>Why each term is where it is. The Hebbian term x·y is taken on the presynaptic spike, reading the postsynaptic spikes
    /// that came before it: for Poisson input those cannot have been caused by this spike, so its mean is exactly
    /// ν<sub>pre</sub>·ν<sub>post</sub>. Taken on the postsynaptic spike instead (reading a presynaptic trace), it would add the
    /// spike–spike correlation a synapse causes (Kempter, Gerstner &amp; van Hemmen 1999), a term in w<sub>i</sub>ν<sub>i</sub> that
    /// turns the weights away from the principal eigenvector; that timing-dependent part is what <see cref="PairStdp"/> models. The
    /// y² term (Oja's decay) is a postsynaptic rate squared, as the post–post term of triplet STDP: each postsynaptic spike reads
    /// the trace of the spikes before it, whose mean is the rate again. The trace's jump makes its mean the rate exactly on the
    /// step grid (1/taupost to first order in dt/taupost).</para>
    /// <para>What to expect. With input rates x drawn from a distribution and held long compared with <c>taupost</c> and the
    /// neuron's own time constants, the weights turn to the principal eigenvector of ⟨x xᵀ⟩ (of the rates) as in the rate rule.
    /// Their length settles at R when the output rate y is set by the input rates; a neuron driven by the input spikes has an
    /// intensity that fluctuates with them, its ⟨y²⟩ carries that variance as well, and |w| settles a little below R (by
    /// the variance's share of ⟨y²⟩; the direction does not change, the extra term being a multiple of w).</para>
    /// <list type="table">
    /// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
    /// <item><term><c>eta</c></term><description>Learning rate, s: the change per presynaptic spike per Hz of output rate (1e-5).</description></item>
    /// <item><term><c>R</c></term><description>Radius: the length the weights of each postsynaptic neuron reach (1).</description></item>
    /// <item><term><c>taupost</c></term><description>Time constant of the output-rate trace <c>ypost</c>, s (20 ms): longer
    /// estimates with less noise, but the input rates must then be held longer.</description></item>
    /// </list>
    /// <para>Synaptic variable <c>w</c>; postsynaptic variable <c>ypost</c>, in Hz (read it with <c>Projection.Get</c>). Weights are
    /// not clipped. Spiking projections do not run in batches (<c>Network.BatchSize</c> 1).</para>
    /// <para>References: E. Oja (1982); R. Kempter, W. Gerstner, J. L. van Hemmen, "Hebbian learning and spiking neurons", Phys. Rev. E
    /// 59:4498–4514 (1999); W. Gerstner, W. M. Kistler, Spiking Neuron Models (2002), ch. 10–11; W. Gerstner et al., Neuronal
    /// Dynamics (2014), ch. 19.</para>
    /// </remarks>
    /// <param name="target">Postsynaptic variable that a presynaptic spike adds <c>w</c> to (e.g. <c>ge</c>); null or empty for a
    /// synapse that only learns.</param>
    /// <param name="eta">Learning rate, s (finite, ≥ 0).</param>
    /// <param name="radius">R, the length the weights of each postsynaptic neuron reach (finite, &gt; 0).</param>
    /// <param name="taupost">Time constant of the output-rate trace, s (finite, &gt; 0).</param>
    /// <returns>A new synapse model named <c>Oja (spiking)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static SynapseModel Spiking(string? target = "ge", double eta = DefaultSpikingEta, double radius = 1, double taupost = DefaultTau)
    {
        RuleCheck.Eta(eta);
        RuleCheck.Positive(radius, nameof(radius));
        RuleCheck.Positive(taupost, nameof(taupost));
        return new SynapseModel("Oja (spiking)", "dypost/dt = -ypost/taupost : postsynaptic, event-driven")
            .WithParameter("eta", eta, "s", "learning rate")
            .WithParameter("R", radius, "", "radius: the length the weights reach")
            .WithParameter("taupost", taupost, "s", "time constant of the output-rate trace")
            .OnPre($"{Transmission.Code(target)}w += eta*ypost")
            .OnPost("w -= eta*ypost*w/R^2")
            .OnPostSpike($"ypost += {RateTrace.JumpReadBefore("taupost")}");
    }
}

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
/// <c>dw/dt = eta·(x·y − y²·w/R²)</c>, integrated every step. A spiking form would need y² of a spike train; there is none.</para>
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
}

using Dendra.Simulator.Models;

namespace Dendra.Plasticity;

/// <summary>
/// Synaptic normalisation: after a rule has changed a plastic rate projection's weights, each postsynaptic neuron's weights are
/// scaled so that their L1, L2 or Lp norm is a given radius, <c>w_j ← R · w_j / ‖w_j‖_p</c> (multiplicative normalisation).
/// </summary>
/// <remarks>
/// <para>Hebb's rule with a normalisation after every change converges, like Oja's rule, to the principal eigenvector of the
/// input correlation (for L2), with the norm held at R to rounding after every change; L1 keeps the sum of magnitudes,
/// as the normalisation of Diehl &amp; Cook (2015) keeps each neuron's total input weight.</para>
/// <list type="table">
/// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
/// <item><term><c>radius</c></term><description>R, the norm each row is given (1).</description></item>
/// <item><term><c>p</c></term><description>The norm: 1 (L1), 2 (L2) or any p &gt; 0 (<c>Σ|w_i|^p = R^p</c>).</description></item>
/// <item><term><c>everyApplications</c></term><description>1: after every application of the rule ("continuous"); N: after every
/// N-th (with one step per minibatch of B samples, every N·B samples) (1).</description></item>
/// </list>
/// <para>Normalisation runs after the change and after clipping (<see cref="OuterProductRule.ClippedTo"/>), on the CPU and on OpenCL
/// with the same operations in the same order; a row of zeros stays zero. It is a property of the rule
/// (<see cref="OuterProductRule.NormalisedTo"/>); these helpers only name the norms.</para>
/// <para>Reference: K. D. Miller, D. J. C. MacKay, "The role of constraints in Hebbian learning", Neural Comput. 6:100–126 (1994).</para>
/// </remarks>
/// <example><code>
/// net.ConnectRate(input, output, "r", "I", weights).Learn(SynapticNormalisation.L2(Hebb.Rule(eta: 0.01), radius: 1));
/// </code></example>
public static class SynapticNormalisation
{
    /// <summary>Normalises each row's sum of magnitudes Σ|w_i| to <paramref name="radius"/> after <paramref name="rule"/>'s changes.</summary>
    /// <returns><paramref name="rule"/>, changed.</returns>
    public static OuterProductRule L1(OuterProductRule rule, double radius = 1, int everyApplications = 1) => Lp(rule, 1, radius, everyApplications);

    /// <summary>Normalises each row's Euclidean length to <paramref name="radius"/> after <paramref name="rule"/>'s changes.</summary>
    /// <returns><paramref name="rule"/>, changed.</returns>
    public static OuterProductRule L2(OuterProductRule rule, double radius = 1, int everyApplications = 1) => Lp(rule, 2, radius, everyApplications);

    /// <summary>Normalises each row to <c>Σ|w_i|^p = radius^p</c> after <paramref name="rule"/>'s changes.</summary>
    /// <returns><paramref name="rule"/>, changed.</returns>
    /// <exception cref="Simulator.ModelException">p or the radius is not finite and positive, or <paramref name="everyApplications"/> &lt; 1.</exception>
    public static OuterProductRule Lp(OuterProductRule rule, double p, double radius = 1, int everyApplications = 1)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.NormalisedTo(radius, p, everyApplications);
    }

    /// <summary>A projection that only normalises (its weights do not otherwise learn): a rule with η = 0 and the normalisation.
    /// The zero change is still computed at each application; give the projection a real rule when it has one.</summary>
    public static OuterProductRule Only(double p, double radius = 1, int everyApplications = 1) =>
        Lp(new OuterProductRule("Normalisation", post: "0", pre: "0").WithParameter("eta", 0), p, radius, everyApplications);
}

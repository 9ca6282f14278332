using System.Globalization;
using Dendra.Simulator.Models;

namespace Dendra.Plasticity;

/// <summary>Which activity the covariance rule subtracts a threshold (its mean) from.</summary>
public enum CovarianceThreshold
{
    /// <summary><c>ΔW = η · y ⊗ (x − θ_x)</c>: a presynaptic threshold per input.</summary>
    Presynaptic,

    /// <summary><c>ΔW = η · (y − θ_y) ⊗ x</c>: a postsynaptic threshold per output.</summary>
    Postsynaptic,
}

/// <summary>
/// The covariance rule on a plastic rate projection: Hebb's rule with a threshold subtracted from the pre- or postsynaptic
/// activity, <c>ΔW = η · y ⊗ (x − θ_x)</c> or <c>ΔW = η · (y − θ_y) ⊗ x</c>, so that weights also fall when one side is
/// below its mean.
/// </summary>
/// <remarks>
/// <para>With the threshold at the mean activity (θ_x = ⟨x⟩, or θ_y = ⟨y⟩) and a linear unit y = w·x, the expected change of
/// either form is <c>η C w</c> with C = ⟨(x − ⟨x⟩)(x − ⟨x⟩)ᵀ⟩ the input covariance matrix: the weights follow the
/// covariance, not the correlation, and turn to its principal eigenvector while their length grows (bound them as for
/// <see cref="Hebb"/>).</para>
/// <list type="table">
/// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
/// <item><term><c>eta</c></term><description>Learning rate η per application, 1/activity² (0.01).</description></item>
/// <item><term><c>threshold</c></term><description>θ: an expression of the thresholded side's variables and the rule's
/// parameters: a number (a known mean), a state variable holding a running mean (e.g. <c>xbar</c> with
/// <c>dxbar/dt = (r - xbar)/tau</c> in the neuron model), or a variable a script sets.</description></item>
/// <item><term><c>side</c></term><description><see cref="CovarianceThreshold.Presynaptic"/> (default) or <see cref="CovarianceThreshold.Postsynaptic"/>.</description></item>
/// <item><term><c>post</c>, <c>pre</c></term><description>The activities y (<c>v</c>) and x (<c>r</c>).</description></item>
/// </list>
/// <para>Batch: the threshold is read per instance; with <c>ReducedBy(BatchReduction.Mean)</c> and θ the mean over the
/// minibatch, one application over the minibatch is exactly <c>η C w</c> with C the minibatch's covariance.</para>
/// <para>Reference: T. J. Sejnowski, "Storing covariance with nonlinearly interacting neurons", J. Math. Biol. 4:303–321 (1977);
/// Dayan &amp; Abbott, Theoretical Neuroscience (2001), eqs. 8.8–8.9.</para>
/// </remarks>
/// <example><code>
/// // The input model holds its mean in a variable "xbar" (set by the script, or a running average).
/// net.ConnectRate(input, output, "r", "I", weights).Learn(Covariance.Rule("xbar", CovarianceThreshold.Presynaptic, eta: 0.01));
/// </code></example>
public static class Covariance
{
    /// <summary>Default learning rate.</summary>
    public const double DefaultEta = 0.01;

    /// <summary>The covariance rule with a threshold on the chosen side.</summary>
    /// <param name="threshold">θ, an expression of the thresholded side's variables and the rule's parameters.</param>
    /// <param name="side">Which activity the threshold is subtracted from.</param>
    /// <param name="post">The postsynaptic activity y.</param>
    /// <param name="pre">The presynaptic activity x.</param>
    /// <param name="eta">Learning rate (finite, ≥ 0).</param>
    /// <exception cref="ArgumentException">The threshold is empty, or the side unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eta"/> is negative or not finite.</exception>
    public static OuterProductRule Rule(string threshold, CovarianceThreshold side = CovarianceThreshold.Presynaptic, string post = "v",
        string pre = "r", double eta = DefaultEta)
    {
        RuleCheck.Name(threshold, nameof(threshold));
        RuleCheck.Eta(eta);
        var (f, g) = side switch
        {
            CovarianceThreshold.Presynaptic => (post, string.Create(CultureInfo.InvariantCulture, $"{pre} - ({threshold})")),
            CovarianceThreshold.Postsynaptic => (string.Create(CultureInfo.InvariantCulture, $"{post} - ({threshold})"), pre),
            _ => throw new ArgumentException($"unknown covariance threshold side {side}", nameof(side)),
        };
        return new OuterProductRule($"Covariance ({side.ToString().ToLowerInvariant()} threshold)", post: f, pre: g)
            .WithParameter("eta", eta, "1/activity²", "learning rate");
    }
}

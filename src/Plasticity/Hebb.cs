using Dendra.Simulator.Models;

namespace Dendra.Plasticity;

/// <summary>
/// Hebb's rule on a plastic rate projection: <c>ΔW = η · y ⊗ x</c>, the weight of each synapse grows with the product of its
/// postsynaptic and presynaptic activity.
/// </summary>
/// <remarks>
/// <para>For a linear unit y = w·x the expected change is <c>η C w</c> with C = ⟨x xᵀ⟩, the input correlation matrix, so w
/// turns to C's principal eigenvector and its length grows without bound (as (1 + η λ₁)^n): Hebb's rule alone is unstable.
/// Bound it with <see cref="OuterProductRule.ClippedTo"/>, a weight decay (<see cref="WeightDecay"/>), a normalisation
/// (<see cref="SynapticNormalisation"/>), or use Oja's rule (<see cref="Oja"/>).</para>
/// <list type="table">
/// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
/// <item><term><c>eta</c></term><description>Learning rate η per application, 1/activity² (0.01).</description></item>
/// <item><term><c>post</c></term><description>Postsynaptic activity y (<c>v</c>).</description></item>
/// <item><term><c>pre</c></term><description>Presynaptic activity x (<c>r</c>).</description></item>
/// </list>
/// <para>Batch: the instances' changes are summed (<see cref="BatchReduction.Sum"/>) unless <c>ReducedBy(BatchReduction.Mean)</c>
/// is asked. Per synapse (<see cref="Synapse"/>, for synapse-level projections between rate neurons) it is
/// <c>dw/dt = eta·x·y</c>, integrated every step. The spiking form of Hebbian learning is spike-timing-dependent plasticity
/// (<see cref="PairStdp"/>).</para>
/// <para>Reference: D. O. Hebb, The Organization of Behavior (1949); Dayan &amp; Abbott, Theoretical Neuroscience (2001), eq. 8.3.</para>
/// </remarks>
/// <example><code>net.ConnectRate(input, output, "r", "I", weights).Learn(Hebb.Rule(eta: 0.01));</code></example>
public static class Hebb
{
    /// <summary>Default learning rate.</summary>
    public const double DefaultEta = 0.01;

    /// <summary>Hebb's rule <c>ΔW = η · y ⊗ x</c>.</summary>
    /// <param name="post">The postsynaptic activity y (a variable of the postsynaptic model).</param>
    /// <param name="pre">The presynaptic activity x (a variable of the presynaptic model).</param>
    /// <param name="eta">Learning rate (finite, ≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eta"/> is negative or not finite.</exception>
    public static OuterProductRule Rule(string post = "v", string pre = "r", double eta = DefaultEta)
    {
        RuleCheck.Eta(eta);
        return new OuterProductRule("Hebb", post: post, pre: pre).WithParameter("eta", eta, "1/activity²", "learning rate");
    }

    /// <summary>Hebb's rule per synapse: <c>dw/dt = eta · a_pre · a_post</c>, integrated every step with forward Euler.</summary>
    /// <param name="activity">The activity variable of both the pre- and postsynaptic neurons.</param>
    /// <param name="eta">Learning rate, 1/(s·activity²) (finite, ≥ 0).</param>
    /// <param name="target">A summed input of the postsynaptic model that receives Σ w·a_pre every step, or null for a synapse
    /// that only learns.</param>
    public static SynapseModel Synapse(string activity = "r", double eta = DefaultEta, string? target = null)
    {
        RuleCheck.Eta(eta);
        RuleCheck.Name(activity, nameof(activity));
        var summed = target is null ? "" : $"{target}_post = w*{activity}_pre : summed";
        return new SynapseModel("Hebb", $"""
                dw/dt = eta * {activity}_pre * {activity}_post
                {summed}
                """)
            .WithParameter("eta", eta, "1/(s·activity²)", "learning rate")
            .WithMethod(Integrator.Euler);
    }
}

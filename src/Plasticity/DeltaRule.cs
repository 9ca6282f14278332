using System.Globalization;
using Dendra.Simulator.Models;

namespace Dendra.Plasticity;

/// <summary>
/// The delta rule (least mean squares, Widrow–Hoff) on a plastic rate projection: <c>ΔW = η · (t − y) ⊗ x</c>, with the
/// target t a variable of the postsynaptic population that the script sets for each sample.
/// </summary>
/// <remarks>
/// <para>For a linear unit y = W x it is gradient descent on the squared error ½ Σ (t − y)²; with
/// <c>ReducedBy(BatchReduction.Mean)</c> over a whole data set each application is one step of full-batch gradient descent,
/// which converges to the least-squares solution W* = T Xᵀ (X Xᵀ)⁻¹ when η &lt; 2 / λ_max(⟨x xᵀ⟩).</para>
/// <list type="table">
/// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
/// <item><term><c>eta</c></term><description>Learning rate η per application, 1/activity² (0.01).</description></item>
/// <item><term><c>target</c></term><description>The postsynaptic target variable t (<c>target</c>), e.g. a state declared with
/// <c>WithState("target")</c> and written with <c>Population.SetState</c>.</description></item>
/// <item><term><c>post</c>, <c>pre</c></term><description>The output y (<c>v</c>) and the input x (<c>r</c>).</description></item>
/// </list>
/// <para>Reference: B. Widrow, M. E. Hoff, "Adaptive switching circuits", IRE WESCON Convention Record 4:96–104 (1960);
/// Dayan &amp; Abbott, Theoretical Neuroscience (2001), eq. 8.37.</para>
/// </remarks>
/// <example><code>
/// var output = net.AddPopulation("output", 3, new NeuronModel("Linear", "v = I").WithInput("I").WithState("target"));
/// net.ConnectRate(input, output, "r", "I", weights).Learn(DeltaRule.Rule(eta: 0.1).ReducedBy(BatchReduction.Mean));
/// </code></example>
public static class DeltaRule
{
    /// <summary>Default learning rate.</summary>
    public const double DefaultEta = 0.01;

    /// <summary>The delta rule <c>ΔW = η · (t − y) ⊗ x</c>.</summary>
    /// <param name="target">The postsynaptic target variable t.</param>
    /// <param name="post">The postsynaptic output y.</param>
    /// <param name="pre">The presynaptic input x.</param>
    /// <param name="eta">Learning rate (finite, ≥ 0).</param>
    /// <exception cref="ArgumentException">The target is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eta"/> is negative or not finite.</exception>
    public static OuterProductRule Rule(string target = "target", string post = "v", string pre = "r", double eta = DefaultEta)
    {
        RuleCheck.Name(target, nameof(target));
        RuleCheck.Eta(eta);
        return new OuterProductRule("Delta rule", post: string.Create(CultureInfo.InvariantCulture, $"{target} - {post}"), pre: pre)
            .WithParameter("eta", eta, "1/activity²", "learning rate");
    }
}

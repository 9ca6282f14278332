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
/// <para>For spiking neurons, <see cref="Spiking"/> has the same mean change with x, y and t rates.</para>
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

    /// <summary>Default learning rate of the spiking form, s (the change per presynaptic spike is eta times a rate in Hz).</summary>
    public const double DefaultSpikingEta = 1e-5;

    /// <summary>Default time constant of the postsynaptic rate trace of the spiking form, 20 ms.</summary>
    public const double DefaultTau = 20e-3;

    /// <summary>
    /// The delta rule for spiking neurons: a trace <c>ypost</c> of the postsynaptic spikes estimates the output rate y, and each
    /// presynaptic spike adds <c>eta·(t − ypost)</c> to the weight, t a target rate held by the postsynaptic neuron, so that
    /// the mean change is the rate rule's <c>eta·(t − y)·x</c> with x and y the firing rates.
    /// </summary>
    /// <remarks>
    /// <code>
    /// dypost/dt = -ypost/taupost : postsynaptic, event-driven
    /// on_pre:        target += w; w += eta*(t_post - ypost)
    /// on_post_spike: ypost += (exp(dt/taupost) - 1)/dt
    /// </code>
    /// <para>The teacher is the target rate t, in Hz, a variable of the postsynaptic model that the script sets per sample
    /// (e.g. a state declared with <c>WithState("target")</c> and written with <c>Population.SetState</c>, or an input driven by
    /// an injected signal). The change is taken on the presynaptic spike and reads the postsynaptic spikes before it, which for
    /// Poisson input that spike cannot have caused, so the mean change is exactly eta·ν<sub>pre</sub>·(t − ν<sub>post</sub>)
    /// (the trace's jump makes its mean the rate exactly on the step grid). For a neuron whose rate is linear in its weights,
    /// y = w·x, it is stochastic gradient descent on ½⟨(t − y)²⟩: over rate vectors x held long compared with
    /// <c>taupost</c>, the weights settle, up to the spike noise (which falls with eta), at the least-squares solution.</para>
    /// <list type="table">
    /// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
    /// <item><term><c>eta</c></term><description>Learning rate, s: the change per presynaptic spike per Hz of error (1e-5).</description></item>
    /// <item><term><c>taupost</c></term><description>Time constant of the output-rate trace <c>ypost</c>, s (20 ms).</description></item>
    /// <item><term><c>targetRate</c></term><description>The postsynaptic variable holding t, Hz (<c>target</c>).</description></item>
    /// </list>
    /// <para>Synaptic variable <c>w</c> (not clipped); postsynaptic variable <c>ypost</c>, in Hz. Spiking projections do not run in
    /// batches (<c>Network.BatchSize</c> 1).</para>
    /// <para>References: B. Widrow, M. E. Hoff (1960); W. Gerstner et al., Neuronal Dynamics (2014), ch. 19; W. Gerstner,
    /// W. M. Kistler, Spiking Neuron Models (2002), ch. 10–11.</para>
    /// </remarks>
    /// <param name="targetRate">The postsynaptic variable holding the target rate t.</param>
    /// <param name="target">Postsynaptic variable that a presynaptic spike adds <c>w</c> to (e.g. <c>ge</c>); null or empty for a
    /// synapse that only learns.</param>
    /// <param name="eta">Learning rate, s (finite, ≥ 0).</param>
    /// <param name="taupost">Time constant of the output-rate trace, s (finite, &gt; 0).</param>
    /// <returns>A new synapse model named <c>Delta rule (spiking)</c>.</returns>
    /// <exception cref="ArgumentException">The target rate names no variable.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static SynapseModel Spiking(string targetRate = "target", string? target = "ge", double eta = DefaultSpikingEta, double taupost = DefaultTau)
    {
        RuleCheck.Name(targetRate, nameof(targetRate));
        RuleCheck.Eta(eta);
        RuleCheck.Positive(taupost, nameof(taupost));
        return new SynapseModel("Delta rule (spiking)", "dypost/dt = -ypost/taupost : postsynaptic, event-driven")
            .WithParameter("eta", eta, "s", "learning rate")
            .WithParameter("taupost", taupost, "s", "time constant of the output-rate trace")
            .OnPre(string.Create(CultureInfo.InvariantCulture, $"{Transmission.Code(target)}w += eta*({targetRate}_post - ypost)"))
            .OnPostSpike($"ypost += {RateTrace.JumpReadBefore("taupost")}");
    }
}

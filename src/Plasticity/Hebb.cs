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
/// <c>dw/dt = eta·x·y</c>, integrated every step. For spiking neurons, <see cref="Spiking"/> has the same mean change with
/// x and y the firing rates; spike-timing-dependent plasticity (<see cref="PairStdp"/>) adds what the timing of the spikes says.</para>
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

    /// <summary>Default learning rate of the spiking form, s (the change per presynaptic spike is eta times a rate in Hz).</summary>
    public const double DefaultSpikingEta = 1e-5;

    /// <summary>Default time constant of the postsynaptic rate trace of the spiking form, 20 ms.</summary>
    public const double DefaultTau = 20e-3;

    /// <summary>
    /// Hebb's rule for spiking neurons: a trace <c>ypost</c> of the postsynaptic spikes estimates the output rate y, and each
    /// presynaptic spike adds <c>eta·ypost</c> to the weight, so that the mean change is the rate rule's <c>eta·x·y</c> with x
    /// and y the firing rates.
    /// </summary>
    /// <remarks>
    /// <code>
    /// dypost/dt = -ypost/taupost : postsynaptic, event-driven
    /// on_pre:        target += w; w += eta*ypost
    /// on_post_spike: ypost += (exp(dt/taupost) - 1)/dt
    /// </code>
    /// <para>The change is taken on the presynaptic spike and reads the postsynaptic spikes before it: for Poisson input those
    /// cannot have been caused by this spike, so the mean change is exactly eta·ν<sub>pre</sub>·ν<sub>post</sub>, the rate rule
    /// (the trace's jump makes its mean the rate exactly on the step grid, 1/taupost to first order in dt/taupost). Taken on
    /// the postsynaptic spike it would add the spike–spike correlation the synapse itself causes (Kempter, Gerstner &amp; van
    /// Hemmen 1999); <see cref="PairStdp"/> is the rule for that. As the rate rule, it grows without bound along the
    /// principal eigenvector of the input rates' correlation ⟨x xᵀ⟩ (with rates held long compared with <c>taupost</c>); bound it
    /// with <see cref="Oja.Spiking"/> or the covariance form.</para>
    /// <list type="table">
    /// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
    /// <item><term><c>eta</c></term><description>Learning rate, s: the change per presynaptic spike per Hz of output rate (1e-5).</description></item>
    /// <item><term><c>taupost</c></term><description>Time constant of the output-rate trace <c>ypost</c>, s (20 ms).</description></item>
    /// </list>
    /// <para>Synaptic variable <c>w</c> (not clipped); postsynaptic variable <c>ypost</c>, in Hz. Spiking projections do not run in
    /// batches (<c>Network.BatchSize</c> 1).</para>
    /// <para>References: R. Kempter, W. Gerstner, J. L. van Hemmen, Phys. Rev. E 59:4498–4514 (1999); W. Gerstner, W. M. Kistler,
    /// Spiking Neuron Models (2002), ch. 10–11; W. Gerstner et al., Neuronal Dynamics (2014), ch. 19.</para>
    /// </remarks>
    /// <param name="target">Postsynaptic variable that a presynaptic spike adds <c>w</c> to (e.g. <c>ge</c>); null or empty for a
    /// synapse that only learns.</param>
    /// <param name="eta">Learning rate, s (finite, ≥ 0).</param>
    /// <param name="taupost">Time constant of the output-rate trace, s (finite, &gt; 0).</param>
    /// <returns>A new synapse model named <c>Hebb (spiking)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static SynapseModel Spiking(string? target = "ge", double eta = DefaultSpikingEta, double taupost = DefaultTau)
    {
        RuleCheck.Eta(eta);
        RuleCheck.Positive(taupost, nameof(taupost));
        return new SynapseModel("Hebb (spiking)", "dypost/dt = -ypost/taupost : postsynaptic, event-driven")
            .WithParameter("eta", eta, "s", "learning rate")
            .WithParameter("taupost", taupost, "s", "time constant of the output-rate trace")
            .OnPre($"{Transmission.Code(target)}w += eta*ypost")
            .OnPostSpike($"ypost += {RateTrace.JumpReadBefore("taupost")}");
    }
}

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
/// <para>For spiking neurons, <see cref="Spiking"/> has the same mean change with x and y the firing rates and θ a slow
/// running estimate of the thresholded side's rate.</para>
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

    /// <summary>Default learning rate of the spiking form, s (the change per spike is eta times a rate in Hz).</summary>
    public const double DefaultSpikingEta = 1e-5;

    /// <summary>Default time constant of the postsynaptic rate trace of the spiking form, 20 ms.</summary>
    public const double DefaultTau = 20e-3;

    /// <summary>Default time constant of the spiking form's mean-rate estimate (the threshold), 10 s.</summary>
    public const double DefaultTauMean = 10;

    /// <summary>
    /// The covariance rule for spiking neurons: a trace <c>ypost</c> of the postsynaptic spikes estimates the output rate y,
    /// and a slow trace of the thresholded side's spikes (<c>xbar</c> per presynaptic, or <c>ybar</c> per postsynaptic neuron)
    /// estimates its mean rate θ, so that the mean change is the rate rule's <c>eta·y·(x − θ_x)</c> or
    /// <c>eta·(y − θ_y)·x</c> with x and y the firing rates.
    /// </summary>
    /// <remarks>
    /// <code>
    /// // presynaptic threshold                        // postsynaptic threshold
    /// dypost/dt = -ypost/taupost : postsynaptic       dypost/dt = -ypost/taupost : postsynaptic
    /// dxbar/dt = -xbar/taumean : presynaptic          dybar/dt = -ybar/taumean : postsynaptic
    /// on_pre:  target += w; w += eta*ypost            on_pre: target += w; w += eta*(ypost - ybar)
    /// on_post: w -= eta*xbar
    /// on_pre_spike:  xbar += (1 - exp(-dt/taumean))/dt
    /// on_post_spike: ypost += (exp(dt/taupost) - 1)/dt   ypost, ybar += (exp(dt/tau) - 1)/dt
    /// </code>
    /// <para>(all traces event-driven). With the presynaptic threshold the Hebbian term y·x is taken on each presynaptic spike,
    /// reading the postsynaptic spikes before it (which for Poisson input it cannot have caused), and the threshold term −y·θ_x
    /// on each postsynaptic spike, reading the presynaptic mean rate; with the postsynaptic threshold both are taken on the
    /// presynaptic spike. Each jump makes the trace's mean the rate exactly on the step grid where it is read (the
    /// presynaptic one counts the spikes of the step it is read in). With the inputs' rates x fluctuating on a time scale
    /// that is long compared with <c>taupost</c> and short compared with <c>taumean</c>, θ is the mean rate and, for a neuron
    /// whose rate is linear in its weights, y = w·x, the mean change is eta·C·w with C the covariance of the input rates, not
    /// their correlation: the weights turn to C's principal eigenvector and grow (bound them as for Hebb's rule).</para>
    /// <para>The mean-rate traces start at <c>initialMean</c> (0 by default), so for the first few <c>taumean</c> the threshold
    /// is low; start it near the expected mean rate, or let the network run before it learns.</para>
    /// <list type="table">
    /// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
    /// <item><term><c>eta</c></term><description>Learning rate, s: the change per spike per Hz (1e-5).</description></item>
    /// <item><term><c>taupost</c></term><description>Time constant of the output-rate trace <c>ypost</c>, s (20 ms).</description></item>
    /// <item><term><c>taumean</c></term><description>Time constant of the mean-rate estimate θ (<c>xbar</c> or <c>ybar</c>), s (10 s):
    /// long compared with the time the rates are held.</description></item>
    /// <item><term><c>side</c></term><description><see cref="CovarianceThreshold.Presynaptic"/> (default) or <see cref="CovarianceThreshold.Postsynaptic"/>.</description></item>
    /// <item><term><c>initialMean</c></term><description>The mean-rate traces' initial value, Hz (0).</description></item>
    /// </list>
    /// <para>Synaptic variable <c>w</c> (not clipped); neuron-level variables <c>ypost</c> and <c>xbar</c> or <c>ybar</c>, in Hz.
    /// Spiking projections do not run in batches (<c>Network.BatchSize</c> 1).</para>
    /// <para>References: T. J. Sejnowski (1977); R. Kempter, W. Gerstner, J. L. van Hemmen, Phys. Rev. E 59:4498–4514 (1999);
    /// W. Gerstner, W. M. Kistler, Spiking Neuron Models (2002), ch. 10–11; W. Gerstner et al., Neuronal Dynamics (2014), ch. 19.</para>
    /// </remarks>
    /// <param name="side">Which rate the threshold is subtracted from.</param>
    /// <param name="target">Postsynaptic variable that a presynaptic spike adds <c>w</c> to (e.g. <c>ge</c>); null or empty for a
    /// synapse that only learns.</param>
    /// <param name="eta">Learning rate, s (finite, ≥ 0).</param>
    /// <param name="taupost">Time constant of the output-rate trace, s (finite, &gt; 0).</param>
    /// <param name="taumean">Time constant of the mean-rate estimate, s (finite, &gt; 0).</param>
    /// <param name="initialMean">Initial value of the mean-rate estimate, Hz (finite, ≥ 0).</param>
    /// <returns>A new synapse model named <c>Covariance (spiking, presynaptic threshold)</c> or <c>(…, postsynaptic threshold)</c>.</returns>
    /// <exception cref="ArgumentException">The side is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static SynapseModel Spiking(CovarianceThreshold side = CovarianceThreshold.Presynaptic, string? target = "ge", double eta = DefaultSpikingEta,
        double taupost = DefaultTau, double taumean = DefaultTauMean, double initialMean = 0)
    {
        RuleCheck.Eta(eta);
        RuleCheck.Positive(taupost, nameof(taupost));
        RuleCheck.Positive(taumean, nameof(taumean));
        if (!(initialMean >= 0) || !double.IsFinite(initialMean))
            throw new ArgumentOutOfRangeException(nameof(initialMean), initialMean, "the initial mean rate must be finite and ≥ 0");
        string transmit = Transmission.Code(target), name = $"Covariance (spiking, {side.ToString().ToLowerInvariant()} threshold)";
        var model = side switch
        {
            CovarianceThreshold.Presynaptic => new SynapseModel(name, """
                    dypost/dt = -ypost/taupost : postsynaptic, event-driven
                    dxbar/dt = -xbar/taumean : presynaptic, event-driven
                    """)
                .OnPre($"{transmit}w += eta*ypost")
                .OnPreSpike($"xbar += {RateTrace.JumpReadAfter("taumean")}")
                .OnPost("w -= eta*xbar")
                .OnPostSpike($"ypost += {RateTrace.JumpReadBefore("taupost")}")
                .WithInitial("xbar", initialMean),
            CovarianceThreshold.Postsynaptic => new SynapseModel(name, """
                    dypost/dt = -ypost/taupost : postsynaptic, event-driven
                    dybar/dt = -ybar/taumean : postsynaptic, event-driven
                    """)
                .OnPre($"{transmit}w += eta*(ypost - ybar)")
                .OnPostSpike($"ypost += {RateTrace.JumpReadBefore("taupost")}; ybar += {RateTrace.JumpReadBefore("taumean")}")
                .WithInitial("ybar", initialMean),
            _ => throw new ArgumentException($"unknown covariance threshold side {side}", nameof(side)),
        };
        return model
            .WithParameter("eta", eta, "s", "learning rate")
            .WithParameter("taupost", taupost, "s", "time constant of the output-rate trace")
            .WithParameter("taumean", taumean, "s", "time constant of the mean-rate estimate (the threshold)");
    }
}

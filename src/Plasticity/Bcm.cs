using System.Globalization;
using Dendra.Simulator.Models;

namespace Dendra.Plasticity;

/// <summary>
/// The Bienenstock–Cooper–Munro (BCM) rule for rate neurons: a Hebbian weight change whose sign flips at a threshold that
/// slides with the postsynaptic activity, written as a continuous synaptic equation plus one neuron equation.
/// </summary>
/// <remarks>
/// <para>The rule, with pre/post activities <c>r_pre</c>, <c>r_post</c>:</para>
/// <code>
/// dm/dt = eta * r_pre * r_post * (r_post - theta_post)      (synapse, every step)
/// tau_theta dtheta/dt = r^2 - theta                          (postsynaptic neuron)
/// </code>
/// <para>so that <c>theta</c> tracks the running mean of <c>r²</c>: with a constant activity v it approaches v² as
/// <c>v²(1 − exp(−t/tau_theta))</c>. Because the threshold grows faster than the activity, the rule is stable and, with several
/// input patterns, makes the neuron selective to one of them: for two equiprobable, linearly independent patterns the stable
/// states answer one pattern with r = θ and the other with 0, where θ = ⟨r²⟩ = θ²/2, i.e. r = θ = 2 in the activity's units.</para>
/// <list type="table">
/// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
/// <item><term><c>eta</c></term><description>Learning rate, 1/(s·activity³) (<see cref="DefaultEta"/>). For a stable threshold, <c>tau_theta</c> must be short compared with the weights' time scale 1/(eta·⟨r_pre⟩·θ).</description></item>
/// <item><term><c>wmin</c>, <c>wmax</c></term><description>Optional hard bounds of the weight (default [0, ∞)); a bound that is infinite is not applied.</description></item>
/// <item><term><c>tau_theta</c></term><description>Time constant of the sliding threshold, s, on the neuron (<see cref="DefaultTauTheta"/>).</description></item>
/// </list>
/// <para>The weight is the synapse's <c>w</c>, integrated every step. Give <c>target</c> (a summed input of the postsynaptic
/// model) and the synapse also drives its neuron: <c>target_post = w*r_pre : summed</c> adds Σ_j w_j·r_j to that input every
/// step, so learning and response form one closed loop inside the simulator.</para>
/// <para>For spiking neurons, <see cref="Spiking"/> has the same mean change with the activities the firing rates and a
/// threshold that slides with ⟨y²⟩/y₀.</para>
/// <para>References: E. L. Bienenstock, L. N. Cooper, P. W. Munro, "Theory for the development of neuron selectivity: orientation
/// specificity and binocular interaction in visual cortex", J. Neurosci. 2:32–48 (1982); the form with θ = ⟨v²⟩ follows
/// Intrator &amp; Cooper (1992) and Dayan &amp; Abbott, Theoretical Neuroscience (2001), eqs. 8.6–8.7.</para>
/// </remarks>
/// <example>
/// <code>
/// var neuron = Bcm.WithSlidingThreshold(rateModel, activity: "r", tauTheta: 100 * ms);
/// var input = net.AddPopulation("input", 10, rateModel);
/// var output = net.AddPopulation("output", 1, neuron);
/// var bcm = net.Connect(input, output, Bcm.Synapse("r", eta: 1.0, target: "h"), Connectivity.AllToAll(), weight: "0.4 + 0.2*rand()");
/// </code>
/// </example>
public static class Bcm
{
    /// <summary>Name of the learned synaptic weight in <see cref="Synapse"/>: <c>m</c>.</summary>
    public const string Weight = "w";

    /// <summary>Default learning rate, 1/(s·activity³).</summary>
    public const double DefaultEta = 1.0;

    /// <summary>Default time constant of the sliding threshold, 100 ms.</summary>
    public const double DefaultTauTheta = 0.1;

    /// <summary>
    /// A copy of <paramref name="rateModel"/> with the sliding threshold <c>d{threshold}/dt = ({activity}^2 - {threshold})/tau_{threshold}</c>
    /// added (parameters, states, initial values, inputs, threshold, reset, refractory period and integrator are kept).
    /// </summary>
    /// <param name="rateModel">The postsynaptic rate model; it must define <paramref name="activity"/>.</param>
    /// <param name="activity">The activity variable v (a state variable, sub-expression or input of the model).</param>
    /// <param name="tauTheta">Time constant of the threshold, seconds (&gt; 0); the parameter is named <c>tau_{threshold}</c>.</param>
    /// <param name="threshold">Name of the threshold variable (default <c>theta</c>); it must be new to the model.</param>
    /// <param name="initialTheta">Initial threshold (default 0).</param>
    /// <param name="name">Name of the new model (default: the old name with "+BCM").</param>
    /// <returns>A new neuron model; <paramref name="rateModel"/> is not changed.</returns>
    /// <exception cref="ArgumentException">The activity is unknown, or the threshold or its time constant's name is taken.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tauTheta"/> is not finite and positive.</exception>
    public static NeuronModel WithSlidingThreshold(NeuronModel rateModel, string activity = "r", double tauTheta = DefaultTauTheta,
        string threshold = "theta", double initialTheta = 0, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(rateModel);
        if (!(tauTheta > 0) || !double.IsFinite(tauTheta))
            throw new ArgumentOutOfRangeException(nameof(tauTheta), tauTheta, "tau_theta must be finite and positive");
        if (!double.IsFinite(initialTheta))
            throw new ArgumentOutOfRangeException(nameof(initialTheta), initialTheta, "the initial threshold must be finite");
        var names = rateModel.StateVariables.Concat(rateModel.Inputs).Concat(rateModel.Equations.Select(e => e.Name))
            .Concat(rateModel.Parameters.Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);
        if (!names.Contains(activity) || rateModel.Parameters.Any(p => p.Name == activity))
            throw new ArgumentException($"model '{rateModel.Name}' has no activity variable '{activity}'", nameof(activity));
        string tauName = "tau_" + threshold;
        foreach (var taken in new[] { threshold, tauName }.Where(names.Contains))
            throw new ArgumentException($"model '{rateModel.Name}' already defines '{taken}'", nameof(threshold));

        var equations = rateModel.Equations.Select(e => e.Source)
            .Append(string.Create(CultureInfo.InvariantCulture, $"d{threshold}/dt = ({activity}^2 - {threshold})/{tauName}"));
        var model = new NeuronModel(name ?? rateModel.Name + "+BCM", string.Join("\n", equations));
        foreach (var p in rateModel.Parameters) model.WithParameter(p.Name, p.Default, p.Unit, p.Description);
        model.WithParameter(tauName, tauTheta, "s", "time constant of the sliding BCM threshold");
        foreach (var state in rateModel.PlainStates)
            model.WithState(state, rateModel.InitialValues.TryGetValue(state, out var init) ? init : null);
        foreach (var (variable, value) in rateModel.InitialValues.Where(kv => !rateModel.PlainStates.Contains(kv.Key)))
            model.WithInitial(variable, value);
        if (initialTheta != 0) model.WithInitial(threshold, initialTheta);
        foreach (var input in rateModel.Inputs) model.WithInput(input);
        if (rateModel.ThresholdSource is { } condition) model.WithThreshold(condition);
        if (rateModel.Reset.Count > 0) model.WithReset(string.Join("; ", rateModel.Reset.Select(s => s.Source)));
        if (rateModel.RefractorySeconds > 0) model.WithRefractory(rateModel.RefractorySeconds);
        return model.WithMethod(rateModel.Method);
    }

    /// <summary>
    /// BCM on a plastic rate projection (the matrix form): <c>ΔW = η · (y (y − θ)) ⊗ x</c>, with θ the postsynaptic threshold
    /// variable that <see cref="WithSlidingThreshold"/> adds (<c>tau_theta dθ/dt = y² − θ</c>).
    /// </summary>
    /// <remarks>
    /// <para>Batch form: each instance of a minibatch has its own θ, the running mean of its own y² (the instances are
    /// independent streams from the same inputs, so their thresholds agree in expectation); the instances' changes are summed
    /// or, with <c>ReducedBy(BatchReduction.Mean)</c>, averaged, and applied once. Unlike <see cref="Synapse"/> the weights are
    /// one matrix changed once per application (every step, or every k with <c>Every(k)</c>) by an outer product, not per
    /// synapse; bounds are <c>ClippedTo(min, max)</c>.</para>
    /// <list type="table">
    /// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
    /// <item><term><c>eta</c></term><description>Learning rate per application, 1/activity³ (<see cref="DefaultEta"/>).</description></item>
    /// <item><term><c>post</c></term><description>The postsynaptic activity y (<c>r</c>).</description></item>
    /// <item><term><c>pre</c></term><description>The presynaptic activity x (<c>r</c>).</description></item>
    /// <item><term><c>threshold</c></term><description>The postsynaptic threshold variable θ (<c>theta</c>).</description></item>
    /// </list>
    /// </remarks>
    /// <param name="post">The postsynaptic activity y.</param>
    /// <param name="pre">The presynaptic activity x.</param>
    /// <param name="threshold">The postsynaptic threshold variable θ.</param>
    /// <param name="eta">Learning rate (finite, ≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eta"/> is negative or not finite.</exception>
    public static OuterProductRule Rule(string post = "r", string pre = "r", string threshold = "theta", double eta = DefaultEta)
    {
        if (!(eta >= 0) || !double.IsFinite(eta)) throw new ArgumentOutOfRangeException(nameof(eta), eta, "eta must be finite and ≥ 0");
        return new OuterProductRule("BCM", post: string.Create(CultureInfo.InvariantCulture, $"{post} * ({post} - {threshold})"), pre: pre)
            .WithParameter("eta", eta, "1/activity³", "learning rate");
    }

    /// <summary>
    /// The BCM synapse: <c>dw/dt = eta * a_pre * a_post * (a_post - θ_post)</c> for the activity a and threshold θ, integrated every
    /// step with forward Euler; with bounds, each step's change is limited so that <c>w</c> stays within [wmin, wmax]
    /// (<c>dw/dt = clip(drive, (wmin - w)/dt, (wmax - w)/dt)</c>, i.e. <c>w ← clip(w + dt·drive, wmin, wmax)</c> up to rounding:
    /// a weight at a bound may differ from it in the last bit).
    /// </summary>
    /// <param name="activity">The activity variable of both the pre- and postsynaptic neurons (default <c>r</c>).</param>
    /// <param name="threshold">The postsynaptic threshold variable (default <c>theta</c>, as added by <see cref="WithSlidingThreshold"/>).</param>
    /// <param name="eta">Learning rate (finite, ≥ 0).</param>
    /// <param name="wmin">Lower weight bound (default 0; <see cref="double.NegativeInfinity"/> for none).</param>
    /// <param name="wmax">Upper weight bound (default none).</param>
    /// <param name="target">A summed input of the postsynaptic model that receives Σ w·a_pre every step, or null for a synapse that only learns.</param>
    /// <returns>A synapse model whose weight <c>w</c> follows the rule continuously; set its initial value with the projection's
    /// weight (at 0 the rule is silent).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate or a bound is invalid.</exception>
    public static SynapseModel Synapse(string activity = "r", string threshold = "theta", double eta = DefaultEta,
        double wmin = 0, double wmax = double.PositiveInfinity, string? target = null)
    {
        if (!(eta >= 0) || !double.IsFinite(eta)) throw new ArgumentOutOfRangeException(nameof(eta), eta, "eta must be finite and ≥ 0");
        if (double.IsNaN(wmin) || wmin == double.PositiveInfinity) throw new ArgumentOutOfRangeException(nameof(wmin), wmin, "wmin must be a number below +∞");
        if (double.IsNaN(wmax) || wmax == double.NegativeInfinity) throw new ArgumentOutOfRangeException(nameof(wmax), wmax, "wmax must be a number above −∞");
        if (!(wmin < wmax)) throw new ArgumentOutOfRangeException(nameof(wmax), wmax, $"wmax must exceed wmin = {wmin}");

        string drive = string.Create(CultureInfo.InvariantCulture, $"eta * {activity}_pre * {activity}_post * ({activity}_post - {threshold}_post)");
        bool lower = double.IsFinite(wmin), upper = double.IsFinite(wmax);
        string rate = (lower, upper) switch
        {
            (true, true) => "clip(bcm_drive, (wmin - w)/dt, (wmax - w)/dt)",
            (true, false) => "max(bcm_drive, (wmin - w)/dt)",
            (false, true) => "min(bcm_drive, (wmax - w)/dt)",
            _ => "bcm_drive",
        };
        var summed = target is null ? "" : $"{target}_post = w*{activity}_pre : summed";
        var model = new SynapseModel("BCM", $"""
                bcm_drive = {drive}
                dw/dt = {rate}
                {summed}
                """)
            .WithParameter("eta", eta, "1/(s·activity³)", "learning rate")
            .WithMethod(Integrator.Euler);
        if (lower) model.WithParameter("wmin", wmin, "", "lower weight bound");
        if (upper) model.WithParameter("wmax", wmax, "", "upper weight bound");
        return model;
    }
    /// <summary>Default learning rate of the spiking form, s² (the change per presynaptic spike is eta times a rate squared in Hz²).</summary>
    public const double DefaultSpikingEta = 1e-6;

    /// <summary>Default time constant of the postsynaptic rate traces of the spiking form, 20 ms.</summary>
    public const double DefaultTau = 20e-3;

    /// <summary>Default time constant of the spiking form's sliding threshold, 10 s.</summary>
    public const double DefaultSpikingTauTheta = 10;

    /// <summary>Default reference rate y₀ of the spiking form, 10 Hz: the threshold is ⟨y²⟩/y₀.</summary>
    public const double DefaultReferenceRate = 10;

    /// <summary>
    /// BCM for spiking neurons: a trace <c>ypost</c> of the postsynaptic spikes estimates the output rate y, a slow trace
    /// <c>theta</c> of the pairs of postsynaptic spikes estimates the sliding threshold θ = ⟨y²⟩/y₀, and a trace <c>phi</c> of the
    /// postsynaptic spikes, each weighted by <c>ypost − theta</c>, estimates y·(y − θ); each presynaptic spike adds
    /// <c>eta·phi</c> to the weight, so that the mean change is the rate rule's <c>eta·x·y·(y − θ)</c> with x and y the firing
    /// rates.
    /// </summary>
    /// <remarks>
    /// <code>
    /// dypost/dt = -ypost/taupost : postsynaptic, event-driven
    /// dphi/dt = -phi/taupost : postsynaptic, event-driven
    /// dtheta/dt = -theta/tautheta : postsynaptic, event-driven
    /// on_pre:        target += w; w += eta*phi
    /// on_post_spike: phi += (exp(dt/taupost) - 1)/dt*(ypost - theta)
    ///                theta += (exp(dt/tautheta) - 1)/dt*ypost/y0
    ///                ypost += (exp(dt/taupost) - 1)/dt
    /// </code>
    /// <para>Why each term is where it is. As in <see cref="Hebb.Spiking"/>, the Hebbian-like term is taken on the presynaptic
    /// spike and reads only the postsynaptic spikes before it, which for Poisson input it cannot have caused. The rate rule's
    /// y·(y − θ) is a product of rates, and a product of two traces of the same spikes would count each spike with itself
    /// (a bias of about y/(2·taupost) in y²); instead, each postsynaptic spike adds to <c>phi</c> and <c>theta</c> the values
    /// <c>ypost</c> and <c>theta</c> held before it (the statements run in order, each reading the variables the earlier ones
    /// left), so both count pairs of distinct spikes, and a spike's weight, read from the spikes before it, is independent of
    /// whether it fires for a Poisson neuron. Each jump makes its trace's mean exact on the step grid: <c>ypost</c>'s mean is y,
    /// <c>phi</c>'s y·(y − θ) and <c>theta</c>'s ⟨y²⟩/y₀, the mean of y² over the last <c>tautheta</c> (a rate held constant
    /// brings it to y²/y₀ as y²/y₀·(1 − exp(−t/tautheta)) from 0, as the rate form's threshold).</para>
    /// <para>The reference rate y₀ is the unit in which the rate form measures its activity: with a = y/y₀ the rate rule
    /// Δw ∝ x·a·(a − ⟨a²⟩) is this rule's x·y·(y − ⟨y²⟩/y₀), and a neuron with one input pattern settles at y = y₀. Where the
    /// neuron's intensity fluctuates with its input spikes, a spike's <c>ypost</c> carries that variance as well (as in
    /// <see cref="Oja.Spiking"/>), in the Hebbian term and the threshold alike.</para>
    /// <list type="table">
    /// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
    /// <item><term><c>eta</c></term><description>Learning rate, s²: the change per presynaptic spike per Hz² of y·(y − θ) (1e-6).
    /// For a stable threshold, <c>tautheta</c> must be short compared with the weights' time scale.</description></item>
    /// <item><term><c>taupost</c></term><description>Time constant of the traces <c>ypost</c> and <c>phi</c>, s (20 ms): short
    /// compared with the time the input rates are held.</description></item>
    /// <item><term><c>tautheta</c></term><description>Time constant of the sliding threshold <c>theta</c>, s (10 s): long enough
    /// to average y² over many spikes and patterns.</description></item>
    /// <item><term><c>y0</c></term><description>Reference rate y₀, Hz: θ = ⟨y²⟩/y₀ (10 Hz).</description></item>
    /// <item><term><c>initialTheta</c></term><description>The threshold's initial value, Hz (0): start it near its expected value,
    /// or let the network run before it learns.</description></item>
    /// </list>
    /// <para>Synaptic variable <c>w</c> (not clipped); postsynaptic variables <c>ypost</c> (Hz), <c>phi</c> (Hz²) and <c>theta</c>
    /// (Hz), each once per neuron (read them with <c>Projection.Get</c>). Spiking projections do not run in batches
    /// (<c>Network.BatchSize</c> 1).</para>
    /// <para>References: E. L. Bienenstock, L. N. Cooper, P. W. Munro (1982); J.-P. Pfister, W. Gerstner, "Triplets of spikes in a
    /// model of spike timing-dependent plasticity", J. Neurosci. 26:9673–9682 (2006), whose triplet rule has BCM's mean change;
    /// W. Gerstner et al., Neuronal Dynamics (2014), ch. 19.</para>
    /// </remarks>
    /// <param name="target">Postsynaptic variable that a presynaptic spike adds <c>w</c> to (e.g. <c>ge</c>); null or empty for a
    /// synapse that only learns.</param>
    /// <param name="eta">Learning rate, s² (finite, ≥ 0).</param>
    /// <param name="taupost">Time constant of the output-rate traces, s (finite, &gt; 0).</param>
    /// <param name="tauTheta">Time constant of the sliding threshold, s (finite, &gt; 0).</param>
    /// <param name="y0">Reference rate, Hz (finite, &gt; 0).</param>
    /// <param name="initialTheta">Initial threshold, Hz (finite, ≥ 0).</param>
    /// <returns>A new synapse model named <c>BCM (spiking)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public static SynapseModel Spiking(string? target = "ge", double eta = DefaultSpikingEta, double taupost = DefaultTau,
        double tauTheta = DefaultSpikingTauTheta, double y0 = DefaultReferenceRate, double initialTheta = 0)
    {
        RuleCheck.Eta(eta);
        RuleCheck.Positive(taupost, nameof(taupost));
        RuleCheck.Positive(tauTheta, nameof(tauTheta));
        RuleCheck.Positive(y0, nameof(y0));
        if (!(initialTheta >= 0) || !double.IsFinite(initialTheta))
            throw new ArgumentOutOfRangeException(nameof(initialTheta), initialTheta, "the initial threshold must be finite and ≥ 0");
        string jump = RateTrace.JumpReadBefore("taupost");
        return new SynapseModel("BCM (spiking)", """
                dypost/dt = -ypost/taupost : postsynaptic, event-driven
                dphi/dt = -phi/taupost : postsynaptic, event-driven
                dtheta/dt = -theta/tautheta : postsynaptic, event-driven
                """)
            .WithParameter("eta", eta, "s²", "learning rate")
            .WithParameter("taupost", taupost, "s", "time constant of the output-rate traces")
            .WithParameter("tautheta", tauTheta, "s", "time constant of the sliding threshold")
            .WithParameter("y0", y0, "Hz", "reference rate: the threshold is <y²>/y0")
            .OnPre($"{Transmission.Code(target)}w += eta*phi")
            // In this order: phi and theta read ypost and theta as the spikes before this one left them.
            .OnPostSpike($"phi += {jump}*(ypost - theta); theta += {RateTrace.JumpReadBefore("tautheta")}*ypost/y0; ypost += {jump}")
            .WithInitial("theta", initialTheta);
    }
}

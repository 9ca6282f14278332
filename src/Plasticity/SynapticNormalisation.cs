using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Plasticity;

/// <summary>
/// Synaptic normalisation: each postsynaptic neuron's incoming weights are scaled so that their L1, L2 or Lp norm is a given
/// radius, <c>w_j ← R · w_j / ‖w_j‖_p</c> (multiplicative normalisation), on a plastic rate projection after its rule has
/// changed the weights, or on a spiking projection (STDP or any synapse model) every N presentations or every k steps.
/// </summary>
/// <remarks>
/// <para>Hebb's rule with a normalisation after every change converges, like Oja's rule, to the principal eigenvector of the
/// input correlation (for L2), with the norm held at R to rounding after every change; L1 keeps the sum of magnitudes,
/// as the normalisation of Diehl &amp; Cook (2015) keeps each excitatory neuron's total input weight (78 for 784 inputs,
/// before each image).</para>
/// <list type="table">
/// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
/// <item><term><c>radius</c></term><description>R, the norm each neuron's weights are given; finite, &gt; 0 (1).</description></item>
/// <item><term><c>p</c></term><description>The norm: 1 (L1), 2 (L2) or any finite p &gt; 0 (<c>Σ|w_i|^p = R^p</c>).</description></item>
/// <item><term><c>everyApplications</c></term><description>Rate projections: 1, after every application of the rule ("continuous");
/// N, after every N-th (with one step per minibatch of B samples, every N·B samples; for a rule applied at the end of each
/// presentation, every N-th presentation) (1).</description></item>
/// <item><term><c>every</c></term><description>Spiking projections: <see cref="NormalisationSchedule.EveryPresentations"/>(N), at the end
/// of every N-th presentation (<see cref="Network.EndPresentation"/>, which the training loop calls after each), or
/// <see cref="NormalisationSchedule.EverySteps"/>(k), at the end of every k-th step (every presentation).</description></item>
/// <item><term><c>variable</c></term><description>Spiking projections: the per-synapse variable normalised (<c>w</c>).</description></item>
/// </list>
/// <para>Every neuron's weights are scaled by one factor: signs and ratios are kept, and a neuron whose weights are all zero
/// keeps them zero. The norm is taken of the weights divided by their largest magnitude m, summed in a fixed order from zero
/// (a rate projection's columns; a spiking projection's synapses onto the neuron in ascending presynaptic order), then each
/// weight is multiplied once by <c>R/(m·sum^(1/p))</c>: the same operations on the CPU and on OpenCL, so each neuron's norm is
/// R to rounding. A rate projection normalises after the change and after clipping (<see cref="OuterProductRule.ClippedTo"/>);
/// a spiking projection after the step's plasticity, or after the rules of the presentation's end. The normalisation is a
/// property of the rule (<see cref="OuterProductRule.NormalisedTo"/>) or of the projection (<see cref="Projection.NormalisedTo"/>);
/// these helpers only name the norms.</para>
/// <para>A spiking network runs one instance (spiking batches are refused), so the normalisation is of that one network's
/// weights; a normalised spiking projection stores its weights per synapse (it never takes the fast path of static
/// synapses with one shared weight).</para>
/// <para>References: K. D. Miller, D. J. C. MacKay, "The role of constraints in Hebbian learning", Neural Comput. 6:100–126 (1994);
/// P. U. Diehl, M. Cook, "Unsupervised learning of digit recognition using spike-timing-dependent plasticity", Front. Comput.
/// Neurosci. 9:99 (2015).</para>
/// </remarks>
/// <example><code>
/// net.ConnectRate(input, output, "r", "I", weights).Learn(SynapticNormalisation.L2(Hebb.Rule(eta: 0.01), radius: 1));
/// var stdp = net.Connect(pixels, excitatory, PairStdp.Synapse("ge", wmax: 1), Connectivity.AllToAll(), weight: "0.3*rand()");
/// SynapticNormalisation.L1(stdp, radius: 78);   // Diehl &amp; Cook: every neuron's input weights sum to 78 before each image
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

    /// <summary>Normalises each postsynaptic neuron's sum of magnitudes Σ|w_i| over <paramref name="projection"/>'s synapses onto it to
    /// <paramref name="radius"/> (Diehl &amp; Cook's normalisation), every presentation unless <paramref name="every"/> says otherwise.</summary>
    /// <returns><paramref name="projection"/>, changed.</returns>
    public static Projection L1(Projection projection, double radius = 1, NormalisationSchedule? every = null, string variable = "w") =>
        Lp(projection, 1, radius, every, variable);

    /// <summary>Normalises each postsynaptic neuron's Euclidean length of <paramref name="projection"/>'s synapses onto it to
    /// <paramref name="radius"/>, every presentation unless <paramref name="every"/> says otherwise.</summary>
    /// <returns><paramref name="projection"/>, changed.</returns>
    public static Projection L2(Projection projection, double radius = 1, NormalisationSchedule? every = null, string variable = "w") =>
        Lp(projection, 2, radius, every, variable);

    /// <summary>Normalises each postsynaptic neuron's synapses of <paramref name="projection"/> to <c>Σ|w_i|^p = radius^p</c>, every
    /// presentation unless <paramref name="every"/> says otherwise.</summary>
    /// <returns><paramref name="projection"/>, changed.</returns>
    /// <exception cref="Simulator.ModelException">p or the radius is not finite and positive, the schedule's interval is below 1, or
    /// <paramref name="variable"/> is not a per-synapse variable that can be scaled; the message names the projection.</exception>
    public static Projection Lp(Projection projection, double p, double radius = 1, NormalisationSchedule? every = null, string variable = "w")
    {
        ArgumentNullException.ThrowIfNull(projection);
        return projection.NormalisedTo(radius, p, every, variable);
    }

    /// <summary>A projection that only normalises (its weights do not otherwise learn): a rule with η = 0 and the normalisation.
    /// The zero change is still computed at each application; give the projection a real rule when it has one.</summary>
    public static OuterProductRule Only(double p, double radius = 1, int everyApplications = 1) =>
        Lp(new OuterProductRule("Normalisation", post: "0", pre: "0").WithParameter("eta", 0), p, radius, everyApplications);
}

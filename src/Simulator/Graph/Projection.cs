using Dendra.Simulator.Models;

namespace Dendra.Simulator.Graph;

/// <summary>
/// Spiking synapses from one population (slice) to another, described by a synapse model. Stored in CSR by
/// presynaptic neuron; a spike is delivered after its synapse's delay (whole steps) into the target.
/// </summary>
public sealed class Projection
{
    private readonly Dictionary<string, Init> _initial = new(StringComparer.Ordinal);

    internal Projection(Network network, int index, string name, PopulationSlice pre, PopulationSlice post,
        SynapseModel synapse, Connectivity connectivity, Init weight, Init delay)
    {
        Network = network;
        Index = index;
        Name = name;
        Pre = pre;
        Post = post;
        Synapse = synapse;
        Connectivity = connectivity;
        Delay = delay;
        _initial["w"] = weight;
    }

    /// <summary>The network.</summary>
    public Network Network { get; }

    /// <summary>Position among the network's projections; also seeds its random streams.</summary>
    public int Index { get; }

    /// <summary>Name, unique in the network, used in messages, recordings and views ("pre→post" unless given).</summary>
    public string Name { get; }

    /// <summary>Presynaptic neurons.</summary>
    public PopulationSlice Pre { get; }

    /// <summary>Postsynaptic neurons.</summary>
    public PopulationSlice Post { get; }

    /// <summary>The synapse model.</summary>
    public SynapseModel Synapse { get; }

    /// <summary>Which pairs connect.</summary>
    public Connectivity Connectivity { get; }

    /// <summary>Delay in seconds: a constant or a per-synapse expression; rounded to whole steps, at least 0.</summary>
    public Init Delay { get; }

    /// <summary>Number of synapses (known once the network is built; 0 before).</summary>
    public long SynapseCount => Network.Report?.SynapsesOf(Index) ?? 0;

    /// <summary>Initial values of synaptic variables (the weight <c>w</c> among them).</summary>
    public IReadOnlyDictionary<string, Init> InitialValues => _initial;

    /// <summary>Sets the initial value of a synaptic variable (constant or expression in <c>i</c>, <c>j</c>, <c>rand()</c>…).</summary>
    public Projection Initialize(string variable, Init value)
    {
        if (!Synapse.StateVariables.Contains(variable))
            throw new ModelException(Synapse.Name, $"projection '{Name}' has no synaptic variable '{variable}'; known: {string.Join(", ", Synapse.StateVariables)}");
        Network.Invalidate();
        _initial[variable] = value;
        return this;
    }

    /// <summary>The normalisation of a synaptic variable per postsynaptic neuron (<see cref="NormalisedTo"/>), or null for none.</summary>
    public WeightNormalisation? Normalisation { get; private set; }

    /// <summary>
    /// Normalises, per postsynaptic neuron, a synaptic variable of this projection's synapses onto it (the weight <c>w</c>
    /// by default): all of them are multiplied by one factor so that <c>Σ|w|^p = radius^p</c>, as Diehl &amp; Cook (2015)
    /// scale every excitatory neuron's input weights to a constant sum (p = 1) before each image. The scaling keeps signs
    /// and ratios; a neuron whose synapses are all zero keeps them zero. It runs at the end of the presentations or steps
    /// <paramref name="every"/> names (after a step's plasticity), on the backend that steps the projection, with the
    /// arithmetic of <see cref="WeightNormalisation"/>.
    /// </summary>
    /// <param name="radius">The norm R each neuron's synapses are given: finite, &gt; 0 (78 for Diehl &amp; Cook's 784 inputs with p = 1).</param>
    /// <param name="p">The exponent: 1 (L1, the sum of magnitudes), 2 (L2, the Euclidean length) or any finite p &gt; 0.</param>
    /// <param name="every">When: <see cref="NormalisationSchedule.EveryPresentations"/> (at <see cref="Network.EndPresentation"/>,
    /// the default, every presentation) or <see cref="NormalisationSchedule.EverySteps"/>.</param>
    /// <param name="variable">The per-synapse variable normalised (default <c>w</c>); not a neuron-level variable, a parameter or
    /// an event-driven variable (stored as of each synapse's last event, it cannot be scaled now).</param>
    /// <returns>This projection.</returns>
    /// <exception cref="ModelException">An argument is out of range or the variable cannot be normalised; the message names the projection.</exception>
    /// <exception cref="InvalidOperationException">The network is already built.</exception>
    public Projection NormalisedTo(double radius, double p = 2, NormalisationSchedule? every = null, string variable = "w")
    {
        ArgumentNullException.ThrowIfNull(variable);
        var schedule = every ?? NormalisationSchedule.EveryPresentations();
        string where = $"projection '{Name}'";
        if (!(p > 0) || !double.IsFinite(p)) throw new ModelException(Synapse.Name, $"{where}: a normalisation needs a finite exponent p > 0, got {p}");
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ModelException(Synapse.Name, $"{where}: a normalisation needs a finite radius > 0, got {radius}");
        if (schedule.Interval < 1)
            throw new ModelException(Synapse.Name, $"{where}: a normalisation is applied every 1 or more {(schedule.InSteps ? "steps" : "presentations")}, got {schedule.Interval}");
        RequireNormalisable(variable);
        Network.Invalidate("a normalisation");
        Normalisation = new WeightNormalisation(variable, p, radius, schedule);
        return this;
    }

    /// <summary>Refuses a variable that is not stored once per synapse and changed only where it is stored.</summary>
    private void RequireNormalisable(string variable)
    {
        string where = $"projection '{Name}'";
        var perSynapse = Synapse.SynapticVariables.ToList();
        string known = $"its per-synapse variables: {string.Join(", ", perSynapse)}";
        if (!Synapse.StateVariables.Contains(variable))
        {
            string what = Synapse.TryGetParameter(variable, out _) ? $"'{variable}' is a parameter of {Synapse.Name}, one value for all synapses"
                : Synapse.Equations.Any(e => e.Name == variable) ? $"'{variable}' is a sub-expression of {Synapse.Name}, computed from other variables"
                : $"{Synapse.Name} has no variable '{variable}'";
            throw new ModelException(Synapse.Name, $"{where} cannot normalise '{variable}': {what}; {known}");
        }
        if (Synapse.OwnerOf(variable) is not VariableOwner.Synapse and var owner)
            throw new ModelException(Synapse.Name, $"{where} cannot normalise '{variable}': it is a {owner.ToString().ToLowerInvariant()} variable, " +
                $"stored once per neuron, not per synapse; {known}");
        if (Synapse.Equations.Any(e => e.Kind == EquationKind.Differential && e.Name == variable && e.EventDriven))
            throw new ModelException(Synapse.Name, $"{where} cannot normalise '{variable}': it is event-driven, stored as of each synapse's last event " +
                "and brought up to date only at the next one, so scaling the stored value would not scale the variable; normalise a variable without an event-driven equation");
    }

    /// <summary>Current values of a synaptic variable, one per synapse in storage order, with each synapse's pre and post neuron.</summary>
    public (int[] Pre, int[] Post, double[] Values) Get(string variable) => Network.Read(this, variable);

    /// <inheritdoc />
    public override string ToString() => Name;
}

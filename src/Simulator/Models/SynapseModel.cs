namespace Dendra.Simulator.Models;

/// <summary>
/// A synapse model: per-synapse variables (at least the weight <c>w</c>), equations that are continuous or
/// event-driven (integrated exactly from the last event, so they cost nothing between spikes), and the code
/// run on a presynaptic spike (when it arrives, after the delay) and on a postsynaptic spike.
/// </summary>
/// <remarks>
/// A rate-based synapse feeds its postsynaptic neuron through a summed sub-expression:
/// <c>I_post = w*r_pre : summed</c> adds, every step, the sum over the synapses onto each neuron to its
/// summed input <c>I</c>.
/// Names in the code resolve, in order, to: synapse variables, synapse parameters, <c>x_pre</c> and
/// <c>x_post</c> (the pre- and postsynaptic neuron's variable <c>x</c>), then a bare postsynaptic variable,
/// so <c>ge += w</c> adds the weight to the target neuron's <c>ge</c>.
/// <para>Neuron-level variables: an equation flagged <c>: presynaptic</c> or <c>: postsynaptic</c> (e.g.
/// <c>dApre/dt = -Apre/taupre : presynaptic, event-driven</c>) defines a variable the synapse model owns but stores once per
/// presynaptic or postsynaptic neuron of the projection, such as a spike trace. <see cref="OnPreSpike"/> and
/// <see cref="OnPostSpike"/> change them once per spike of their neuron, after the synapse code of the same spike ran, so
/// the synapse code reads a trace as it was before that spike. Synapse code reads them by name and never writes them.</para>
/// </remarks>
public sealed class SynapseModel : ModelDescription
{
    private readonly List<Statement> _onPre = [];
    private readonly List<Statement> _onPost = [];
    private readonly List<Statement> _onPreSpike = [];
    private readonly List<Statement> _onPostSpike = [];

    /// <summary>Creates a synapse model from its equations (may be empty).</summary>
    public SynapseModel(string name, string equations = "") : base(name, equations)
    {
        // Every synapse has a weight; it is a plain state unless the equations give it dynamics (dw/dt = …).
        if (!StateVariables.Contains("w")) AddState("w", Init.Of(0));
    }

    /// <summary>A static synapse that adds its weight to the postsynaptic variable <paramref name="target"/>.</summary>
    public static SynapseModel Static(string target) => new SynapseModel($"static→{target}").OnPre($"{target} += w");

    /// <summary>Statements run when a presynaptic spike arrives.</summary>
    public IReadOnlyList<Statement> PreCode => _onPre;

    /// <summary>Statements run when the postsynaptic neuron spikes.</summary>
    public IReadOnlyList<Statement> PostCode => _onPost;

    /// <summary>Statements run once per presynaptic neuron when its spike arrives, after the on-pre code of its synapses.</summary>
    public IReadOnlyList<Statement> PreSpikeCode => _onPreSpike;

    /// <summary>Statements run once per postsynaptic neuron when it spikes, after the on-post code of its synapses.</summary>
    public IReadOnlyList<Statement> PostSpikeCode => _onPostSpike;

    /// <summary>Variables stored once per presynaptic neuron of a projection (equations flagged <c>: presynaptic</c>).</summary>
    public IEnumerable<string> PresynapticVariables => NeuronLevel(VariableOwner.Presynaptic);

    /// <summary>Variables stored once per postsynaptic neuron of a projection (equations flagged <c>: postsynaptic</c>).</summary>
    public IEnumerable<string> PostsynapticVariables => NeuronLevel(VariableOwner.Postsynaptic);

    /// <summary>Variables stored per synapse: the state variables that are not neuron-level.</summary>
    public IEnumerable<string> SynapticVariables => StateVariables.Except(NeuronLevel(VariableOwner.Presynaptic)).Except(NeuronLevel(VariableOwner.Postsynaptic));

    /// <summary>Who stores variable <paramref name="name"/>: the synapse, or its pre- or postsynaptic neuron.</summary>
    public VariableOwner OwnerOf(string name) =>
        Equations.FirstOrDefault(e => e.Kind == EquationKind.Differential && e.Name == name)?.Owner ?? VariableOwner.Synapse;

    private IEnumerable<string> NeuronLevel(VariableOwner owner) =>
        Equations.Where(e => e.Kind == EquationKind.Differential && e.Owner == owner).Select(e => e.Name);

    /// <summary>Adds or replaces a parameter.</summary>
    public SynapseModel WithParameter(string name, double value, string unit = "", string description = "")
    {
        AddParameter(new Parameter(name, value, unit, description));
        return this;
    }

    /// <summary>Declares a per-synapse variable changed only by events.</summary>
    public SynapseModel WithVariable(string name, Init? initial = null)
    {
        AddState(name, initial ?? Init.Of(0));
        return this;
    }

    /// <summary>Sets a per-synapse variable's initial value.</summary>
    public SynapseModel WithInitial(string variable, Init value)
    {
        SetInitial(variable, value);
        return this;
    }

    /// <summary>Appends code run on a presynaptic spike.</summary>
    public SynapseModel OnPre(string statements)
    {
        _onPre.AddRange(Statement.ParseBlock(Name, statements));
        return this;
    }

    /// <summary>Appends code run on a postsynaptic spike.</summary>
    public SynapseModel OnPost(string statements)
    {
        _onPost.AddRange(Statement.ParseBlock(Name, statements));
        return this;
    }

    /// <summary>Appends code run once per presynaptic neuron when its spike arrives (after the on-pre code of its synapses):
    /// it changes presynaptic variables, e.g. <c>Apre += dApre</c>.</summary>
    public SynapseModel OnPreSpike(string statements)
    {
        _onPreSpike.AddRange(Statement.ParseBlock(Name, statements));
        return this;
    }

    /// <summary>Appends code run once per postsynaptic neuron when it spikes (after the on-post code of its synapses): it
    /// changes postsynaptic variables, e.g. <c>Apost += dApost</c>.</summary>
    public SynapseModel OnPostSpike(string statements)
    {
        _onPostSpike.AddRange(Statement.ParseBlock(Name, statements));
        return this;
    }

    /// <summary>Chooses the integrator for continuous synaptic equations.</summary>
    public SynapseModel WithMethod(Integrator method)
    {
        Method = method;
        return this;
    }
}

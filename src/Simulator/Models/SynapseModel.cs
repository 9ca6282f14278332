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
/// </remarks>
public sealed class SynapseModel : ModelDescription
{
    private readonly List<Statement> _onPre = [];
    private readonly List<Statement> _onPost = [];

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

    /// <summary>Chooses the integrator for continuous synaptic equations.</summary>
    public SynapseModel WithMethod(Integrator method)
    {
        Method = method;
        return this;
    }
}

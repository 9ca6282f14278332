using Dendra.Simulator.Expressions;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// Compiles the neuron-level variables a synapse model owns on one side of a projection: their storage, the code run once
/// per spike of a neuron of that side, their clock-driven equations, and how synapse code reads them now.
/// </summary>
/// <param name="projection">The projection.</param>
/// <param name="side">Presynaptic or postsynaptic.</param>
/// <param name="constants">The synapse model's parameters, folded into the code.</param>
/// <param name="neuronArrays">The arrays of the side's population (its neuron variables, readable as <c>x_pre</c> or <c>x_post</c>).</param>
/// <param name="allocate">Allocates an array of the network's precision.</param>
internal sealed class NeuronVariableCompiler(Projection projection, VariableOwner side, Dictionary<string, double> constants,
    IReadOnlyDictionary<string, Array> neuronArrays, Func<int, Array> allocate)
{
    private readonly SynapseModel _model = projection.Synapse;
    private string Suffix => side == VariableOwner.Presynaptic ? "_pre" : "_post";
    private string SideName => side == VariableOwner.Presynaptic ? "presynaptic" : "postsynaptic";
    private string CodeName => side == VariableOwner.Presynaptic ? "OnPreSpike" : "OnPostSpike";
    private PopulationSlice Slice => side == VariableOwner.Presynaptic ? projection.Pre : projection.Post;
    private List<Equation> Equations => _model.Equations.Where(e => e.Kind == EquationKind.Differential && e.Owner == side).ToList();
    private IReadOnlyList<Statement> Code => side == VariableOwner.Presynaptic ? _model.PreSpikeCode : _model.PostSpikeCode;

    /// <summary>The compiled side, or null when the model has nothing on it.</summary>
    public CompiledNeuronVariables? Compile()
    {
        var equations = Equations;
        if (equations.Count == 0 && Code.Count == 0) return null;
        var population = Slice.Population;
        var own = equations.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var arrays = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (var name in own) arrays[name] = Initial(name, allocate(population.Size));

        // A neuron-level kernel's element is the neuron itself (its index in its population), so its own variables and its
        // neuron's variables are both indexed by the element.
        var bindings = new Dictionary<string, ArrayBinding>(StringComparer.Ordinal);
        foreach (var (name, data) in neuronArrays.Where(kv => !kv.Key.StartsWith("__", StringComparison.Ordinal)))
            bindings[name + Suffix] = new ArrayBinding(name + Suffix, data, IndexKind.Element);
        foreach (var (name, data) in arrays) bindings[name] = new ArrayBinding(name, data, IndexKind.Element);
        var scope = new NameScope(_model.Name, constants, [.. bindings.Keys], [], allowReductions: false);
        scope.Extra.Add("elapsed");

        foreach (var eq in equations) CheckReads(eq.Rhs, eq.Source);
        foreach (var s in Code)
        {
            if (!own.Contains(s.Target))
                throw new ModelException(_model.Name, s.Source, 0,
                    $"{CodeName} runs once per {SideName} neuron and may change only {SideName} variables ({Listing(own)}); '{s.Target}' is {Describe(s.Target)}");
            CheckReads(s.AsAssignment(), s.Source);
        }

        var eventDriven = equations.Where(e => e.EventDriven).ToList();
        var clock = eventDriven.Count > 0 ? new long[population.Size] : null;
        var catchUp = eventDriven.Select(e => new StoreStatement(e.Name,
            ExactDecay.After(_model.Name, scope, e, new Identifier(e.Name), new Identifier("elapsed")))).ToList();
        int phase = side == VariableOwner.Presynaptic ? 6 : 7;

        KernelDefinition? onSpike = null;
        if (Code.Count > 0 || catchUp.Count > 0)
        {
            var body = new List<KernelStatement>(catchUp);
            foreach (var s in Code) body.Add(new StoreStatement(s.Target, scope.Resolve(s.AsAssignment(), s.Source)));
            if (clock is not null) body.Add(new TouchClockStatement());
            onSpike = new KernelDefinition($"{projection.Name}.on_{SideName}_spike", KernelShape.SynapseEvent, body, bindings, population.Size,
                projection.Network.Seed, SynapseTable.Stream(projection.Index, phase), projection.Network.Dt, EventClock: clock, ChecksFinite: true);
        }

        KernelDefinition? continuous = null;
        var clockDriven = equations.Where(e => !e.EventDriven).ToList();
        if (clockDriven.Count > 0)
        {
            // A clock-driven equation reads an event-driven neighbour as it is now, not as its last event left it.
            var now = catchUp.ToDictionary(c => c.Variable, c => c.Value, StringComparer.Ordinal);
            var odes = clockDriven.Select(e => new OdeTerm(e.Name, Symbolic.Substitute(scope.Resolve(e.Rhs, e.Source), now), false)).ToList();
            var method = StateUpdatePlanner.Choose(_model.Name, odes, projection.Network.IntegratorOverride ?? _model.Method);
            continuous = new KernelDefinition($"{projection.Name}.{SideName}_update", KernelShape.UpdateLoop,
                StateUpdatePlanner.Plan(odes, method, projection.Network.Dt), bindings, population.Size, projection.Network.Seed,
                SynapseTable.Stream(projection.Index, phase + 2), projection.Network.Dt, EventClock: clock);
        }

        return new CompiledNeuronVariables
        {
            Side = side,
            Arrays = arrays,
            Slice = (Slice.Start, Slice.Count),
            Clock = clock,
            OnSpike = onSpike,
            Continuous = continuous,
            EventDriven = eventDriven.Select(e => e.Name).ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>How synapse code reads each event-driven variable of this side: its stored value decayed exactly over the time
    /// since its neuron's clock (<paramref name="elapsed"/>); clock-driven ones are read as stored.</summary>
    public Dictionary<string, Expr> ReadNow(NameScope synapseScope, string elapsed) =>
        Equations.Where(e => e.EventDriven).ToDictionary(e => e.Name,
            e => ExactDecay.After(_model.Name, synapseScope, e, new Identifier(e.Name), new Identifier(elapsed)), StringComparer.Ordinal);

    /// <summary>Refuses, naming it, a per-synapse or other-side variable in code that runs once per neuron.</summary>
    private void CheckReads(Expr e, string source)
    {
        var other = side == VariableOwner.Presynaptic ? _model.PostsynapticVariables : _model.PresynapticVariables;
        foreach (var name in Symbolic.Names(e))
        {
            if (_model.SynapticVariables.Contains(name) || other.Contains(name))
                throw new ModelException(_model.Name, source, 0,
                    $"'{name}' is {Describe(name)}, but {SideName} code ({CodeName} and the equations of {SideName} variables) runs once per neuron: " +
                    $"it can read only {SideName} variables, parameters and the {SideName} neuron's variables (x{Suffix})");
        }
    }

    private string Describe(string name) => _model.OwnerOf(name) switch
    {
        _ when !_model.StateVariables.Contains(name) => "not a variable of the synapse model",
        VariableOwner.Presynaptic => "a presynaptic variable",
        VariableOwner.Postsynaptic => "a postsynaptic variable",
        _ => "stored per synapse",
    };

    private static string Listing(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "it declares none";

    /// <summary>Fills a neuron-level array with its initial value, which must be a constant (one value for every neuron).</summary>
    private Array Initial(string name, Array array)
    {
        var init = projection.InitialValues.TryGetValue(name, out var v) ? v
            : _model.InitialValues.TryGetValue(name, out var m) ? m : Init.Of(0);
        if (init.Constant is not { } value)
            throw new ModelException(_model.Name, $"projection '{projection.Name}': the {SideName} variable '{name}' starts at one constant for every neuron; '{init.ToExpressionText()}' is not a constant");
        switch (array)
        {
            case float[] f: Array.Fill(f, (float)value); break;
            case double[] d: Array.Fill(d, value); break;
        }
        return array;
    }
}

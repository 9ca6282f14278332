using Dendra.Simulator.Expressions;
using Dendra.Simulator.Models;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// Compiles one population's model: allocates its arrays, resolves and checks every equation, chooses the
/// integrator and writes the kernels of each phase.
/// </summary>
/// <param name="population">The population.</param>
/// <param name="allocate">Allocates an array of the network's precision.</param>
/// <param name="materialize">Sub-expressions that monitors or projections read and so must be stored.</param>
/// <param name="factors">Factors of outer-product rules computed from this population's state (none by default).</param>
internal sealed class NeuronCompiler(Population population, Func<int, Array> allocate, IReadOnlySet<string> materialize,
    IReadOnlyList<RuleFactor>? factors = null)
{
    private readonly NeuronModel _model = population.Model;
    private readonly Dictionary<string, Array> _arrays = new(StringComparer.Ordinal);
    private double Dt => population.Network.Dt;
    private ulong Seed => population.Network.Seed;
    private int Instances => population.Network.BatchSize;
    // Per-neuron arrays hold every instance of a batch, one block of Size values after another.
    private int Elements => population.Size * Instances;

    /// <summary>Random stream base of a population's kernel kind: every (population, phase, call site) draws its own numbers.</summary>
    public static ulong Stream(int population, int phase) => ((ulong)(population + 1) << 24) | ((ulong)phase << 16);

    public CompiledPopulation Compile()
    {
        var model = _model;
        foreach (var eq in model.Equations.Where(e => e.EventDriven))
            throw new ModelException(model.Name, eq.Source, -1, "only synaptic equations can be event-driven");
        foreach (var eq in model.Equations.Where(e => e.Owner != VariableOwner.Synapse))
            throw new ModelException(model.Name, eq.Source, -1, "only a synapse model stores variables per presynaptic or postsynaptic neuron; a neuron's own variable needs no flag");
        var duplicate = model.Equations.GroupBy(e => e.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ModelException(model.Name, duplicate.Last().Source, -1, $"'{duplicate.Key}' is defined twice");

        var constants = new Dictionary<string, double>(StringComparer.Ordinal);
        var perNeuronParameters = new List<(string Name, Init Value)>();
        foreach (var p in model.Parameters)
        {
            var value = population.ParameterValue(p.Name);
            if (value.Constant is { } c)
            {
                ParameterCheck.RequireFinite($"{model.Name}' in population '{population.Name}", p.Name, c);
                if (ParameterCheck.IsTimeConstant(p.Name)) ParameterCheck.RequirePositive($"{model.Name}' in population '{population.Name}", p.Name, c);
                constants[p.Name] = c;
            }
            else perNeuronParameters.Add((p.Name, value));
        }

        var states = model.StateVariables.ToList();
        foreach (var name in states.Concat(model.Inputs).Concat(perNeuronParameters.Select(p => p.Name)))
            _arrays[name] = allocate(Elements);
        var subExpressions = model.Equations.Where(e => e.Kind == EquationKind.SubExpression).ToList();
        foreach (var clash in subExpressions.Where(e => _arrays.ContainsKey(e.Name) || constants.ContainsKey(e.Name)))
            throw new ModelException(model.Name, clash.Source, -1, $"'{clash.Name}' is already a parameter, state variable or input");

        var scope = new NameScope(model.Name, constants, [.. _arrays.Keys], subExpressions, allowReductions: true);
        RefractoryState? refractory = null;
        if (model.RefractorySeconds > 0)
        {
            var last = new long[Elements];
            Array.Fill(last, long.MinValue / 2);
            refractory = new RefractoryState(last, (int)Clock.StepOf(model.RefractorySeconds, Dt));
        }

        var init = CompileInit(scope, states, perNeuronParameters);
        var (update, method) = CompileUpdate(scope, refractory);
        var threshold = CompileThreshold(scope, refractory);
        var materialized = CompileMaterialize(scope, subExpressions, refractory);
        var ruleFactors = CompileRuleFactors(constants, subExpressions, refractory);
        var reductions = scope.Reductions.Select((r, k) =>
        {
            _arrays[r.Cell] = allocate(Instances);
            var body = new List<KernelStatement> { new LetStatement("value", r.Argument) };
            return (Kernel(population.Name + ".reduce" + k, KernelShape.SumLoop, body, Stream(population.Index, 5 + k), refractory), r.Cell, r.Mean);
        }).ToList();
        // Reduction cells are created after the kernels that read them were defined; bindings are looked up by name, so re-bind.
        return new CompiledPopulation
        {
            Name = population.Name,
            Size = population.Size,
            Arrays = _arrays,
            StateVariables = states,
            Inputs = model.Inputs,
            Method = method,
            Init = Rebind(init),
            Reductions = reductions,
            Update = update is null ? null : Rebind(update),
            Threshold = threshold is null ? null : Rebind(threshold),
            Materialize = materialized is null ? null : Rebind(materialized),
            RuleFactors = ruleFactors is null ? null : Rebind(ruleFactors),
            Resets = model.Reset.Count > 0,
            Refractory = refractory,
        };
    }

    private KernelDefinition Rebind(KernelDefinition k) => k with { Arrays = Bindings() };

    private Dictionary<string, ArrayBinding> Bindings() =>
        _arrays.ToDictionary(kv => kv.Key, kv => new ArrayBinding(kv.Key, kv.Value,
            kv.Key.StartsWith("__reduce", StringComparison.Ordinal) ? IndexKind.Scalar : IndexKind.Element), StringComparer.Ordinal);

    private KernelDefinition Kernel(string name, KernelShape shape, IReadOnlyList<KernelStatement> body, ulong stream, RefractoryState? refractory) =>
        new(name, shape, body, Bindings(), population.Size, Seed, stream, Dt, refractory, Instances: Instances);

    private KernelDefinition CompileInit(NameScope scope, List<string> states, List<(string Name, Init Value)> perNeuron)
    {
        var body = new List<StoreStatement>();
        foreach (var (name, value) in perNeuron)
            body.Add(new StoreStatement(name, ResolveInit(scope, name, value)));
        foreach (var state in states)
        {
            var value = population.InitialOverrides.TryGetValue(state, out var o) ? o
                : _model.InitialValues.TryGetValue(state, out var m) ? m : Init.Of(0);
            body.Add(new StoreStatement(state, ResolveInit(scope, state, value)));
        }
        return Kernel(population.Name + ".init", KernelShape.ElementLoop, InitializationOrder.Sort(_model.Name, body), Stream(population.Index, 0), null);
    }

    private Expr ResolveInit(NameScope scope, string variable, Init value)
    {
        if (value.Values is { } values)
        {
            if (values.Count != population.Size)
                throw new ModelException(_model.Name, $"population '{population.Name}' has {population.Size} neurons but {values.Count} values were given for '{variable}'");
            var name = "__values_" + variable;
            _arrays[name] = values.ToArray();
            return new Identifier(name);
        }
        var text = value.ToExpressionText();
        var source = $"{variable} = {text}";
        Expr parsed;
        try { parsed = ExpressionParser.Parse(text, variable.Length + 3); }
        catch (ExpressionSyntaxException e) { throw new ModelException(_model.Name, source, e.Position, e.Message); }
        var resolved = scope.Resolve(parsed, source);
        if (scope.Reductions.Count > 0 && Symbolic.Names(resolved).Any(n => n.StartsWith("__reduce", StringComparison.Ordinal)))
            throw new ModelException(_model.Name, source, -1, "initial values cannot use population reductions");
        return resolved;
    }

    private (KernelDefinition?, Integrator) CompileUpdate(NameScope scope, RefractoryState? refractory)
    {
        var odes = _model.Equations.Where(e => e.Kind == EquationKind.Differential)
            .Select(e => new OdeTerm(e.Name, scope.Resolve(e.Rhs, e.Source), e.UnlessRefractory)).ToList();
        if (odes.Count == 0) return (null, _model.Method);
        var method = StateUpdatePlanner.Choose(_model.Name, odes, population.Network.IntegratorOverride ?? _model.Method);
        var body = StateUpdatePlanner.Plan(odes, method, Dt);
        return (Kernel(population.Name + ".update", KernelShape.UpdateLoop, body, Stream(population.Index, 1), refractory), method);
    }

    private KernelDefinition? CompileThreshold(NameScope scope, RefractoryState? refractory)
    {
        if (_model.Threshold is null)
        {
            if (_model.Reset.Count > 0) throw new ModelException(_model.Name, "a reset needs a threshold: add WithThreshold(\"…\")");
            return null;
        }
        var condition = scope.Resolve(_model.Threshold, _model.ThresholdSource!);
        if (refractory is not null)
            condition = new Binary(BinaryOp.And, new Identifier("not_refractory"), condition);
        var then = new List<KernelStatement> { new EmitSpikeStatement() };
        then.AddRange(CompileStatements(scope, _model.Reset));
        // A reset writes state outside the update, so it checks what it writes as the update does.
        return Kernel(population.Name + ".threshold", KernelShape.ThresholdLoop, [new IfStatement(condition, then)], Stream(population.Index, 2), refractory)
            with { ChecksFinite = _model.Reset.Count > 0 };
    }

    /// <summary>Event code as kernel statements. Each statement sees the effect of the ones before it.</summary>
    private List<KernelStatement> CompileStatements(NameScope scope, IEnumerable<Statement> statements)
    {
        var result = new List<KernelStatement>();
        foreach (var s in statements)
        {
            if (!scope.IsArray(s.Target) || !_model.StateVariables.Contains(s.Target))
                throw new ModelException(_model.Name, s.Source, 0, $"'{s.Target}' is assigned but is not a state variable of the model");
            result.Add(new StoreStatement(s.Target, scope.Resolve(s.AsAssignment(), s.Source)));
        }
        return result;
    }

    /// <summary>
    /// The factors of outer-product rules that read this population, as one kernel. Each factor sees the population's
    /// variables, inputs, per-neuron parameters and sub-expressions (by bare name or with its side's suffix, <c>y_post</c>),
    /// and the rule's parameters; a name it cannot resolve here belongs to the other side, and the rule is refused as not
    /// of the outer-product form.
    /// </summary>
    private KernelDefinition? CompileRuleFactors(Dictionary<string, double> constants, List<Equation> subExpressions, RefractoryState? refractory)
    {
        if (factors is not { Count: > 0 }) return null;
        var body = new List<KernelStatement>();
        foreach (var factor in factors)
        {
            var scoped = new Dictionary<string, double>(constants, StringComparer.Ordinal);
            foreach (var p in factor.Rule.Parameters.Values) scoped.TryAdd(p.Name, p.Default);
            var scope = new NameScope(factor.Rule.Name, scoped, [.. _arrays.Keys], subExpressions, allowReductions: false);
            string suffix = "_" + factor.Side;
            var expression = Symbolic.Rewrite(factor.Expression, node =>
                node is Identifier id && id.Name.EndsWith(suffix, StringComparison.Ordinal) && id.Name.Length > suffix.Length
                    ? id with { Name = id.Name[..^suffix.Length] } : null);
            Expr resolved;
            try { resolved = scope.Resolve(expression, factor.Source); }
            catch (ModelException e)
            {
                string role = factor.Side == "post" ? "f and d are functions of the postsynaptic neuron" : "g is a function of the presynaptic neuron";
                throw new ModelException(factor.Rule.Name,
                    $"{e.Message}{Environment.NewLine}Rate projection '{factor.Projection.Name}' learns by a rule of the form ΔW = eta·(f(post) ⊗ g(pre) − d(post) ⊙ W): " +
                    $"{role} (population '{population.Name}'), and W itself appears only in the decay term");
            }
            _arrays[factor.Array] = allocate(Elements);
            body.Add(new StoreStatement(factor.Array, resolved));
        }
        return Kernel(population.Name + ".rulefactors", KernelShape.ElementLoop, body, Stream(population.Index, 4), refractory);
    }

    private KernelDefinition? CompileMaterialize(NameScope scope, List<Equation> subExpressions, RefractoryState? refractory)
    {
        var body = new List<KernelStatement>();
        foreach (var eq in subExpressions.Where(e => materialize.Contains(e.Name)))
        {
            _arrays[eq.Name] = allocate(Elements);
            body.Add(new StoreStatement(eq.Name, scope.Resolve(eq.Rhs, eq.Source)));
        }
        return body.Count == 0 ? null : Kernel(population.Name + ".subexpressions", KernelShape.ElementLoop, body, Stream(population.Index, 3), refractory);
    }
}

using Dendra.Simulator.Expressions;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// Compiles one projection: draws its synapses, decides between the additive fast path and general synapse
/// code, and writes the kernels for initialization, spike arrival, postsynaptic spikes and continuous equations.
/// </summary>
internal sealed class SynapseCompiler(Projection projection, Func<int, Array> allocate,
    IReadOnlyDictionary<string, Array> preArrays, IReadOnlyDictionary<string, Array> postArrays)
{
    private readonly SynapseModel _model = projection.Synapse;
    private double Dt => projection.Network.Dt;
    private ulong Seed => projection.Network.Seed;

    public CompiledProjection Compile()
    {
        var table = SynapseTable.Build(projection, Seed);
        var constants = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in _model.Parameters)
        {
            if (ParameterCheck.IsTimeConstant(p.Name)) ParameterCheck.RequirePositive(_model.Name, p.Name, p.Default);
            constants[p.Name] = p.Default;
        }

        if (IsAdditive(constants) is { } target)
            return CompileAdditive(table, target);
        return CompileGeneral(table, constants);
    }

    private Init InitialOf(string variable) =>
        projection.InitialValues.TryGetValue(variable, out var v) ? v
        : _model.InitialValues.TryGetValue(variable, out var m) ? m : Init.Of(0);

    /// <summary>The target of a lone <c>target += w</c> into a postsynaptic state variable, or null. A normalised projection
    /// takes the general path: its weights are stored per synapse and change, which the fast path's constant weight and its
    /// fixed-point scaling on OpenCL (sized from the weights as built) do not allow.</summary>
    private string? IsAdditive(Dictionary<string, double> constants)
    {
        if (projection.Normalisation is not null) return null;
        if (_model.Equations.Count > 0 || _model.PostCode.Count > 0 || _model.PreCode.Count != 1 || _model.StateVariables.Count() != 1
            || _model.PreSpikeCode.Count > 0 || _model.PostSpikeCode.Count > 0)
            return null;
        var s = _model.PreCode[0];
        var target = s.Target.EndsWith("_post", StringComparison.Ordinal) ? s.Target[..^5] : s.Target;
        if (s.Op != AssignOp.Add || s.Value is not Identifier { Name: "w" } || constants.ContainsKey(target)) return null;
        RejectSummedInputTarget(s, target);
        if (!postArrays.ContainsKey(target))
            throw new ModelException(_model.Name, s.Source, 0,
                $"the postsynaptic population '{projection.Post.Population.Name}' has no variable '{target}'; known: {string.Join(", ", postArrays.Keys.Where(k => !k.StartsWith("__", StringComparison.Ordinal)))}");
        return target;
    }

    /// <summary>
    /// Summed inputs are cleared at the start of every step, so a spike written into one after the threshold
    /// phase would vanish before any update read it: refuse it and say what to do instead.
    /// </summary>
    private void RejectSummedInputTarget(Statement s, string target)
    {
        if (projection.Post.Population.Model.Inputs.Contains(target))
            throw new ModelException(_model.Name, s.Source, 0,
                $"'{target}' is a summed input of population '{projection.Post.Population.Name}', recomputed every step, so a spike written into it would be lost; " +
                $"target a state variable (e.g. a synaptic current with dI/dt = -I/tau) or use a summed synaptic variable ({target}_post = w*r_pre : summed)");
    }

    private CompiledProjection CompileAdditive(SynapseTable table, string target)
    {
        var weight = InitialOf("w");
        var arrays = new Dictionary<string, Array>(StringComparer.Ordinal);
        if (weight.Constant is null) arrays["w"] = allocate(table.Count);
        var (delay, delayArray) = Delays(table.Count);
        return new CompiledProjection
        {
            Name = projection.Name,
            Table = table,
            Delay = delay,
            Summed = null,
            AdditiveTarget = target,
            ConstantWeight = weight.Constant,
            Arrays = arrays,
            Init = InitKernel(table, arrays, [], delayArray),
            OnPre = null,
            OnPost = null,
            Continuous = null,
            PreIndex = null,
            ByPost = null,
            DelaySeconds = delayArray,
        };
    }

    private (int Delay, Array? PerSynapse) Delays(int count)
    {
        if (projection.Delay.Constant is { } d)
            return ((int)Clock.StepOf(d, Dt), null);
        return (0, allocate(count));
    }

    private CompiledProjection CompileGeneral(SynapseTable table, Dictionary<string, double> constants)
    {
        RejectNeuronLevelWrites();
        // A presynaptic variable changes when the spike arrives at the synapses. With one delay for the whole projection
        // that is one moment per presynaptic spike, so one value per neuron serves every synapse; with per-synapse delays each
        // synapse sees the spike at its own time, so the variable is stored (and its spike code run) per synapse instead.
        bool preAsSynaptic = projection.Delay.Constant is null;
        bool IsStoredPerSynapse(Equation e) => e.Owner == VariableOwner.Synapse || (preAsSynaptic && e.Owner == VariableOwner.Presynaptic);
        var synapticVariables = _model.SynapticVariables.Concat(preAsSynaptic ? _model.PresynapticVariables : []).ToList();
        var onPreCode = preAsSynaptic ? [.. _model.PreCode, .. _model.PreSpikeCode] : _model.PreCode;

        var arrays = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (var v in synapticVariables) arrays[v] = allocate(table.Count);
        var eventDriven = _model.Equations.Where(e => e.Kind == EquationKind.Differential && e.EventDriven && IsStoredPerSynapse(e)).ToList();
        var continuous = _model.Equations.Where(e => e.Kind == EquationKind.Differential && !e.EventDriven && IsStoredPerSynapse(e)).ToList();
        long[]? clock = eventDriven.Count > 0 ? new long[table.Count] : null;

        var preCompiler = preAsSynaptic ? null : new NeuronVariableCompiler(projection, VariableOwner.Presynaptic, constants, preArrays, allocate);
        var postCompiler = new NeuronVariableCompiler(projection, VariableOwner.Postsynaptic, constants, postArrays, allocate);
        var presynaptic = preCompiler?.Compile();
        var postsynaptic = postCompiler.Compile();

        var bindings = new Dictionary<string, ArrayBinding>(StringComparer.Ordinal);
        // The synapse's own names come first: a bare name that is also one of the synapse's sub-expressions means the
        // sub-expression (its parameters and variables already win), and the postsynaptic variable stays reachable as x_post.
        var ownSubExpressions = _model.Equations.Where(e => e.Kind == EquationKind.SubExpression && !e.Summed).Select(e => e.Name).ToHashSet();
        foreach (var (name, data) in postArrays.Where(kv => !kv.Key.StartsWith("__", StringComparison.Ordinal)))
        {
            if (!ownSubExpressions.Contains(name)) bindings[name] = new ArrayBinding(name, data, IndexKind.Post);
            bindings[name + "_post"] = new ArrayBinding(name + "_post", data, IndexKind.Post);
        }
        foreach (var (name, data) in preArrays.Where(kv => !kv.Key.StartsWith("__", StringComparison.Ordinal)))
            bindings[name + "_pre"] = new ArrayBinding(name + "_pre", data, IndexKind.Pre);
        foreach (var (name, data) in presynaptic?.Arrays ?? []) bindings[name] = new ArrayBinding(name, data, IndexKind.Pre);
        foreach (var (name, data) in postsynaptic?.Arrays ?? []) bindings[name] = new ArrayBinding(name, data, IndexKind.Post);
        foreach (var (name, data) in arrays) bindings[name] = new ArrayBinding(name, data, IndexKind.Element);

        var subExpressions = _model.Equations.Where(e => e.Kind == EquationKind.SubExpression && !e.Summed);
        var scope = new NameScope(_model.Name, constants, [.. bindings.Keys], subExpressions, allowReductions: false);
        scope.Extra.Add("elapsed");
        scope.Extra.Add("j");
        scope.Extra.Add(KernelBuiltins.ElapsedPre);
        scope.Extra.Add(KernelBuiltins.ElapsedPost);
        // Synapse code reads an event-driven neuron-level variable as it is now: its neuron's stored value, decayed exactly
        // since that neuron's clock (the stored value changes only at the neuron's spikes).
        var neuronLevelNow = new Dictionary<string, Expr>(StringComparer.Ordinal);
        if (preCompiler is not null) foreach (var (name, value) in preCompiler.ReadNow(scope, KernelBuiltins.ElapsedPre)) neuronLevelNow[name] = value;
        foreach (var (name, value) in postCompiler.ReadNow(scope, KernelBuiltins.ElapsedPost)) neuronLevelNow[name] = value;
        Expr Resolve(Expr e, string source)
        {
            var resolved = NeuronIndices(scope.Resolve(e, source));
            return neuronLevelNow.Count == 0 ? resolved : Symbolic.Substitute(resolved, neuronLevelNow);
        }

        var catchUp = eventDriven.Select(e => EventDrivenUpdate(scope, e)).ToList();
        // Clock-driven and summed code read an event-driven variable as it is now, not as the last event left it: its
        // exact solution since that event, computed where it is read (the stored value changes only at events).
        var now = catchUp.ToDictionary(c => c.Variable, c => c.Value, StringComparer.Ordinal);
        Expr ResolveNow(Expr e, string source) => now.Count == 0 ? Resolve(e, source) : Symbolic.Substitute(Resolve(e, source), now);
        var (preClock, postClock) = (presynaptic?.Clock, postsynaptic?.Clock);
        KernelDefinition? Event(string phase, IReadOnlyList<Statement> code, int stream)
        {
            if (code.Count == 0) return null;
            var body = new List<KernelStatement>(catchUp);
            foreach (var s in code)
            {
                if (!arrays.ContainsKey(s.Target))
                    RejectSummedInputTarget(s, s.Target.EndsWith("_post", StringComparison.Ordinal) ? s.Target[..^5] : s.Target);
                if (!bindings.ContainsKey(s.Target))
                    throw new ModelException(_model.Name, s.Source, 0, $"'{s.Target}' is assigned but is neither a synaptic variable nor a variable of the pre- or postsynaptic neuron");
                body.Add(new StoreStatement(s.Target, Resolve(s.AsAssignment(), s.Source)));
            }
            if (clock is not null) body.Add(new TouchClockStatement());
            return new KernelDefinition($"{projection.Name}.{phase}", KernelShape.SynapseEvent, body, bindings, table.Count, Seed,
                SynapseTable.Stream(projection.Index, stream), Dt, EventClock: clock, SliceStarts: SliceStarts, ChecksFinite: true,
                PreClock: preClock, PostClock: postClock);
        }

        var preIndex = table.PreOfEachSynapse(projection.Pre.Start);
        KernelDefinition? continuousKernel = null;
        if (continuous.Count > 0)
        {
            var odes = continuous.Select(e => new OdeTerm(e.Name, ResolveNow(e.Rhs, e.Source), false)).ToList();
            var method = StateUpdatePlanner.Choose(_model.Name, odes, projection.Network.IntegratorOverride ?? _model.Method);
            continuousKernel = new KernelDefinition($"{projection.Name}.update", KernelShape.UpdateLoop,
                StateUpdatePlanner.Plan(odes, method, Dt), bindings, table.Count, Seed, SynapseTable.Stream(projection.Index, 3), Dt,
                EventClock: clock, PreIndex: preIndex, PostIndex: table.Post, SliceStarts: SliceStarts, PreClock: preClock, PostClock: postClock);
        }

        var summedBody = new List<KernelStatement>();
        foreach (var eq in _model.Equations.Where(e => e.Summed))
        {
            var input = eq.Name.EndsWith("_post", StringComparison.Ordinal) ? eq.Name[..^5] : "";
            if (!projection.Post.Population.Model.Inputs.Contains(input))
                throw new ModelException(_model.Name, eq.Source, 0,
                    $"a summed variable must be named X_post, where X is a summed input of the postsynaptic population '{projection.Post.Population.Name}' (its inputs: {string.Join(", ", projection.Post.Population.Model.Inputs)})");
            summedBody.Add(new StoreStatement(eq.Name, new Binary(BinaryOp.Add, new Identifier(eq.Name), ResolveNow(eq.Rhs, eq.Source))));
        }
        var summed = summedBody.Count == 0 ? null : new KernelDefinition($"{projection.Name}.summed", KernelShape.ElementLoop,
            summedBody, bindings, table.Count, Seed, SynapseTable.Stream(projection.Index, 5), Dt, EventClock: clock, PreIndex: preIndex, PostIndex: table.Post, SliceStarts: SliceStarts,
            PreClock: preClock, PostClock: postClock);

        var (delay, delayArray) = Delays(table.Count);
        return new CompiledProjection
        {
            Name = projection.Name,
            Table = table,
            Delay = delay,
            Summed = summed,
            AdditiveTarget = null,
            ConstantWeight = null,
            Arrays = arrays,
            Init = InitKernel(table, arrays, constants, delayArray),
            OnPre = Event("on_pre", onPreCode, 1),
            OnPost = Event("on_post", _model.PostCode, 2),
            Continuous = continuousKernel,
            PreIndex = preIndex,
            ByPost = _model.PostCode.Count > 0 ? GroupByPost(table, projection.Post.Population.Size) : null,
            DelaySeconds = delayArray,
            Presynaptic = presynaptic,
            Postsynaptic = postsynaptic,
        };
    }

    /// <summary>
    /// Synapse code runs once per synapse, so it may read a neuron-level variable but not change it: that belongs in the
    /// spike code of its side, which runs once per neuron.
    /// </summary>
    private void RejectNeuronLevelWrites()
    {
        foreach (var (code, block) in new[] { (_model.PreCode, "OnPre"), (_model.PostCode, "OnPost") })
            foreach (var s in code)
            {
                var (owner, spikeCode) = _model.OwnerOf(s.Target) switch
                {
                    VariableOwner.Presynaptic => ("presynaptic", "OnPreSpike"),
                    VariableOwner.Postsynaptic => ("postsynaptic", "OnPostSpike"),
                    _ => (null, null),
                };
                if (owner is not null)
                    throw new ModelException(_model.Name, s.Source, 0,
                        $"'{s.Target}' is a {owner} variable, stored once per neuron, and {block} runs once per synapse: change it in {spikeCode}, which runs once per {owner} spike");
            }
    }

    /// <summary>
    /// In synapse code, as in a projection's initial values, <c>i</c> is the presynaptic and <c>j</c> the postsynaptic
    /// neuron (counted from the start of the projection's pre- and postsynaptic slices), not where the synapse is stored.
    /// </summary>
    private static Expr NeuronIndices(Expr e) => Symbolic.Rewrite(e, node => node switch
    {
        Identifier { Name: "i" } => new Identifier(KernelBuiltins.PreNeuron),
        Identifier { Name: "j" } => new Identifier(KernelBuiltins.PostNeuron),
        _ => null,
    });

    private (int, int) SliceStarts => (projection.Pre.Start, projection.Post.Start);

    /// <summary>Brings an event-driven variable from its last event to now: exact for dx/dt = a·x + b with constant a, b.</summary>
    private StoreStatement EventDrivenUpdate(NameScope scope, Equation eq) =>
        new(eq.Name, ExactDecay.After(_model.Name, scope, eq, new Identifier(eq.Name), new Identifier("elapsed")));

    private static (int[] Start, int[] Synapses) GroupByPost(SynapseTable table, int postSize)
    {
        var start = new int[postSize + 1];
        foreach (var p in table.Post) start[p + 1]++;
        for (int k = 0; k < postSize; k++) start[k + 1] += start[k];
        var fill = (int[])start.Clone();
        var synapses = new int[table.Count];
        for (int s = 0; s < table.Count; s++) synapses[fill[table.Post[s]]++] = s;
        return (start, synapses);
    }

    private KernelDefinition? InitKernel(SynapseTable table, Dictionary<string, Array> arrays, Dictionary<string, double> constants, Array? delaySeconds)
    {
        var items = arrays.Keys.Select(v => (Name: v, Value: InitialOf(v))).ToList();
        if (delaySeconds is not null) items.Add(("__delay", projection.Delay));
        if (items.Count == 0) return null;
        var i = new int[table.Count];
        var j = new int[table.Count];
        var pre = table.PreOfEachSynapse(0);
        for (int s = 0; s < table.Count; s++)
        {
            i[s] = pre[s];
            j[s] = table.Post[s] - projection.Post.Start;
        }
        var bindings = new Dictionary<string, ArrayBinding>(StringComparer.Ordinal)
        {
            ["i"] = new("i", i, IndexKind.Element),
            ["j"] = new("j", j, IndexKind.Element),
        };
        foreach (var (name, data) in arrays) bindings[name] = new ArrayBinding(name, data, IndexKind.Element);
        if (delaySeconds is not null) bindings["__delay"] = new ArrayBinding("__delay", delaySeconds, IndexKind.Element);
        var scope = new NameScope(_model.Name, constants, [.. bindings.Keys], [], allowReductions: false);
        var body = new List<StoreStatement>();
        foreach (var (name, value) in items)
        {
            if (value.Values is not null)
                throw new ModelException(_model.Name, $"projection '{projection.Name}': give '{name}' as a constant or an expression in i and j (synapse order is internal, so a plain array cannot be matched to synapses)");
            var text = value.ToExpressionText();
            var source = $"{(name == "__delay" ? "delay" : name)} = {text}";
            try { body.Add(new StoreStatement(name, scope.Resolve(ExpressionParser.Parse(text, source.Length - text.Length), source))); }
            catch (ExpressionSyntaxException e) { throw new ModelException(_model.Name, source, e.Position, e.Message); }
        }
        return new KernelDefinition($"{projection.Name}.init", KernelShape.ElementLoop, InitializationOrder.Sort(_model.Name, body), bindings, table.Count, Seed,
            SynapseTable.Stream(projection.Index, 4), Dt);
    }
}

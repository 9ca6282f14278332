using System.Numerics;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.Host;

/// <summary>
/// A projection on the CPU. Additive synapses sum into the target's ring buffer when the spike is emitted;
/// general synapses queue their ids in a ring of per-step event lists and run their code when the spike arrives.
/// </summary>
internal sealed class ProjectionRuntime<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly List<int>[]? _queue;
    /// <summary>Presynaptic neurons whose spike arrives at each step of the ring (for their neuron-level spike code).</summary>
    private readonly List<int>[]? _arrivingNeurons;

    public ProjectionRuntime(Projection projection, CompiledProjection compiled, CpuKernelGenerator generator,
        PopulationRuntime<T> pre, PopulationRuntime<T> post)
    {
        Projection = projection;
        Compiled = compiled;
        Pre = pre;
        Post = post;
        if (compiled.Init is not null)
            ((ElementKernel)generator.Generate(compiled.Init))(0, compiled.Table.Count, 0);
        DelaySteps = compiled.DelaySeconds is T[] seconds ? ToSteps(seconds, projection) : null;
        MaxDelay = DelaySteps is null ? compiled.Delay : DelaySteps.Length == 0 ? 0 : DelaySteps.Max();
        OnPre = compiled.OnPre is null ? null : (SynapseKernel)generator.Generate(compiled.OnPre);
        OnPost = compiled.OnPost is null ? null : (SynapseKernel)generator.Generate(compiled.OnPost);
        Continuous = compiled.Continuous is null ? null : (SumKernel)generator.Generate(compiled.Continuous);
        Summed = compiled.Summed is null ? null : (ElementKernel)generator.Generate(compiled.Summed);
        Weights = compiled.Arrays.TryGetValue("w", out var w) ? (T[])w : null;
        ConstantWeight = T.CreateTruncating(compiled.ConstantWeight ?? 0);
        if (compiled.AdditiveTarget is null)
        {
            _queue = new List<int>[MaxDelay + 1];
            for (int k = 0; k < _queue.Length; k++) _queue[k] = [];
        }
        PreSpike = compiled.Presynaptic?.OnSpike is { } preSpike ? (SynapseKernel)generator.Generate(preSpike) : null;
        PostSpike = compiled.Postsynaptic?.OnSpike is { } postSpike ? (SynapseKernel)generator.Generate(postSpike) : null;
        NeuronUpdates = compiled.NeuronLevel.Where(n => n.Continuous is not null)
            .Select(n => (n, (SumKernel)generator.Generate(n.Continuous!))).ToArray();
        if (PreSpike is not null)
        {
            _arrivingNeurons = new List<int>[MaxDelay + 1];
            for (int k = 0; k < _arrivingNeurons.Length; k++) _arrivingNeurons[k] = [];
        }
    }

    /// <summary>Neuron-level code run once per presynaptic spike when it arrives (element, pre and post are the neuron).</summary>
    public SynapseKernel? PreSpike { get; }

    /// <summary>Neuron-level code run once per postsynaptic spike.</summary>
    public SynapseKernel? PostSpike { get; }

    /// <summary>Clock-driven neuron-level variables, integrated over the side's slice at the end of every step's plasticity.</summary>
    public (CompiledNeuronVariables Side, SumKernel Update)[] NeuronUpdates { get; }

    public Projection Projection { get; }
    public CompiledProjection Compiled { get; }
    public PopulationRuntime<T> Pre { get; }
    public PopulationRuntime<T> Post { get; }
    public ushort[]? DelaySteps { get; }
    public int MaxDelay { get; }
    public SynapseKernel? OnPre { get; }
    public SynapseKernel? OnPost { get; }
    /// <summary>Continuous synaptic equations; returns the sum of the values it wrote, finite unless one of them is not.</summary>
    public SumKernel? Continuous { get; }
    public ElementKernel? Summed { get; }
    public T[]? Weights { get; }
    public T ConstantWeight { get; }

    /// <summary>The ring buffer of the additive target, set by the simulation.</summary>
    public RingBuffer<T>? Target { get; set; }

    private static ushort[] ToSteps(T[] seconds, Projection projection)
    {
        var dt = projection.Network.Dt;
        var steps = new ushort[seconds.Length];
        for (int k = 0; k < seconds.Length; k++)
        {
            double d = double.CreateTruncating(seconds[k]);
            double s = Clock.StepOf(d, dt);
            if (!(s >= 0) || s > ushort.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(projection), d,
                    $"projection '{projection.Name}': the delay of synapse {k} is {d} s; delays must lie in [0, {ushort.MaxValue} steps]");
            steps[k] = (ushort)s;
        }
        return steps;
    }

    /// <summary>Emits this step's presynaptic spikes: into the ring buffer (additive) or the event queue (general).</summary>
    public void Propagate(long step)
    {
        var slice = Projection.Pre;
        var rowStart = Compiled.Table.RowStart;
        var post = Compiled.Table.Post;
        foreach (var neuron in Pre.CurrentSpikes)
        {
            int row = neuron - slice.Start;
            if ((uint)row >= (uint)slice.Count) continue;
            int from = rowStart[row], to = rowStart[row + 1];
            if (Target is { } ring)
            {
                if (DelaySteps is null)
                {
                    var slot = ring.Slot(step + Compiled.Delay);
                    if (Weights is null)
                        for (int s = from; s < to; s++) slot[post[s]] += ConstantWeight;
                    else
                        for (int s = from; s < to; s++) slot[post[s]] += Weights[s];
                }
                else
                {
                    for (int s = from; s < to; s++)
                        ring.Slot(step + DelaySteps[s])[post[s]] += Weights is null ? ConstantWeight : Weights[s];
                }
            }
            else
            {
                // Without on-pre code nothing would ever take the ids out of the queue again.
                if (OnPre is not null)
                    for (int s = from; s < to; s++)
                        _queue![(int)((step + (DelaySteps?[s] ?? Compiled.Delay)) % _queue.Length)].Add(s);
                // Neuron-level presynaptic variables exist only with one delay for the whole projection.
                _arrivingNeurons?[(int)((step + Compiled.Delay) % _arrivingNeurons.Length)].Add(neuron);
            }
        }
    }

    /// <summary>Queued arrivals for the steps from <paramref name="step"/> on (general synapses; null for additive ones).</summary>
    public int[][]? Pending(long step) =>
        _queue is null ? null : Enumerable.Range(0, _queue.Length).Select(k => _queue[(int)((step + k) % _queue.Length)].ToArray()).ToArray();

    /// <summary>Puts back what <see cref="Pending"/> returned.</summary>
    public void Restore(long step, int[][] pending)
    {
        for (int k = 0; k < _queue!.Length; k++)
        {
            var slot = _queue[(int)((step + k) % _queue.Length)];
            slot.Clear();
            slot.AddRange(pending[k]);
        }
    }

    /// <summary>Presynaptic neurons whose spikes arrive at the steps from <paramref name="step"/> on (null without
    /// neuron-level presynaptic spike code).</summary>
    public int[][]? PendingNeurons(long step) =>
        _arrivingNeurons is null ? null : Enumerable.Range(0, _arrivingNeurons.Length).Select(k => _arrivingNeurons[(int)((step + k) % _arrivingNeurons.Length)].ToArray()).ToArray();

    /// <summary>Puts back what <see cref="PendingNeurons"/> returned.</summary>
    public void RestoreNeurons(long step, int[][] pending)
    {
        for (int k = 0; k < _arrivingNeurons!.Length; k++)
        {
            var slot = _arrivingNeurons[(int)((step + k) % _arrivingNeurons.Length)];
            slot.Clear();
            slot.AddRange(pending[k]);
        }
    }

    /// <summary>General synapses: runs the on-pre code of every spike arriving this step, then the presynaptic spike code of
    /// each neuron whose spike arrived (after its synapses, so they read its variables as they were before this spike).</summary>
    public void Deliver(long step)
    {
        if (_queue is null) return;
        if (OnPre is not null)
        {
            var arriving = _queue[(int)(step % _queue.Length)];
            var pre = Compiled.PreIndex!;
            var post = Compiled.Table.Post;
            try
            {
                foreach (var s in arriving) OnPre(s, pre[s], post[s], step);
            }
            catch (NonFiniteStoreException e)
            {
                throw Describe(e, Compiled.OnPre!);
            }
            arriving.Clear();
        }
        if (_arrivingNeurons is not null)
        {
            var neurons = _arrivingNeurons[(int)(step % _arrivingNeurons.Length)];
            try
            {
                foreach (var n in neurons) PreSpike!(n, n, n, step);
            }
            catch (NonFiniteStoreException e)
            {
                throw DescribeNeuronLevel(e, Compiled.Presynaptic!);
            }
            neurons.Clear();
        }
    }

    /// <summary>Integrates the clock-driven neuron-level variables of each side over its slice, stopping the run at a NaN or
    /// infinity.</summary>
    public void UpdateNeuronLevel(long step)
    {
        foreach (var (side, update) in NeuronUpdates)
        {
            double written = update(side.Slice.Start, side.Slice.Start + side.Slice.Count, step);
            if (double.IsFinite(written)) continue;
            foreach (var (name, array) in side.Arrays)
            {
                int bad = Array.FindIndex((T[])array, v => !T.IsFinite(v));
                if (bad >= 0) throw DescribeNeuronLevel(new NonFiniteStoreException(name, bad, step, double.CreateTruncating(((T[])array)[bad])), side);
            }
        }
    }

    /// <summary>The error a user reads for a NaN or infinity in a neuron-level variable: its projection, neuron and variable.</summary>
    private SimulationException DescribeNeuronLevel(NonFiniteStoreException e, CompiledNeuronVariables side)
    {
        var population = side.Side == Models.VariableOwner.Presynaptic ? Projection.Pre.Population : Projection.Post.Population;
        var owner = side.Side == Models.VariableOwner.Presynaptic ? "presynaptic" : "postsynaptic";
        return new SimulationException(population.Name, e.Index, $"{e.Variable} ({owner} variable of projection '{Projection.Name}')",
            e.Step, e.Step * Projection.Network.Dt, e.Value);
    }

    /// <summary>Integrates the continuous synaptic equations over the threads, stopping the run at a NaN or infinity.</summary>
    public void UpdateContinuous(long step, Chunks chunks)
    {
        if (Continuous is not { } update) return;
        double written = chunks.SumParts(Compiled.Table.Count, (a, b) => update(a, b, step));
        if (double.IsFinite(written)) return;
        foreach (var (name, array) in Compiled.Arrays)
        {
            int bad = Array.FindIndex((T[])array, v => !T.IsFinite(v));
            if (bad >= 0) throw Describe(new NonFiniteStoreException(name, bad, step, double.CreateTruncating(((T[])array)[bad])), null);
        }
    }

    /// <summary>The error a user reads for a NaN or infinity that synapse code was about to store: into a synaptic variable
    /// (one of <see cref="CompiledProjection.Arrays"/>) or, through <paramref name="kernel"/>'s bindings, a neuron's.</summary>
    public SimulationException Describe(NonFiniteStoreException e, KernelDefinition? kernel)
    {
        var time = e.Step * Projection.Network.Dt;
        if (Compiled.Arrays.ContainsKey(e.Variable))
        {
            int pre = Compiled.PreIndex?[e.Index] ?? Compiled.Table.PreOfEachSynapse(Projection.Pre.Start)[e.Index];
            return SimulationException.InSynapse(Projection.Name, e.Index, Projection.Pre.Population.Name, pre,
                Projection.Post.Population.Name, Compiled.Table.Post[e.Index], e.Variable, e.Step, time, e.Value);
        }
        var (population, variable) = kernel!.Arrays[e.Variable].Index == IndexKind.Pre
            ? (Projection.Pre.Population, e.Variable[..^"_pre".Length])
            : (Projection.Post.Population, e.Variable.EndsWith("_post", StringComparison.Ordinal) ? e.Variable[..^"_post".Length] : e.Variable);
        return new SimulationException(population.Name, e.Index, $"{variable} (written by the synapse code of '{Projection.Name}')", e.Step, time, e.Value);
    }

    /// <summary>Runs the on-post code of every synapse onto a neuron that spiked this step, then that neuron's postsynaptic
    /// spike code (after its synapses, so they read its variables as they were before this spike).</summary>
    public void PostSpikes(long step)
    {
        if (OnPost is null && PostSpike is null) return;
        var pre = Compiled.PreIndex!;
        var slice = Projection.Post;
        foreach (var neuron in Post.CurrentSpikes)
        {
            if ((uint)(neuron - slice.Start) >= (uint)slice.Count) continue;
            if (OnPost is not null)
            {
                var (start, synapses) = Compiled.ByPost!.Value;
                try
                {
                    for (int k = start[neuron]; k < start[neuron + 1]; k++)
                    {
                        int s = synapses[k];
                        OnPost(s, pre[s], neuron, step);
                    }
                }
                catch (NonFiniteStoreException e)
                {
                    throw Describe(e, Compiled.OnPost!);
                }
            }
            if (PostSpike is null) continue;
            try
            {
                PostSpike(neuron, neuron, neuron, step);
            }
            catch (NonFiniteStoreException e)
            {
                throw DescribeNeuronLevel(e, Compiled.Postsynaptic!);
            }
        }
    }

    /// <summary>The neuron-level variable <paramref name="variable"/> of each neuron of its side's slice as it is at
    /// <paramref name="step"/> (an event-driven one decayed exactly since its neuron's clock), or null when the synapse model
    /// stores no such variable per neuron here.</summary>
    public double[]? ReadNeuronLevel(string variable, long step)
    {
        var side = Compiled.NeuronLevel.FirstOrDefault(n => n.Arrays.ContainsKey(variable));
        if (side is null) return null;
        var values = (T[])side.Arrays[variable];
        return NeuronLevelValues.Now(Projection, variable, side, Array.ConvertAll(values, v => double.CreateTruncating(v)), step);
    }

    /// <summary>A copy of synaptic variable <paramref name="variable"/>, with each synapse's pre and post neuron (a constant
    /// weight is repeated for every synapse).</summary>
    public (int[] Pre, int[] Post, double[] Values) Read(string variable)
    {
        var table = Compiled.Table;
        var pre = table.PreOfEachSynapse(Projection.Pre.Start);
        double[] values;
        if (Compiled.Arrays.TryGetValue(variable, out var a))
            values = ((T[])a).Select(v => double.CreateTruncating(v)).ToArray();
        else if (variable == "w" && Compiled.ConstantWeight is { } w)
            values = Enumerable.Repeat(w, table.Count).ToArray();
        else
            throw new ModelException(Projection.Synapse.Name, $"projection '{Projection.Name}' has no synaptic variable '{variable}'");
        return (pre, (int[])table.Post.Clone(), values);
    }
}

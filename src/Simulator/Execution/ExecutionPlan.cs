using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Execution;

/// <summary>
/// What a backend executes, decided once from the compiled network: the phase schedule, which populations and projections
/// it steps, how additive synapses share delay rings, which rate projections run (checked) and which of them hold their
/// product or learn, which populations synapse code writes into, which spike lists must come back, and the monitor taps.
/// The CPU, OpenCL and hybrid backends carry this plan out with their own primitives; none re-derives it.
/// </summary>
internal sealed class ExecutionPlan
{
    /// <summary>The first half of a step: afterwards the step's spikes are known.</summary>
    public static readonly Phase[] UntilSpikes = [Phase.Inputs, Phase.StateUpdate, Phase.ThresholdReset];

    /// <summary>The second half of a step, once every population's spikes of the step are known (on every backend).</summary>
    public static readonly Phase[] AfterSpikes = [Phase.Propagate, Phase.Plasticity, Phase.Refresh, Phase.Monitors];

    private readonly bool[] _runs;

    /// <param name="network">The network.</param>
    /// <param name="populations">Its compiled populations, by <see cref="Population.Index"/>.</param>
    /// <param name="projections">Its compiled spiking projections, by <see cref="Projection.Index"/>, with the longest delay of each in steps.</param>
    /// <param name="runs">The populations this backend steps (null: all); a projection runs where its target does.</param>
    public ExecutionPlan(Graph.Network network, IReadOnlyList<CompiledPopulation> populations,
        IReadOnlyList<(CompiledProjection Compiled, int MaxDelay)> projections, Func<Population, bool>? runs = null)
    {
        Network = network;
        _runs = network.Populations.Select(p => runs?.Invoke(p) ?? true).ToArray();
        Stepped = network.Populations.Where(Runs).ToArray();
        SteppedProjections = network.Projections.Where(Runs).ToArray();
        GeneralSynapses = SteppedProjections.Where(p => projections[p.Index].Compiled.AdditiveTarget is null).ToArray();
        Rings = SteppedProjections.Where(p => projections[p.Index].Compiled.AdditiveTarget is not null)
            .GroupBy(p => (p.Post.Population.Index, projections[p.Index].Compiled.AdditiveTarget!))
            .Select(g => new RingGroup(g.Key.Index, g.Key.Item2, g.Select(p => p.Index).ToArray(), g.Max(p => projections[p.Index].MaxDelay) + 1))
            .ToArray();
        ReceivesSpikes = Stepped.Where(p => populations[p.Index].Materialize is not null &&
            SteppedProjections.Any(pr => PopulationSetup.WritesInto(projections[pr.Index].Compiled, pr, p))).ToArray();
        Rates = network.RateProjections.Where(r => Runs(r.Post.Population))
            .Select(r => PlanRate(r, populations[r.Pre.Population.Index], populations[r.Post.Population.Index])).ToArray();
        Learns = Rates.Any(r => r.Learns);
        Normalisations = SteppedProjections.Where(p => p.Normalisation is not null)
            .Select(p => PlanNormalisation(p, projections[p.Index].Compiled)).ToArray();
        Taps = new MonitorTaps(network, Runs);
    }

    /// <summary>The network planned.</summary>
    public Graph.Network Network { get; }

    /// <summary>Whether this backend steps the population (the others are placed elsewhere and only feed their spikes in).</summary>
    public bool Runs(Population population) => _runs[population.Index];

    /// <summary>Whether this backend steps the projection: synapses live with their target.</summary>
    public bool Runs(Projection projection) => _runs[projection.Post.Population.Index];

    /// <summary>The populations stepped here, in network order.</summary>
    public IReadOnlyList<Population> Stepped { get; }

    /// <summary>The spiking projections stepped here, in network order.</summary>
    public IReadOnlyList<Projection> SteppedProjections { get; }

    /// <summary>Stepped projections with synapse code (no additive fast path): event code, summed or continuous variables.</summary>
    public IReadOnlyList<Projection> GeneralSynapses { get; }

    /// <summary>One delay ring per (population, variable) that additive synapses target, long enough for the longest delay
    /// of the projections into it, which add into it in network order.</summary>
    public IReadOnlyList<RingGroup> Rings { get; }

    /// <summary>Stepped populations with stored sub-expressions that synapse code writes into: recomputed in <see cref="Phase.Refresh"/>.</summary>
    public IReadOnlyList<Population> ReceivesSpikes { get; }

    /// <summary>The rate projections into populations stepped here, in network order.</summary>
    public IReadOnlyList<PlannedRate> Rates { get; }

    /// <summary>Whether any rate projection stepped here learns (so <see cref="Phase.Plasticity"/> has rules to apply).</summary>
    public bool Learns { get; }

    /// <summary>The spiking projections stepped here whose synaptic variable is normalised per postsynaptic neuron, in network
    /// order: after the plasticity of the steps their schedule names, and at the end of the presentations it names.</summary>
    public IReadOnlyList<PlannedNormalisation> Normalisations { get; }

    /// <summary>Which monitors read which population stepped here.</summary>
    public MonitorTaps Taps { get; }

    /// <summary>Whether a population's spike list (neuron ids, not only the count) must be known after each step: a
    /// spike monitor records it, or a projection stepped on another backend reads it.</summary>
    public bool NeedsSpikeList(Population population) => Runs(population) &&
        (Taps.SpikeMonitorsOf(population).Count > 0 || Network.Projections.Any(pr => pr.Pre.Population == population && !Runs(pr)));

    /// <summary>The rate projections that read <paramref name="population"/>: a write to it invalidates their held products.</summary>
    public IEnumerable<PlannedRate> RatesReading(Population population) => Rates.Where(r => r.Projection.Pre.Population == population);

    private static PlannedNormalisation PlanNormalisation(Projection projection, CompiledProjection compiled)
    {
        var normalisation = projection.Normalisation!;
        if (projection.Network.Precision == Precision.Single && normalisation.Radius > float.MaxValue)
            throw new ModelException(projection.Synapse.Name, $"projection '{projection.Name}': the normalisation's radius {normalisation.Radius} is beyond " +
                $"the range of float32, the network's precision (at most {float.MaxValue}); use a smaller radius or Precision.Double");
        // The projection checked the variable against its model; the compiler stores every per-synapse variable of a
        // normalised projection (it never takes the fast path).
        var values = compiled.Arrays.GetValueOrDefault(normalisation.Variable)
            ?? throw new InvalidOperationException($"projection '{projection.Name}' has no stored '{normalisation.Variable}' to normalise");
        var (start, synapses) = compiled.Table.IncomingOf(projection.Post.Start, projection.Post.Count);
        return new PlannedNormalisation(projection, normalisation, values, start, synapses);
    }

    private static PlannedRate PlanRate(RateProjection r, CompiledPopulation pre, CompiledPopulation post)
    {
        if (!pre.Arrays.ContainsKey(r.Source))
            throw new ModelException(r.Pre.Population.Model.Name, $"rate projection '{r.Name}' reads '{r.Source}', which population '{r.Pre.Population.Name}' does not have");
        if (!r.Post.Population.Model.Inputs.Contains(r.Target))
            throw new ModelException(r.Post.Population.Model.Name, $"rate projection '{r.Name}' writes '{r.Target}', which is not a summed input of population '{r.Post.Population.Name}'; declare it with WithInput(\"{r.Target}\")");
        return new PlannedRate(r, pre.Arrays[r.Source], post.Arrays[r.Target], HeldSource.Of(r, pre), r.Rule is not null);
    }
}

/// <summary>A delay ring of one population's additive input variable and the projections that add into it.</summary>
/// <param name="Population">The target population's index.</param>
/// <param name="Variable">The input variable the synapses add to.</param>
/// <param name="Projections">The projections adding into it, by index, in network order.</param>
/// <param name="Length">Slots: the longest delay in steps plus one.</param>
internal sealed record RingGroup(int Population, string Variable, int[] Projections, int Length);

/// <summary>A rate projection checked and planned.</summary>
/// <param name="Projection">The projection.</param>
/// <param name="Source">The presynaptic array it reads.</param>
/// <param name="Target">The postsynaptic summed input it adds into.</param>
/// <param name="Held">Its source changes only between presentations: the product is computed once per presentation (<see cref="HeldSource"/>).</param>
/// <param name="Learns">Its weights change under an outer-product rule.</param>
internal sealed record PlannedRate(RateProjection Projection, Array Source, Array Target, bool Held, bool Learns);

/// <summary>A spiking projection's synaptic variable normalised per postsynaptic neuron, planned.</summary>
/// <param name="Projection">The projection.</param>
/// <param name="Normalisation">What is normalised, to which norm, when.</param>
/// <param name="Values">The host array of the variable, one value per synapse in storage order.</param>
/// <param name="Start">Per postsynaptic neuron of the projection's slice (and one past the end): where its synapses start in <paramref name="Synapses"/>.</param>
/// <param name="Synapses">The synapse ids onto each postsynaptic neuron in ascending order: the order every backend sums them in.</param>
internal sealed record PlannedNormalisation(Projection Projection, WeightNormalisation Normalisation, Array Values, int[] Start, int[] Synapses)
{
    /// <summary>Whether it is due at the end of <paramref name="step"/>.</summary>
    public bool DueAfterStep(long step) => Normalisation.Schedule.DueAfterStep(step);

    /// <summary>Whether it is due at the end of presentation number <paramref name="presentation"/> (1 for the first).</summary>
    public bool DueAfterPresentation(long presentation) => Normalisation.Schedule.DueAfterPresentation(presentation);
}

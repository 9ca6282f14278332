using System.Numerics;
using System.Numerics.Tensors;
using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Expressions;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// The multi-threaded CPU backend. Each step runs the phases in the fixed order
/// Inputs → StateUpdate → Threshold/Reset → Propagate → Plasticity → Monitors.
/// Element-wise phases are split over threads; spike propagation runs in spike order on one thread, so every
/// sum is formed in the same order and results are bitwise identical for any thread count.
/// </summary>
/// <typeparam name="T">float or double: the network's precision.</typeparam>
internal sealed partial class CpuSimulation<T> : ISimulationBackend, IStepState, ICheckpointable where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Graph.Network _network;
    private readonly ExecutionPlan _plan;
    private readonly Chunks _chunks;
    private readonly HostNetwork<T> _host;
    private readonly PopulationRuntime<T>[] _populations;
    private readonly ProjectionRuntime<T>[] _projections;
    private readonly RateRuntime<T>[] _rates;
    private readonly IncomingNormalisation<T>[] _normalisations;
    private readonly RingBuffer<T>[] _rings;
    private readonly PopulationRuntime<T>[] _stepped;
    private readonly ProjectionRuntime<T>[] _steppedProjections;
    private readonly int _instances;
    /// <summary>Stepped populations with stored sub-expressions that synapse code (spike delivery, on-pre or on-post code) writes into.</summary>
    private readonly PopulationRuntime<T>[] _receivesSpikes;

    /// <param name="network">The network, built whole so indices, random streams and initial values match any other backend.</param>
    /// <param name="runs">The populations this simulation steps (null: all). The others are placed elsewhere: their spikes
    /// are fed in with <see cref="FeedSpikes"/>, and only the projections into populations it steps run here.</param>
    /// <param name="host">The network already built on the host (null: built here).</param>
    public CpuSimulation(Graph.Network network, Func<Population, bool>? runs = null, HostNetwork<T>? host = null)
    {
        _network = network;
        _instances = network.BatchSize;
        _chunks = new Chunks(network.Threads);
        _host = host ??= HostBuild.Network<T>(network);
        _plan = host.Plan(network, runs);
        _populations = host.Populations;
        _projections = host.Projections;
        Report = host.Report;
        _stepped = [.. _plan.Stepped.Select(p => _populations[p.Index])];
        _steppedProjections = [.. _plan.SteppedProjections.Select(p => _projections[p.Index])];
        _receivesSpikes = [.. _plan.ReceivesSpikes.Select(p => _populations[p.Index])];
        _rings = [.. _plan.Rings.Select(group =>
        {
            var ring = new RingBuffer<T>((T[])_populations[group.Population].Compiled.Arrays[group.Variable], group.Length);
            foreach (var p in group.Projections) _projections[p].Target = ring;
            return ring;
        })];
        _rates = [.. _plan.Rates.Select(r => new RateRuntime<T>(r.Projection, (T[])r.Source, (T[])r.Target, _instances, r.Held,
            _populations[r.Projection.Pre.Population.Index].Compiled, _populations[r.Projection.Post.Population.Index].Compiled))];
        _normalisations = [.. _plan.Normalisations.Select(n => new IncomingNormalisation<T>(n, _projections[n.Projection.Index]))];
    }

    public long Step { get; private set; }

    public string Description => "cpu";

    public ExecutionReport Report { get; }

    public Integrator IntegratorOf(Population population) => _populations[population.Index].Compiled.Method;

    public void Run(long steps, Action<RunProgress>? progress)
    {
        long every = Math.Max(1, steps / 100), spikes = 0;
        for (long k = 0; k < steps; k++)
        {
            spikes += DoStep(Step);
            if (progress is not null && ((k + 1) % every == 0 || k + 1 == steps))
                progress(new RunProgress(k + 1, steps, Step * _network.Dt, spikes));
        }
    }

    private long DoStep(long step)
    {
        long spikes = StepUntilSpikes(step);
        StepAfterSpikes(step);
        return spikes;
    }

    /// <summary>The first half of a step (<see cref="ExecutionPlan.UntilSpikes"/>): afterwards this step's spikes are known
    /// (and can be exchanged with another backend before <see cref="StepAfterSpikes"/>). Returns the number of spikes.</summary>
    internal long StepUntilSpikes(long step)
    {
        long spikes = 0;
        foreach (var phase in ExecutionPlan.UntilSpikes) spikes += Run(phase, step);
        return spikes;
    }

    /// <summary>The second half of a step (<see cref="ExecutionPlan.AfterSpikes"/>), once every population's spikes of this
    /// step are known; afterwards <see cref="Step"/> is the next step (also when a placed network steps this part itself).</summary>
    internal void StepAfterSpikes(long step)
    {
        foreach (var phase in ExecutionPlan.AfterSpikes) Run(phase, step);
        Step = step + 1;
    }

    /// <summary>Runs one phase of a step; returns the spikes it emitted (only threshold/reset emits any).</summary>
    private long Run(Phase phase, long step)
    {
        switch (phase)
        {
            case Phase.Inputs: Inputs(step); break;
            case Phase.StateUpdate: StateUpdate(step); break;
            case Phase.ThresholdReset: return ThresholdReset(step);
            case Phase.Propagate:
                foreach (var pr in _steppedProjections) pr.Propagate(step);
                foreach (var ring in _rings) ring.Deliver(step);
                foreach (var pr in _steppedProjections) pr.Deliver(step);
                break;
            case Phase.Plasticity:
                foreach (var pr in _steppedProjections) pr.PostSpikes(step);
                foreach (var pr in _steppedProjections) pr.UpdateNeuronLevel(step);
                LearnRates(step);
                foreach (var n in _normalisations)
                    if (n.Plan.DueAfterStep(step)) n.Apply(_chunks, step);
                break;
            case Phase.Refresh:
                foreach (var p in _receivesSpikes) _chunks.For(_instances, p.Size, (a, b) => p.Materialize!(a, b, step));
                break;
            case Phase.Monitors:
                // Monitors see the step finished: a read from here (an event-driven trace decayed to now) is at its end.
                Step = step + 1;
                Record(step);
                break;
            default: throw new InvalidOperationException($"the CPU backend has no {phase} phase");
        }
        return 0;
    }

    private void Inputs(long step)
    {
        foreach (var p in _stepped)
            foreach (var input in p.Inputs) Array.Clear(input);
        foreach (var injection in _network.Injections)
        {
            if (!_plan.Runs(injection.Target.Population)) continue;
            var target = (T[])_populations[injection.Target.Population.Index].Compiled.Arrays[injection.Input];
            var value = T.CreateTruncating(injection.Source.ValueAtStep(step, _network.Dt));
            for (int b = 0; b < _instances; b++)
            {
                var slice = target.AsSpan(b * injection.Target.Population.Size + injection.Target.Start, injection.Target.Count);
                TensorPrimitives.Add(slice, value, slice);
            }
        }
        foreach (var r in _rates) r.Apply(_chunks);
        foreach (var pr in _steppedProjections) pr.Summed?.Invoke(0, pr.Compiled.Table.Count, step);
    }

    private void StateUpdate(long step)
    {
        foreach (var p in _stepped)
        {
            foreach (var (kernel, cell, mean) in p.Reductions)
            {
                int size = p.Size;
                if (_instances == 1 || size >= Chunks.MinimumParallel)
                {
                    // One large sum after another, each split over the threads.
                    for (int instance = 0; instance < _instances; instance++)
                    {
                        int offset = instance * size;
                        double sum = _chunks.Sum(size, (a, b) => kernel(offset + a, offset + b, step));
                        cell[instance] = T.CreateTruncating(mean ? sum / size : sum);
                    }
                    continue;
                }
                // Many small sums: the instances spread over the threads, each summed as a single one would be.
                _chunks.ForRows(_instances, (long)_instances * size, (first, last) =>
                {
                    for (int instance = first; instance < last; instance++)
                    {
                        int offset = instance * size;
                        double sum = Chunks.SerialSum(size, (a, b) => kernel(offset + a, offset + b, step));
                        cell[instance] = T.CreateTruncating(mean ? sum / size : sum);
                    }
                });
            }
            if (p.Update is { } update)
            {
                // The update sums what it wrote: one NaN or infinity makes the sum non-finite, and only then is memory searched.
                double written = _chunks.SumParts(_instances, p.Size, (a, b) => update(a, b, step));
                if (!double.IsFinite(written) && NonFiniteDiagnosis.Find(p.Population, p.States, step) is { } error) throw error;
            }
        }
        foreach (var p in _stepped)
            if (p.Materialize is { } m) _chunks.For(_instances, p.Size, (a, b) => m(a, b, step));
        foreach (var pr in _steppedProjections) pr.UpdateContinuous(step, _chunks);
    }

    private long ThresholdReset(long step)
    {
        long spikes = 0;
        foreach (var p in _stepped)
        {
            p.DetectSpikes(step, _chunks);
            spikes += p.SpikeCount;
            Report.AddSpikes(p.Population.Index, p.SpikeCount);
            // A reset changed state the stored sub-expressions were computed from.
            if (p.Materialize is { } m && p.Compiled.Resets && p.SpikeCount > 0) _chunks.For(_instances, p.Size, (a, b) => m(a, b, step));
        }
        return spikes;
    }

    /// <summary>The spikes of this step of a population stepped elsewhere (ascending), fed in between the two halves of a step.</summary>
    internal void FeedSpikes(Population population, ReadOnlySpan<int> spikes) => _populations[population.Index].Feed(spikes);

    /// <summary>The outer-product rules due at the end of this step.</summary>
    private void LearnRates(long step)
    {
        if (!_plan.Learns) return; // no allocation on the hot path of a network without plastic rate projections
        Learn(_rates.Where(r => r.Learning?.Due(step) == true).ToList(), step, presentation: 0);
    }

    /// <summary>Applies the rules that learn once per presentation, from the state at the end of the last step, then the
    /// normalisations due at the end of this presentation.</summary>
    public void EndPresentation(long presentation)
    {
        // Called after every presentation of a training loop: nothing is allocated when no rule learns this way.
        _presentationRates ??= [.. _rates.Where(r => r.Projection.Rule?.AtPresentationEnd == true)];
        long last = Math.Max(0, Step - 1);
        if (_presentationRates.Count > 0) Learn(_presentationRates, last, presentation);
        foreach (var n in _normalisations)
            if (n.Plan.DueAfterPresentation(presentation)) n.Apply(_chunks, last);
    }

    /// <summary>The plastic rate projections whose rules learn once per presentation (found at the first presentation's end).</summary>
    private List<RateRuntime<T>>? _presentationRates;

    /// <summary>Applies <paramref name="due"/> as of the end of <paramref name="step"/> (and of presentation number
    /// <paramref name="presentation"/>, which rules applied per presentation count their normalisations by; 0 for rules
    /// applied every k steps): each population's factors computed once, then each projection's weights changed.</summary>
    private void Learn(List<RateRuntime<T>> due, long step, long presentation)
    {
        if (due.Count == 0) return;
        var populations = due.SelectMany(r => new[] { r.Projection.Pre.Population, r.Projection.Post.Population }).Distinct();
        foreach (var population in populations)
        {
            var p = _populations[population.Index];
            if (p.RuleFactors is { } factors) _chunks.For(_instances, p.Size, (a, b) => factors(a, b, step));
        }
        foreach (var r in due) r.Learn(_chunks, step, presentation);
    }

    /// <summary>How many times a rate projection's product was computed (for tests of held sources).</summary>
    internal long ProductsOf(RateProjection projection) => _rates.First(r => r.Projection == projection).Products;

    /// <summary>The rule's update of a plastic rate projection stepped here (for tests that look inside it).</summary>
    internal OuterProductUpdate<T>? LearningOf(RateProjection projection) => _rates.FirstOrDefault(r => r.Projection == projection)?.Learning;

    public double[] ReadWeights(RateProjection projection) =>
        _rates.FirstOrDefault(r => r.Projection == projection)?.Weights() ?? (double[])(projection.Dense ?? projection.Values)!.Clone();

    private void Record(long step)
    {
        foreach (var p in _stepped) _plan.Taps.Spikes(p.Population.Index, step, p.CurrentSpikes, p.SpikeCount);
        foreach (var m in _plan.Taps.States)
        {
            if (!m.Due(step)) continue;
            var values = Values(m.Population, m.Variable);
            m.Record(step, m.Elements.Select(values).ToArray());
        }
        if (!FeedsRecorders) return;
        var recorders = _network.Recorders;
        for (int k = 0; k < recorders.Count; k++) recorders[k].OnStep(step, this);
    }

    /// <summary>False when this simulation is one part of a placed network, which shows recorders both parts' state at once.</summary>
    internal bool FeedsRecorders { get; set; } = true;

    public ReadOnlySpan<int> SpikesOf(Population population) => _populations[population.Index].CurrentSpikes;

    public void Gather(Population population, string variable, IReadOnlyList<int> neurons, Span<double> into)
    {
        if (_populations[population.Index].Compiled.Arrays.TryGetValue(variable, out var a))
        {
            var values = (T[])a;
            for (int k = 0; k < into.Length; k++) into[k] = double.CreateTruncating(values[neurons[k]]);
            return;
        }
        var value = Values(population, variable);
        for (int k = 0; k < into.Length; k++) into[k] = value(neurons[k]);
    }

    private Func<int, double> Values(Population population, string variable) =>
        PopulationSetup.StoredValues<T>(population, _populations[population.Index].Compiled.Arrays, variable);

    public void Read(Population population, string variable, Span<double> into) =>
        PopulationSetup.CopyStored<T>(population, _populations[population.Index].Compiled.Arrays, variable, into);

    public IStateChanges TrackChanges(IReadOnlyList<(Population Population, string Variable)> watch)
    {
        // Variables stored in arrays are compared where they live; a constant or a sub-expression computed on demand is read.
        var arrays = watch.Select(w => _populations[w.Population.Index].Compiled.Arrays.TryGetValue(w.Variable, out var a) ? a as T[] : null).ToArray();
        if (arrays.Any(a => a is null)) return new ReadStateChanges(this, watch, _instances);
        return new HostStateChanges<T>(arrays!, watch.Select(w => w.Population.Size).ToArray(), _instances, _chunks);
    }

    public void Write(Population population, string variable, ReadOnlySpan<double> values)
    {
        var p = _populations[population.Index];
        var array = (T[])p.Compiled.Arrays[variable];
        for (int k = 0; k < values.Length; k++) array[k] = T.CreateTruncating(values[k]);
        // Stored sub-expressions follow at once (as of the last step taken), so the next step's projections read them.
        long last = Math.Max(0, Step - 1);
        if (p.Materialize is { } m) _chunks.For(_instances, p.Size, (a, b) => m(a, b, last));
        foreach (var r in _rates) if (r.Projection.Pre.Population == population) r.Invalidate();
    }

    public (int[] Pre, int[] Post, double[] Values) Read(Projection projection, string variable)
    {
        var runtime = _projections[projection.Index];
        return runtime.ReadNeuronLevel(variable, Step) is { } values
            ? NeuronLevelRead.Of(projection, variable, values)
            : runtime.Read(variable);
    }
}

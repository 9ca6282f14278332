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
    private readonly Chunks _chunks;
    private readonly PopulationRuntime<T>[] _populations;
    private readonly ProjectionRuntime<T>[] _projections;
    private readonly RateRuntime<T>[] _rates;
    private readonly RingBuffer<T>[] _rings;
    private readonly bool[] _runs;
    private readonly List<PopulationRuntime<T>> _stepped;
    private readonly List<ProjectionRuntime<T>> _steppedProjections;
    private readonly int _instances;
    /// <summary>Whether any rate projection stepped here learns.</summary>
    private readonly bool _learns;
    /// <summary>Stepped populations with stored sub-expressions that synapse code (spike delivery, on-pre or on-post code) writes into.</summary>
    private readonly List<PopulationRuntime<T>> _receivesSpikes;

    /// <param name="network">The network, built whole so indices, random streams and initial values match any other backend.</param>
    /// <param name="runs">The populations this simulation steps (null: all). The others are placed elsewhere: their spikes
    /// are fed in with <see cref="FeedSpikes"/>, and only the projections into populations it steps run here.</param>
    /// <param name="host">The network already built on the host (null: built here).</param>
    public CpuSimulation(Graph.Network network, Func<Population, bool>? runs = null, HostNetwork<T>? host = null)
    {
        _network = network;
        _instances = network.BatchSize;
        _chunks = new Chunks(network.Threads);
        host ??= HostBuild.Network<T>(network);
        _populations = host.Populations;
        _projections = host.Projections;
        Report = host.Report;
        _runs = network.Populations.Select(p => runs?.Invoke(p) ?? true).ToArray();
        _stepped = _populations.Where(p => _runs[p.Population.Index]).ToList();
        _steppedProjections = _projections.Where(p => _runs[p.Post.Population.Index]).ToList();
        _receivesSpikes = _stepped.Where(p => p.Materialize is not null && _steppedProjections.Any(pr => PopulationSetup.WritesInto(pr.Compiled, pr.Projection, p.Population))).ToList();

        // One ring buffer per (population, variable) that additive synapses target, long enough for the longest delay.
        _rings = _steppedProjections.Where(p => p.Compiled.AdditiveTarget is not null)
            .GroupBy(p => (p.Post.Population.Index, p.Compiled.AdditiveTarget!))
            .Select(g =>
            {
                var ring = new RingBuffer<T>((T[])g.First().Post.Compiled.Arrays[g.Key.Item2], g.Max(p => p.MaxDelay) + 1);
                foreach (var p in g) p.Target = ring;
                return ring;
            }).ToArray();

        _rates = network.RateProjections.Where(r => _runs[r.Post.Population.Index]).Select(r =>
        {
            var source = _populations[r.Pre.Population.Index].Compiled.Arrays;
            var target = _populations[r.Post.Population.Index].Compiled.Arrays;
            if (!source.TryGetValue(r.Source, out var s))
                throw new ModelException(r.Pre.Population.Model.Name, $"rate projection '{r.Name}' reads '{r.Source}', which population '{r.Pre.Population.Name}' does not have");
            if (!r.Post.Population.Model.Inputs.Contains(r.Target))
                throw new ModelException(r.Post.Population.Model.Name, $"rate projection '{r.Name}' writes '{r.Target}', which is not a summed input of population '{r.Post.Population.Name}'; declare it with WithInput(\"{r.Target}\")");
            return new RateRuntime<T>(r, (T[])s, (T[])target[r.Target], _instances,
                _populations[r.Pre.Population.Index].Compiled, _populations[r.Post.Population.Index].Compiled);
        }).ToArray();
        _learns = _rates.Any(r => r.Learning is not null);
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

    /// <summary>The first half of a step, Inputs → StateUpdate → Threshold/Reset: afterwards this step's spikes are known
    /// (and can be exchanged with another backend before <see cref="StepAfterSpikes"/>). Returns the number of spikes.</summary>
    internal long StepUntilSpikes(long step)
    {
        // Inputs
        foreach (var p in _stepped)
            foreach (var input in p.Inputs) Array.Clear(input);
        foreach (var injection in _network.Injections)
        {
            if (!_runs[injection.Target.Population.Index]) continue;
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

        // StateUpdate
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
                if (!double.IsFinite(written)) CheckFinite(p, step);
            }
        }
        foreach (var p in _stepped)
            if (p.Materialize is { } m) _chunks.For(_instances, p.Size, (a, b) => m(a, b, step));
        foreach (var pr in _steppedProjections) pr.UpdateContinuous(step, _chunks);

        // Threshold / reset
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

    /// <summary>The second half of a step, Propagate → Plasticity → Monitors, once every population's spikes of this step are
    /// known; afterwards <see cref="Step"/> is the next step (also when a placed network steps this part itself).</summary>
    internal void StepAfterSpikes(long step)
    {
        // Propagate: spikes into ring buffers and event queues, then whatever is due now arrives.
        foreach (var pr in _steppedProjections) pr.Propagate(step);
        foreach (var ring in _rings) ring.Deliver(step);
        foreach (var pr in _steppedProjections) pr.Deliver(step);

        // Plasticity
        foreach (var pr in _steppedProjections) pr.PostSpikes(step);
        foreach (var pr in _steppedProjections) pr.UpdateNeuronLevel(step);
        LearnRates(step);

        // Spikes delivered into a population changed state its stored sub-expressions were computed from.
        foreach (var p in _receivesSpikes)
            if (p.Materialize is { } m) _chunks.For(_instances, p.Size, (a, b) => m(a, b, step));

        // Monitors
        Record(step);
        Step = step + 1;
    }

    /// <summary>The outer-product rules due at the end of this step: each population's factors computed once, then each
    /// projection's weights changed.</summary>
    private void LearnRates(long step)
    {
        if (!_learns) return; // no allocation on the hot path of a network without plastic rate projections
        var due = _rates.Where(r => r.Learning?.Due(step) == true).ToList();
        if (due.Count == 0) return;
        var populations = due.SelectMany(r => new[] { r.Projection.Pre.Population, r.Projection.Post.Population }).Distinct();
        foreach (var population in populations)
        {
            var p = _populations[population.Index];
            if (p.RuleFactors is { } factors) _chunks.For(_instances, p.Size, (a, b) => factors(a, b, step));
        }
        foreach (var r in due) r.Learn(_chunks, step);
    }

    /// <summary>How many times a rate projection's product was computed (for tests of held sources).</summary>
    internal long ProductsOf(RateProjection projection) => _rates.First(r => r.Projection == projection).Products;

    /// <summary>The rule's update of a plastic rate projection stepped here (for tests that look inside it).</summary>
    internal OuterProductUpdate<T>? LearningOf(RateProjection projection) => _rates.FirstOrDefault(r => r.Projection == projection)?.Learning;

    public double[] ReadWeights(RateProjection projection) =>
        _rates.FirstOrDefault(r => r.Projection == projection)?.Weights() ?? (double[])(projection.Dense ?? projection.Values)!.Clone();

    private void CheckFinite(PopulationRuntime<T> p, long step)
    {
        foreach (var (name, values) in p.States)
        {
            int bad = Array.FindIndex(values, v => !T.IsFinite(v));
            if (bad < 0) continue; // the sum overflowed, but every value is finite
            throw new SimulationException(p.Population.Name, bad % p.Size, name, step, step * _network.Dt, double.CreateTruncating(values[bad]),
                _instances > 1 ? bad / p.Size : null);
        }
    }

    private void Record(long step)
    {
        foreach (var m in _network.SpikeMonitors)
            if (_runs[m.Population.Index]) m.Record(step, _populations[m.Population.Index].CurrentSpikes);
        foreach (var m in _network.RateMonitors)
            if (_runs[m.Population.Index]) m.Record(step, _populations[m.Population.Index].SpikeCount);
        foreach (var m in _network.StateMonitors)
        {
            if (!m.Due(step) || !_runs[m.Population.Index]) continue;
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

    public double[] Read(Population population, string variable)
    {
        var values = Values(population, variable);
        return Enumerable.Range(0, population.Size * _instances).Select(values).ToArray();
    }

    public void Write(Population population, string variable, ReadOnlySpan<double> values)
    {
        var p = _populations[population.Index];
        var array = (T[])p.Compiled.Arrays[variable];
        for (int k = 0; k < values.Length; k++) array[k] = T.CreateTruncating(values[k]);
        // Stored sub-expressions follow at once (as of the last step taken), so the next step's projections read them.
        long last = Math.Max(0, Step - 1);
        if (p.Materialize is { } m) _chunks.For(_instances, p.Size, (a, b) => m(a, b, last));
        foreach (var r in _rates.Where(r => r.Projection.Pre.Population == population)) r.Invalidate();
    }

    public (int[] Pre, int[] Post, double[] Values) Read(Projection projection, string variable)
    {
        var runtime = _projections[projection.Index];
        return runtime.ReadNeuronLevel(variable, Step) is { } values
            ? NeuronLevelRead.Of(projection, variable, values)
            : runtime.Read(variable);
    }
}

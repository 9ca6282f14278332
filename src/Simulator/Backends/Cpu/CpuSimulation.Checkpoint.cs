using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>Capturing and restoring the whole CPU state for checkpoints.</summary>
internal sealed partial class CpuSimulation<T>
{
    public SimulationState Capture()
    {
        var state = SimulationState.Of(_network, Step, "cpu");
        state.Populations = _populations.Select(p => new PopulationState
        {
            Name = p.Population.Name,
            Size = p.Size,
            Model = p.Population.Model.Name,
            SpikeCount = Report.SpikesOf(p.Population.Index),
            Arrays = p.Compiled.Arrays.ToDictionary(kv => kv.Key, kv => ToDoubles((T[])kv.Value)),
            LastSpikeStep = (long[]?)p.Compiled.Refractory?.LastSpikeStep.Clone(),
            InFlight = RingsOf(p.Population.Index).ToDictionary(r => r.Variable, r => ToDoubles(r.Ring.Pending(Step))),
        }).ToArray();
        state.Projections = _projections.Select(pr => new ProjectionState
        {
            Name = pr.Projection.Name,
            SynapseCount = pr.Compiled.Table.Count,
            Arrays = pr.Compiled.Arrays.ToDictionary(kv => kv.Key, kv => ToDoubles((T[])kv.Value)),
            EventClock = (long[]?)EventClock(pr)?.Clone(),
            Pending = pr.Pending(Step),
            NeuronArrays = pr.Compiled.NeuronLevel.SelectMany(n => n.Arrays).ToDictionary(kv => kv.Key, kv => ToDoubles((T[])kv.Value)),
            PresynapticClock = (long[]?)pr.Compiled.Presynaptic?.Clock?.Clone(),
            PostsynapticClock = (long[]?)pr.Compiled.Postsynaptic?.Clock?.Clone(),
            PendingNeurons = pr.PendingNeurons(Step),
        }).ToArray();
        state.RateWeights = _rates.Where(r => r.Learning is not null).ToDictionary(r => r.Projection.Name, r => r.Weights());
        return state;
    }

    public void Restore(SimulationState state)
    {
        Step = state.Step;
        for (int k = 0; k < _populations.Length; k++)
        {
            var (runtime, saved) = (_populations[k], state.Populations[k]);
            Report.RestoreSpikes(k, saved.SpikeCount);
            runtime.RewindSources();
            foreach (var (name, array) in runtime.Compiled.Arrays) Copy(saved.Arrays, name, (T[])array, runtime.Population.Name);
            if (runtime.Compiled.Refractory is { } refractory) CopyExact(saved.LastSpikeStep, refractory.LastSpikeStep, runtime.Population.Name, "refractory clock");
            foreach (var (variable, ring) in RingsOf(k))
            {
                var pending = ring.Pending(Step);
                Copy(saved.InFlight, variable, pending, runtime.Population.Name + " (input in flight)");
                ring.Restore(Step, pending);
            }
        }
        for (int k = 0; k < _projections.Length; k++)
        {
            var (runtime, saved) = (_projections[k], state.Projections[k]);
            string name = runtime.Projection.Name;
            foreach (var (variable, array) in runtime.Compiled.Arrays) Copy(saved.Arrays, variable, (T[])array, name);
            if (EventClock(runtime) is { } clock) CopyExact(saved.EventClock, clock, name, "event clock");
            // A projection stepped on another backend (placement) keeps its queue there.
            if (_runs[runtime.Post.Population.Index] && runtime.Pending(Step) is { } current)
            {
                if (saved.Pending is not { } pending || pending.Length != current.Length || pending.SelectMany(s => s).Any(s => s < 0 || s >= runtime.Compiled.Table.Count))
                    throw new CheckpointException($"the checkpoint's queued spikes of projection '{name}' do not fit this network");
                runtime.Restore(Step, pending);
            }
            foreach (var (variable, array) in runtime.Compiled.NeuronLevel.SelectMany(n => n.Arrays)) Copy(saved.NeuronArrays, variable, (T[])array, name);
            if (runtime.Compiled.Presynaptic?.Clock is { } preClock) CopyExact(saved.PresynapticClock, preClock, name, "presynaptic clock");
            if (runtime.Compiled.Postsynaptic?.Clock is { } postClock) CopyExact(saved.PostsynapticClock, postClock, name, "postsynaptic clock");
            if (_runs[runtime.Post.Population.Index] && runtime.PendingNeurons(Step) is { } neurons)
            {
                int size = runtime.Projection.Pre.Population.Size;
                if (saved.PendingNeurons is not { } pending || pending.Length != neurons.Length || pending.SelectMany(n => n).Any(n => n < 0 || n >= size))
                    throw new CheckpointException($"the checkpoint's arriving presynaptic spikes of projection '{name}' do not fit this network");
                runtime.RestoreNeurons(Step, pending);
            }
        }
        foreach (var r in _rates) r.Invalidate(); // sources may have changed
        foreach (var r in _rates.Where(r => r.Learning is not null))
        {
            if (!state.RateWeights.TryGetValue(r.Projection.Name, out var weights))
                throw new CheckpointException($"the checkpoint has no weights of plastic rate projection '{r.Projection.Name}'");
            r.Restore(weights);
        }
    }

    private IEnumerable<(string Variable, RingBuffer<T> Ring)> RingsOf(int population) =>
        _projections.Where(p => p.Target is not null && p.Post.Population.Index == population)
            .Select(p => (p.Compiled.AdditiveTarget!, p.Target!)).Distinct();

    private static long[]? EventClock(ProjectionRuntime<T> p) =>
        p.Compiled.OnPre?.EventClock ?? p.Compiled.OnPost?.EventClock ?? p.Compiled.Continuous?.EventClock ?? p.Compiled.Summed?.EventClock;

    private static double[] ToDoubles(T[] values) => values.Select(v => double.CreateTruncating(v)).ToArray();

    private static void Copy(Dictionary<string, double[]> saved, string name, T[] into, string owner)
    {
        if (!saved.TryGetValue(name, out var values) || values.Length != into.Length)
            throw new CheckpointException($"the checkpoint has no values of '{name}' of '{owner}' for {into.Length} elements");
        for (int i = 0; i < into.Length; i++) into[i] = T.CreateTruncating(values[i]);
    }

    private static void CopyExact(long[]? saved, long[] into, string owner, string what)
    {
        if (saved is null || saved.Length != into.Length)
            throw new CheckpointException($"the checkpoint has no {what} of '{owner}' for {into.Length} elements");
        saved.CopyTo(into, 0);
    }
}

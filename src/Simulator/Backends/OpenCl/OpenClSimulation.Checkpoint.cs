using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Capturing and restoring the whole device state for checkpoints, in the CPU backend's backend-neutral form, so a
/// checkpoint saved on either backend resumes on the other. Two things are kept differently on the device and are
/// converted: delay rings are indexed by absolute step (slot <c>step mod length</c>) and become pending values per
/// future step; the spikes in flight towards general synapses live in a per-neuron spike history, and become (and
/// come back from) the CPU's queues of synapse ids per future step.
/// </summary>
internal sealed partial class OpenClSimulation<T> : ICheckpointable
{
    private readonly List<DeviceRing> _rings = [];
    private readonly Dictionary<int, (IncomingSynapses Incoming, DeviceBuffer Buffer)> _gatheredWeights = [];

    /// <summary>The delay ring of one additive target variable of a population (null buffer: no delays, no ring).
    /// A nonzero <paramref name="Quantum"/> marks a fixed-point ring of int64 counts of that quantum (the scatter).</summary>
    private sealed record DeviceRing(int Population, string Variable, DeviceBuffer? Buffer, int Length, int Size, double Quantum = 0);

    public SimulationState Capture()
    {
        foreach (var array in _host.CompiledPopulations.SelectMany(p => p.Arrays.Values)) Download(array);
        foreach (var clock in _host.CompiledPopulations.Select(p => p.Refractory?.LastSpikeStep).OfType<long[]>()) Download(clock);
        foreach (var compiled in _host.CompiledProjections)
        {
            foreach (var array in compiled.Arrays.Values) Download(array);
            if (compiled.EventClock is { } clock) Download(clock);
            foreach (var side in compiled.NeuronLevel)
            {
                foreach (var array in side.Arrays.Values) Download(array);
                if (side.Clock is { } sideClock) Download(sideClock);
            }
        }
        var histories = _populations.Select(p => p.History is { } h ? ReadHistory(h.Buffer, h.Length, p.Host.Size) : null).ToArray();
        // A projection stepped on another backend (placement) has no history here; its part captures its queues.
        bool General(ProjectionRuntime<T> pr) => pr.Compiled.AdditiveTarget is null && Runs(pr);
        return StateCapture.Capture(_network, Step, "opencl", Report, _host.CompiledPopulations, _host.CompiledProjections, new StateCapture.Own(
            p => _rings.Where(r => r.Population == p).ToDictionary(r => r.Variable, PendingOf),
            k => _projectionHosts[k] is var pr && General(pr) ? QueuedArrivals(pr, histories[pr.Projection.Pre.Population.Index]) : null,
            k => _projectionHosts[k] is var pr && pr.PreSpike is not null && Runs(pr) ? ArrivingNeurons(pr, histories[pr.Projection.Pre.Population.Index]!) : null,
            _learning.ToDictionary(l => l.Projection.Name, l => ReadLearnedWeights(l.Projection)!)));
    }

    public void Restore(SimulationState state)
    {
        Step = state.Step;
        StateCapture.RestoreArrays(state, Report, _host.CompiledPopulations, _host.CompiledProjections, array => _memory.MirrorOf(array)?.Write(_queue, array));
        foreach (var p in _populations)
        {
            // Only the current step's spikes are read from here; a value left from a later step would look like a spike.
            p.SpikedAt.Fill(_queue, -1L);
            p.SourceNext = 0;
        }
        foreach (var ring in _rings) RestoreRing(ring, state.Populations[ring.Population]);

        var histories = _populations.Select(p => p.History is { } h ? new byte[(long)h.Length * p.Host.Size] : null).ToArray();
        for (int k = 0; k < _projectionHosts.Length; k++)
        {
            var (pr, saved) = (_projectionHosts[k], state.Projections[k]);
            string name = pr.Projection.Name;
            if (_gatheredWeights.TryGetValue(pr.Projection.Index, out var gathered)) gathered.Buffer.Write(_queue, gathered.Incoming.Gather(pr.Weights!));
            if (pr.Compiled.AdditiveTarget is null && Runs(pr))
            {
                if (saved.Pending is not { } pending || pending.Length != pr.MaxDelay + 1 || pending.SelectMany(s => s).Any(s => s < 0 || s >= pr.Compiled.Table.Count))
                    throw new CheckpointException($"the checkpoint's queued spikes of projection '{name}' do not fit this network");
                if (pr.OnPre is not null) MarkEmitted(pr, pending, histories[pr.Projection.Pre.Population.Index]!);
            }
            if (pr.PreSpike is not null && Runs(pr)) MarkArriving(pr, saved.PendingNeurons, histories[pr.Projection.Pre.Population.Index]!);
        }
        for (int k = 0; k < _populations.Length; k++)
            if (_populations[k].History is { } h) h.Buffer.Write(_queue, histories[k]!);
        RestoreLearnedWeights(state);
        OpenClException.Check(OpenClDevices.Api.Finish(_queue), "restore the checkpoint");
    }

    /// <summary>A ring's content as pending values: <c>[k·Size + i]</c> arrives at neuron i at step <c>Step + k</c>
    /// (empty without a ring, as on the CPU).</summary>
    private double[] PendingOf(DeviceRing ring)
    {
        if (ring.Buffer is null) return [];
        var slots = new T[(long)ring.Length * ring.Size];
        if (ring.Quantum != 0) slots = FixedPoint.ToReal<T>(ReadFixed(ring), ring.Quantum);
        else ring.Buffer.Read(_queue, slots);
        var pending = new double[slots.Length];
        for (int k = 0; k < ring.Length; k++)
        {
            long slot = (Step + k) % ring.Length * ring.Size;
            for (int i = 0; i < ring.Size; i++) pending[(long)k * ring.Size + i] = double.CreateTruncating(slots[slot + i]);
        }
        return pending;
    }

    private void RestoreRing(DeviceRing ring, PopulationState saved)
    {
        string owner = _hosts[ring.Population].Population.Name;
        long expected = ring.Buffer is null ? 0 : (long)ring.Length * ring.Size;
        if (!saved.InFlight.TryGetValue(ring.Variable, out var pending) || pending.Length != expected)
            throw new CheckpointException($"the checkpoint has no values of '{ring.Variable}' of '{owner} (input in flight)' for {expected} elements");
        if (ring.Buffer is null) return;
        var slots = new T[expected];
        for (int k = 0; k < ring.Length; k++)
        {
            long slot = (Step + k) % ring.Length * ring.Size;
            for (int i = 0; i < ring.Size; i++) slots[slot + i] = T.CreateTruncating(pending[(long)k * ring.Size + i]);
        }
        if (ring.Quantum != 0) ring.Buffer.Write(_queue, FixedPoint.ToFixed(slots, ring.Quantum));
        else ring.Buffer.Write(_queue, slots);
    }

    private byte[] ReadHistory(DeviceBuffer buffer, int length, int size)
    {
        var history = new byte[(long)length * size];
        buffer.Read(_queue, history);
        return history;
    }

    /// <summary>
    /// The CPU's event queue of a general projection, derived from the spike history: a synapse with delay d whose
    /// presynaptic neuron spiked at step e is pending at e + d when that is the current step or later. Within a step,
    /// older spikes come first and then synapse order, the order in which the CPU queues them.
    /// </summary>
    private int[][] QueuedArrivals(ProjectionRuntime<T> pr, byte[]? history)
    {
        var pending = Enumerable.Range(0, pr.MaxDelay + 1).Select(_ => new List<int>()).ToArray();
        if (pr.OnPre is not null && history is not null)
        {
            var (_, length, _) = _populations[pr.Projection.Pre.Population.Index].History!.Value;
            int size = pr.Pre.Size;
            var rowStart = pr.Compiled.Table.RowStart;
            for (long emitted = Math.Max(0, Step - pr.MaxDelay); emitted < Step; emitted++)
            {
                long slot = emitted % length * size;
                for (int row = 0; row + 1 < rowStart.Length; row++)
                {
                    if (history[slot + pr.Projection.Pre.Start + row] == 0) continue;
                    for (int s = rowStart[row]; s < rowStart[row + 1]; s++)
                    {
                        long arrival = emitted + DelayOf(pr, s);
                        if (arrival >= Step) pending[arrival - Step].Add(s);
                    }
                }
            }
        }
        return pending.Select(p => p.ToArray()).ToArray();
    }

    /// <summary>The inverse of <see cref="QueuedArrivals"/>: marks in the spike history the presynaptic spikes that
    /// the queued arrivals come from.</summary>
    private void MarkEmitted(ProjectionRuntime<T> pr, int[][] pending, byte[] history)
    {
        var (_, length, _) = _populations[pr.Projection.Pre.Population.Index].History!.Value;
        int size = pr.Pre.Size;
        var pre = pr.Compiled.Table.PreOfEachSynapse(pr.Projection.Pre.Start);
        for (int k = 0; k < pending.Length; k++)
            foreach (var s in pending[k])
            {
                long emitted = Step + k - DelayOf(pr, s);
                if (emitted >= Step || emitted < 0 || emitted <= Step - length)
                    throw new CheckpointException($"the checkpoint's queued spikes of projection '{pr.Projection.Name}' do not fit this network");
                history[emitted % length * size + pre[s]] = 1;
            }
    }

    /// <summary>The CPU's queue of presynaptic neurons whose spike arrives at each coming step (for their neuron-level spike
    /// code), derived from the spike history as <see cref="QueuedArrivals"/> derives the synapses'.</summary>
    private int[][] ArrivingNeurons(ProjectionRuntime<T> pr, byte[] history)
    {
        var (_, length, _) = _populations[pr.Projection.Pre.Population.Index].History!.Value;
        int size = pr.Pre.Size, delay = pr.Compiled.Delay;
        var slice = pr.Projection.Pre;
        var pending = Enumerable.Range(0, delay + 1).Select(_ => new List<int>()).ToArray();
        for (long emitted = Math.Max(0, Step - delay); emitted < Step; emitted++)
            for (int n = slice.Start; n < slice.Start + slice.Count; n++)
                if (history[emitted % length * size + n] != 0) pending[emitted + delay - Step].Add(n);
        return pending.Select(p => p.ToArray()).ToArray();
    }

    /// <summary>The inverse of <see cref="ArrivingNeurons"/>: marks the spikes those arrivals come from in the history.</summary>
    private void MarkArriving(ProjectionRuntime<T> pr, int[][]? pending, byte[] history)
    {
        var (_, length, _) = _populations[pr.Projection.Pre.Population.Index].History!.Value;
        int size = pr.Pre.Size, delay = pr.Compiled.Delay;
        if (pending is null || pending.Length != delay + 1 || pending.SelectMany(n => n).Any(n => n < 0 || n >= size))
            throw new CheckpointException($"the checkpoint's arriving presynaptic spikes of projection '{pr.Projection.Name}' do not fit this network");
        for (int k = 0; k < pending.Length; k++)
            foreach (var n in pending[k])
            {
                long emitted = Step + k - delay;
                if (emitted >= Step || emitted < 0)
                    throw new CheckpointException($"the checkpoint's arriving presynaptic spikes of projection '{pr.Projection.Name}' do not fit this network");
                history[emitted % length * size + n] = 1;
            }
    }

    private static int DelayOf(ProjectionRuntime<T> pr, int synapse) => pr.DelaySteps?[synapse] ?? pr.Compiled.Delay;
}

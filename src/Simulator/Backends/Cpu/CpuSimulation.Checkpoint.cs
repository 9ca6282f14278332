using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>Capturing and restoring the whole CPU state for checkpoints.</summary>
internal sealed partial class CpuSimulation<T>
{
    public SimulationState Capture() =>
        StateCapture.Capture(_network, Step, "cpu", Report, _host.CompiledPopulations, _host.CompiledProjections, new StateCapture.Own(
            p => RingsOf(p).ToDictionary(r => r.Variable, r => StateCapture.ToDoubles(r.Ring.Pending(Step))),
            pr => _projections[pr].Pending(Step),
            pr => _projections[pr].PendingNeurons(Step),
            _rates.Where(r => r.Learning is not null).ToDictionary(r => r.Projection.Name, r => r.Weights())));

    public void Restore(SimulationState state)
    {
        Step = state.Step;
        StateCapture.RestoreArrays(state, Report, _host.CompiledPopulations, _host.CompiledProjections, _ => { });
        for (int k = 0; k < _populations.Length; k++)
        {
            var runtime = _populations[k];
            runtime.RewindSources();
            foreach (var (variable, ring) in RingsOf(k))
            {
                var pending = ring.Pending(Step);
                var saved = StateCapture.Saved(state.Populations[k].InFlight, variable, pending.Length, runtime.Population.Name + " (input in flight)");
                for (int i = 0; i < pending.Length; i++) pending[i] = T.CreateTruncating(saved[i]);
                ring.Restore(Step, pending);
            }
        }
        for (int k = 0; k < _projections.Length; k++)
        {
            var (runtime, saved) = (_projections[k], state.Projections[k]);
            string name = runtime.Projection.Name;
            // A projection stepped on another backend (placement) keeps its queue there.
            if (!_plan.Runs(runtime.Projection)) continue;
            if (runtime.Pending(Step) is { } current)
            {
                if (saved.Pending is not { } pending || pending.Length != current.Length || pending.SelectMany(s => s).Any(s => s < 0 || s >= runtime.Compiled.Table.Count))
                    throw new CheckpointException($"the checkpoint's queued spikes of projection '{name}' do not fit this network");
                runtime.Restore(Step, pending);
            }
            if (runtime.PendingNeurons(Step) is { } neurons)
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
}

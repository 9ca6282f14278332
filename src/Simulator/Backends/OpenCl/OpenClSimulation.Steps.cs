using Dendra.Simulator.Execution;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>Enqueuing a step: the phases of the plan's schedule, each as the device kernels that carry it out.</summary>
internal sealed partial class OpenClSimulation<T>
{
    private void Enqueue(long step, int k)
    {
        EnqueueUntilSpikes(step, k);
        EnqueueAfterSpikes(step, k);
    }

    /// <summary>Enqueues the first half of a step (<see cref="ExecutionPlan.UntilSpikes"/>), with this step's spike lists.</summary>
    private void EnqueueUntilSpikes(long step, int k)
    {
        foreach (var phase in ExecutionPlan.UntilSpikes) Enqueue(phase, step, k);
    }

    /// <summary>Enqueues the second half of a step (<see cref="ExecutionPlan.AfterSpikes"/>), once every population's spikes are marked.</summary>
    private void EnqueueAfterSpikes(long step, int k)
    {
        foreach (var phase in ExecutionPlan.AfterSpikes) Enqueue(phase, step, k);
    }

    /// <summary>Enqueues one phase of step <paramref name="step"/>, number <paramref name="k"/> of the batch.</summary>
    private void Enqueue(Phase phase, long step, int k)
    {
        switch (phase)
        {
            case Phase.Inputs: EnqueueInputs(step); break;
            case Phase.StateUpdate: EnqueueStateUpdate(step); break;
            case Phase.ThresholdReset: EnqueueThresholdReset(step, k); break;
            case Phase.Propagate:
                foreach (var mark in _marks) mark(step);
                foreach (var propagate in _propagation) propagate(step);
                foreach (var deliver in _deliveries) deliver(step);
                foreach (var arrive in _arrivals) arrive(step);
                break;
            case Phase.Plasticity:
                foreach (var post in _postSpikes) post(step);
                foreach (var update in _neuronLevelUpdates) update(step);
                EnqueueLearning(step);
                EnqueueNormalisations(step);
                break;
            case Phase.Refresh:
                foreach (var p in _populations)
                    if (p.ReceivesSpikes) p.Materialize?.Set(2, step).Run(_queue, p.Elements);
                break;
            case Phase.Monitors:
                // Samples of due steps land in row k of the batch.
                foreach (var (plan, monitor) in _samples)
                    if (plan.Count > 0 && monitor.Due(step))
                        _sample.Set(0, plan.Values).Set(1, plan.Neurons).Set(2, plan.Count).Set(3, plan.Out).Set(4, k).Run(_queue, plan.Count);
                SampleForRecorders(step, k);
                break;
            default: throw new InvalidOperationException($"the OpenCL backend has no {phase} phase");
        }
    }

    private void EnqueueInputs(long step)
    {
        foreach (var p in _stepped)
            foreach (var input in p.Host.Inputs) _memory.MirrorOf(input)!.Fill(_queue, T.Zero);
        foreach (var injection in _network.Injections)
        {
            if (!_plan.Runs(injection.Target.Population)) continue;
            var target = _memory.MirrorOf(_hosts[injection.Target.Population.Index].Compiled.Arrays[injection.Input])!;
            _addValue.Set(0, target).Set(1, injection.Target.Start).Set(2, injection.Target.Count)
                .Set(3, T.CreateTruncating(injection.Source.ValueAtStep(step, _network.Dt))).Set(4, injection.Target.Population.Size).Set(5, _instances)
                .Run(_queue, (long)injection.Target.Count * _instances);
        }
        foreach (var rate in _rates) rate.Run(_queue);
        foreach (var summed in _summed) summed(step);
    }

    private void EnqueueStateUpdate(long step)
    {
        foreach (var p in _stepped)
        {
            for (int r = 0; r < p.Reductions.Count; r++)
            {
                var (kernel, pieces) = p.Reductions[r];
                kernel.Set(2, step).Run(_queue, pieces);
                var (_, cell, mean) = p.Host.Compiled.Reductions[r];
                _finishSum.Set(0, p.Partials).Set(1, (int)(pieces / _instances)).Set(2, _memory.MirrorOf(p.Host.Compiled.Arrays[cell]))
                    .Set(3, mean ? 1 : 0).Set(4, p.Host.Size).Set(5, _instances).Run(_queue, _instances);
            }
            p.Update?.Set(2, step).Run(_queue, p.Elements);
        }
        foreach (var p in _stepped) p.Materialize?.Set(2, step).Run(_queue, p.Elements);
        foreach (var continuous in _continuous) continuous(step);
    }

    /// <summary>Thresholds and resets, then this step's spike list: counts always, neuron ids where the plan wants them.</summary>
    private void EnqueueThresholdReset(long step, int k)
    {
        foreach (var p in _stepped)
        {
            if (p.Sources is { } sources)
            {
                var (steps, _, buffer) = sources;
                int from = p.SourceNext;
                while (from < steps.Length && steps[from] < step) from++;
                int to = from;
                while (to < steps.Length && steps[to] == step) to++;
                p.SourceNext = to;
                _fireSources.Set(0, buffer).Set(1, from).Set(2, to).Set(3, step).Set(4, p.SpikedAt).Run(_queue, to - from);
            }
            else p.Threshold?.Set(2, step).Run(_queue, p.Host.Size);
            // A reset changed state the stored sub-expressions were computed from.
            if (p.Host.Compiled.Resets) p.Materialize?.Set(2, step).Run(_queue, p.Elements);
            _countSpikes.Set(0, p.SpikedAt).Set(1, p.Host.Size).Set(2, step).Set(3, p.BlockCounts).Run(_queue, p.Blocks);
            _offsetSpikes.Set(0, p.BlockCounts).Set(1, p.Blocks).Set(2, p.StepCounts).Set(3, k).Set(4, p.Fill).Run(_queue, 1);
            p.History?.Record(step);
            if (p.Log is not null)
                _writeSpikes.Set(0, p.SpikedAt).Set(1, p.Host.Size).Set(2, step).Set(3, p.BlockCounts).Set(4, p.Log).Run(_queue, p.Blocks);
        }
    }
}

using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Execution;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>Reading a finished batch back: spike counts and logs, samples, the first step that stored a non-finite value and what it was.</summary>
internal sealed partial class OpenClSimulation<T>
{
    /// <summary>Reads a finished batch back and hands it to the monitors step by step; returns the steps that completed
    /// (fewer than the batch when a state update produced a non-finite value, which then throws).</summary>
    private int Collect(long first, int batch, ref long spikes, Action<int, long> stepDone)
    {
        BatchesCollected++;
        int failedAt = int.MaxValue;
        var flag = new int[1];
        foreach (var p in _stepped)
        {
            p.FailedStep.Read(_queue, flag);
            failedAt = Math.Min(failedAt, flag[0]);
        }
        _synapticFailedStep.Read(_queue, flag);
        bool inSynapses = flag[0] <= failedAt && flag[0] != int.MaxValue;
        failedAt = Math.Min(failedAt, flag[0]);
        int learningFailed = LearningFailedStep();
        bool inWeights = learningFailed < failedAt;
        failedAt = Math.Min(failedAt, learningFailed);
        int complete = failedAt == int.MaxValue ? batch : (int)Math.Clamp(failedAt - first, 0, batch);

        var counts = _populations.Select(p => { var c = new int[batch]; if (p.Runs) p.StepCounts.Read(_queue, c); return c; }).ToArray();
        var logs = _populations.Select((p, i) =>
        {
            if (p.Log is null) return null;
            var log = new int[counts[i].Sum()];
            p.Log.Read(_queue, log);
            return log;
        }).ToArray();
        var samples = _samples.Select(s =>
        {
            if (s.Plan.Count == 0) return null;
            var values = new T[s.Plan.Count * batch];
            s.Plan.Out.Read(_queue, values);
            return values;
        }).ToArray();
        ReadRecordedSamples(batch);

        var offsets = new int[_populations.Length];
        for (int k = 0; k < complete; k++)
        {
            long step = first + k;
            for (int i = 0; i < _populations.Length; i++)
            {
                if (!_populations[i].Runs) continue;
                int count = counts[i][k];
                spikes += count;
                Report.AddSpikes(i, count);
                var list = logs[i] is { } log ? log.AsSpan(offsets[i], count) : [];
                _stepSpikes[i] = (logs[i], offsets[i], count);
                _plan.Taps.Spikes(i, step, list, count);
                offsets[i] += count;
            }
            for (int s = 0; s < _samples.Length; s++)
            {
                var (plan, monitor) = _samples[s];
                if (!monitor.Due(step)) continue;
                if (samples[s] is { } values)
                    monitor.Record(step, values.AsSpan(k * plan.Count, plan.Count).ToArray().Select(v => double.CreateTruncating(v)).ToArray());
                else
                {
                    var constant = PopulationSetup.StoredValues<T>(monitor.Population, _hosts[monitor.Population.Index].Compiled.Arrays, monitor.Variable);
                    monitor.Record(step, monitor.Elements.Select(constant).ToArray());
                }
            }
            FeedRecorders(step, k);
            stepDone(k, spikes);
        }
        if (complete < batch && inWeights)
        {
            Step = first + complete;
            ThrowNonFiniteWeight(Step);
        }
        if (complete < batch) ThrowNonFinite(first + complete, inSynapses);
        return complete;
    }

    /// <summary>Names what went wrong at <paramref name="step"/>. The device knows only the step and whether synapse code or a
    /// population's own code stored the first bad value; the culprit named is the first non-finite value of that kind in the
    /// state as the batch left it.</summary>
    private void ThrowNonFinite(long step, bool inSynapses)
    {
        Step = step;
        if (inSynapses) ThrowNonFiniteSynapse(step);
        foreach (var p in _stepped)
        {
            // Each variable is read back only when the ones before it were finite.
            var states = p.Host.States.Select(s => { Download(s.Values); return s; });
            if (NonFiniteDiagnosis.Find(p.Host.Population, states, step) is { } error) throw error;
        }
        ThrowNonFiniteSynapse(step);
        throw new SimulationException(_populations[0].Host.Population.Name, 0, "?", step, step * _network.Dt, double.NaN);
    }

    private void ThrowNonFiniteSynapse(long step)
    {
        foreach (var pr in _general)
            foreach (var (name, array) in pr.Compiled.Arrays)
            {
                var values = (T[])array;
                Download(values);
                int bad = Array.FindIndex(values, v => !T.IsFinite(v));
                if (bad >= 0)
                    throw pr.Describe(new NonFiniteStoreException(name, bad, step, double.CreateTruncating(values[bad])), null);
            }
    }
}

using Dendra.Simulator.Compilation;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Feeding recorders (<see cref="Network.RecordTo"/>): recorded populations keep a device spike log as spike monitors
/// do, recorded variables are sampled on the device into batch buffers when due, and after a batch is read back every
/// recorder sees one <see cref="Recorder.OnStep"/> per step, in order, exactly as on the CPU. Weight snapshots are read
/// from the device, so a batch ends at every step a snapshot is due.
/// </summary>
internal sealed partial class OpenClSimulation<T> : IStepState
{
    private readonly List<RecordedSample> _recordedSamples = [];
    private Recorder[] _plannedFor = [];
    private T[]?[] _recordedValues = [];
    private (int[]? Log, int Offset, int Count)[] _stepSpikes = [];
    private int _row;
    /// <summary>The step recorders are being shown.</summary>
    private long _fed;

    /// <summary>A recorded variable of some neurons, sampled on the device into <see cref="Out"/> (row k = step k of the
    /// batch); <see cref="Out"/> is null for a constant, which is read on the host.</summary>
    private sealed record RecordedSample(Population Population, string Variable, int[] Neurons, List<int> Every, DeviceBuffer? Values,
        DeviceBuffer? NeuronBuffer, DeviceBuffer? Out)
    {
        public bool Due(long step) => Every.Any(e => step % e == 0);
    }

    /// <summary>How many steps the next batch may run: no more than the spike logs hold, and up to the next step at
    /// which a recorder wants a weight snapshot.</summary>
    private int BatchLimit(long step)
    {
        PlanRecording();
        long logged = _populations.Where(p => p.Log is not null).Sum(p => (long)p.Host.Size);
        long limit = Math.Clamp(LogBudget / Math.Max(1, logged), 1, _batch);
        foreach (var recorder in _network.Recorders)
            foreach (var (_, _, every) in recorder.What.Weights)
            {
                long due = (step + every - 1) / every * every;
                limit = Math.Min(limit, due - step + 1);
            }
        return (int)limit;
    }

    /// <summary>Gives recorders that started since the last batch their spike logs and sample buffers.</summary>
    private void PlanRecording()
    {
        if (_stepSpikes.Length != _populations.Length) _stepSpikes = new (int[]?, int, int)[_populations.Length];
        var recorders = _network.Recorders;
        if (recorders.SequenceEqual(_plannedFor)) return;
        _plannedFor = [.. recorders];
        foreach (var what in recorders.Select(r => r.What))
        {
            foreach (var population in what.Spikes.Concat(what.Rates).Distinct())
            {
                var p = _populations[population.Index];
                if (p.Log is not null) continue;
                // Sized for the batch length this log (with those before it) leaves: the limit only shrinks as logs are added.
                long logged = _populations.Where(q => q.Log is not null).Sum(q => (long)q.Host.Size) + p.Host.Size;
                long rows = Math.Clamp(LogBudget / logged, 1, _batch);
                p.Log = _memory.ScratchNow($"spike log of population '{population.Name}'", p.Host.Size * rows * sizeof(int), _device, _context, _queue);
            }
            foreach (var (population, variable, neurons, every) in what.States)
            {
                var planned = _recordedSamples.FirstOrDefault(s => s.Population == population && s.Variable == variable && ReferenceEquals(s.Neurons, neurons));
                if (planned is not null)
                {
                    if (!planned.Every.Contains(every)) planned.Every.Add(every);
                    continue;
                }
                var arrays = _hosts[population.Index].Compiled.Arrays;
                if (!arrays.TryGetValue(variable, out var array) || _memory.MirrorOf(array) is not { } values)
                {
                    _recordedSamples.Add(new RecordedSample(population, variable, neurons, [every], null, null, null));
                    continue;
                }
                var neuronBuffer = _memory.ScratchNow($"neurons recorded of '{variable}' in population '{population.Name}'", (long)neurons.Length * sizeof(int), _device, _context, _queue);
                neuronBuffer.Write(_queue, neurons);
                var output = _memory.ScratchNow($"recorded samples of '{variable}' in population '{population.Name}'", (long)neurons.Length * _batch * SizeOfT, _device, _context, _queue);
                _recordedSamples.Add(new RecordedSample(population, variable, neurons, [every], values, neuronBuffer, output));
            }
        }
        _recordedValues = new T[]?[_recordedSamples.Count];
    }

    /// <summary>Enqueues the recorder samples due at <paramref name="step"/> into row <paramref name="row"/> of the batch.</summary>
    private void SampleForRecorders(long step, int row)
    {
        foreach (var s in _recordedSamples)
            if (s.Out is not null && s.Neurons.Length > 0 && s.Due(step))
                _sample.Set(0, s.Values).Set(1, s.NeuronBuffer).Set(2, s.Neurons.Length).Set(3, s.Out).Set(4, row).Run(_queue, s.Neurons.Length);
    }

    private void ReadRecordedSamples(int batch)
    {
        if (_network.Recorders.Count == 0) return;
        for (int k = 0; k < _recordedSamples.Count; k++)
        {
            var s = _recordedSamples[k];
            if (s.Out is null || s.Neurons.Length == 0) continue;
            var values = _recordedValues[k] is { } v && v.Length >= s.Neurons.Length * batch ? v : new T[s.Neurons.Length * _batch];
            s.Out.Read(_queue, values, s.Neurons.Length * batch);
            _recordedValues[k] = values;
        }
    }

    /// <summary>Shows every recorder step <paramref name="step"/>, row <paramref name="row"/> of the batch just read back.</summary>
    private void FeedRecorders(long step, int row)
    {
        var recorders = _network.Recorders;
        _row = row;
        _fed = step;
        if (!FeedsRecorders) return;
        for (int k = 0; k < recorders.Count; k++) recorders[k].OnStep(step, this);
    }

    /// <summary>False when this simulation is one part of a placed network, which shows recorders both parts' state at
    /// once (its batches are then one step long, so the state read here is the step's).</summary>
    internal bool FeedsRecorders { get; set; } = true;

    /// <summary>A recorder reads at the end of the step it is shown (a batch ends at each step a snapshot is due, so the
    /// device holds that step's state), so an event-driven trace is decayed to the start of the next one.</summary>
    (int[] Pre, int[] Post, double[] Values) IStepState.Read(Projection projection, string variable) => Read(projection, variable, _fed + 1);

    public ReadOnlySpan<int> SpikesOf(Population population)
    {
        var (log, offset, count) = _stepSpikes[population.Index];
        if (log is null && count > 0)
            throw new InvalidOperationException($"population '{population.Name}' has no spike log on the device, so its spikes cannot be recorded");
        return log is null ? [] : log.AsSpan(offset, count);
    }

    public void Gather(Population population, string variable, IReadOnlyList<int> neurons, Span<double> into)
    {
        int k = _recordedSamples.FindIndex(s => s.Population == population && s.Variable == variable && ReferenceEquals(s.Neurons, neurons));
        if (k < 0) throw new InvalidOperationException($"'{variable}' of population '{population.Name}' is not sampled on the device for this recording");
        if (_recordedValues[k] is { } values && _recordedSamples[k].Out is not null)
        {
            var row = values.AsSpan(_row * into.Length, into.Length);
            for (int n = 0; n < into.Length; n++) into[n] = double.CreateTruncating(row[n]);
            return;
        }
        var constant = PopulationSetup.StoredValues<T>(population, _hosts[population.Index].Compiled.Arrays, variable);
        for (int n = 0; n < into.Length; n++) into[n] = constant(neurons[n]);
    }
}

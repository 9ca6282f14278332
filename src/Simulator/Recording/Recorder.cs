using System.Diagnostics;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Recording;

/// <summary>
/// Records a running network into a <c>.dnr</c> file (see <see cref="Network.RecordTo"/>): collects the selected
/// spikes, rates, samples and snapshots for <see cref="RecordingSelection.ChunkSteps"/> steps, then hands them to a
/// background writer as chunks. Dispose it after the last run to write the index footer and close the file.
/// </summary>
public sealed partial class Recorder : IDisposable
{
    // A chunk of spikes is written early past this many, so one burst cannot make a chunk (and memory) grow without bound.
    private const int MaxSpikesPerChunk = 1 << 18;

    private readonly Network _network;
    private readonly RecordingSelection _what;
    private readonly int _queueCapacity;
    private RecordingWriter _writer = null!;
    private readonly bool _single;
    private readonly SpikeBuffer[] _spikes;
    private readonly int[][] _rates;
    private readonly StateBuffer[] _states;
    private long _windowStart = -1;
    private int _windowSteps;
    private bool _started;
    private bool _disposed;

    internal Recorder(Network network, string path, RecordingSelection what, int queueCapacity = 16)
    {
        _network = network;
        _what = what;
        _single = network.Precision == Precision.Single;
        _spikes = what.Spikes.Select(p => new SpikeBuffer(p)).ToArray();
        _rates = what.Rates.Select(_ => new int[what.ChunkSteps]).ToArray();
        _states = what.States.Select(s => new StateBuffer(s.Neurons.Length)).ToArray();
        _queueCapacity = queueCapacity;
        Path = path;
    }

    /// <summary>Creates the file and writes the header; called when the network is built, so synapse counts are known.</summary>
    internal void Start()
    {
        // A sub-expression is only stored when something asked for it before the build: say so now, not mid-run.
        foreach (var (population, variable, _, _) in _what.States) _network.Read(population, variable);
        _writer = new RecordingWriter(Path, RecordingDescription.Header(_network, _what), _queueCapacity);
        _started = true;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Adds a marker with <paramref name="text"/> at the network's current step.</summary>
    public void Mark(string text)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_started) _network.Build(); // a marker before the first run: the file starts now
        if (!_started) throw new InvalidOperationException($"the recording '{Path}' did not start (its error was reported when the network was built)");
        long step = _network.Step;
        _writer.Add(ChunkKind.Marker, 0, step, step, 1, new MarkerChunk { Text = text });
    }

    /// <summary>What this recording holds (backends that sample on a device plan their buffers from it).</summary>
    internal RecordingSelection What => _what;

    internal IEnumerable<string> StateVariablesOf(Population population) =>
        _what.States.Where(s => s.Population == population).Select(s => s.Variable);

    internal void OnStep(long step, IStepState state)
    {
        long start = Stopwatch.GetTimestamp();
        Collect(step, state);
        _simulationThreadTicks += Stopwatch.GetTimestamp() - start;
    }

    private void Collect(long step, IStepState state)
    {
        if (_windowStart < 0) _windowStart = step;
        for (int k = 0; k < _spikes.Length; k++)
        {
            var buffer = _spikes[k];
            if (buffer.FirstStep < 0) buffer.FirstStep = step;
            var spikes = state.SpikesOf(buffer.Population);
            foreach (var n in spikes) buffer.Add((int)(step - buffer.FirstStep), n);
            if (buffer.Count >= MaxSpikesPerChunk) FlushSpikes(k, step);
        }
        for (int k = 0; k < _rates.Length; k++) _rates[k][_windowSteps] = state.SpikesOf(_what.Rates[k]).Length;
        for (int k = 0; k < _states.Length; k++)
        {
            var (population, variable, neurons, every) = _what.States[k];
            if (step % every != 0) continue;
            _states[k].Add(step, state, population, variable, neurons);
        }
        for (int k = 0; k < _what.Weights.Count; k++)
        {
            var (projection, variable, every) = _what.Weights[k];
            if (step % every != 0) continue;
            var (pre, post, values) = state.Read(projection, variable);
            _writer.Add(ChunkKind.Weights, k, step, step, values.Length, _single
                ? new WeightChunk { Pre = pre, Post = post, Single = values.Select(v => (float)v).ToArray() }
                : new WeightChunk { Pre = pre, Post = post, Double = values });
        }
        if (++_windowSteps == _what.ChunkSteps) FlushWindow(step);
    }

    private void FlushWindow(long lastStep)
    {
        if (_windowSteps == 0) return;
        for (int k = 0; k < _spikes.Length; k++) FlushSpikes(k, lastStep);
        for (int k = 0; k < _rates.Length; k++)
            _writer.Add(ChunkKind.Rates, _what.Rates[k].Index, _windowStart, lastStep, _windowSteps, new RateChunk { Counts = _rates[k][.._windowSteps] });
        for (int k = 0; k < _states.Length; k++)
        {
            var buffer = _states[k];
            if (buffer.Steps.Count == 0) continue;
            _writer.Add(ChunkKind.State, k, buffer.Steps[0], buffer.Steps[^1], buffer.Steps.Count, buffer.Take(_single));
        }
        _windowStart = lastStep + 1;
        _windowSteps = 0;
    }

    private void FlushSpikes(int k, long lastStep)
    {
        var buffer = _spikes[k];
        // Nothing since the last flush (never started, or closed early by a burst in this very step).
        if (buffer.FirstStep < 0 || buffer.FirstStep > lastStep) return;
        _writer.Add(ChunkKind.Spikes, buffer.Population.Index, buffer.FirstStep, lastStep, buffer.Count, buffer.Take());
        buffer.FirstStep = lastStep + 1;
    }

    /// <summary>Writes the steps still buffered, the index footer and closes the file; the network stops recording into it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        if (!_started && !_network.IsBuilt) _network.Build(); // a recording of a network that never ran still gets its header
        _disposed = true;
        _network.StopRecording(this);
        if (!_started) return; // starting failed, and said so
        try
        {
            if (_windowStart >= 0) FlushWindow(_windowStart + _windowSteps - 1);
        }
        finally
        {
            _writer.Dispose();
        }
    }

    private sealed class SpikeBuffer(Population population)
    {
        private readonly List<int> _offsets = [];
        private readonly List<int> _neurons = [];

        public Population Population { get; } = population;
        public long FirstStep { get; set; } = -1;
        public int Count => _neurons.Count;

        public void Add(int offset, int neuron)
        {
            _offsets.Add(offset);
            _neurons.Add(neuron);
        }

        public SpikeChunk Take()
        {
            var chunk = new SpikeChunk { StepOffsets = [.. _offsets], Neurons = [.. _neurons] };
            _offsets.Clear();
            _neurons.Clear();
            return chunk;
        }
    }

    private sealed class StateBuffer(int width)
    {
        private readonly List<double> _values = [];
        private readonly double[] _row = new double[width];

        public List<long> Steps { get; } = [];

        public void Add(long step, IStepState state, Population population, string variable, int[] neurons)
        {
            state.Gather(population, variable, neurons, _row);
            Steps.Add(step);
            _values.AddRange(_row);
        }

        public StateChunk Take(bool single)
        {
            var chunk = single
                ? new StateChunk { Steps = [.. Steps], Single = _values.Select(v => (float)v).ToArray() }
                : new StateChunk { Steps = [.. Steps], Double = [.. _values] };
            Steps.Clear();
            _values.Clear();
            return chunk;
        }
    }
}

using System.Diagnostics;
using Dendra.Learning.Datasets;
using Dendra.Learning.Encoders;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;

namespace Dendra.Learning.Training;

/// <summary>
/// The training loop: epochs over seeded, shuffled minibatches of a labelled set; for each minibatch (one sample per
/// instance of the network's batch) the encoder writes the inputs, the network runs for the presentation (a time, or
/// until settled, then an optional rest) and the plastic projections learn by their rules' own schedule. Learning-rate
/// schedules set η before every presentation; evaluations every N samples or epochs make the learning curve; a checkpoint
/// at the end of every epoch holds the whole training state, and <see cref="ResumeFrom"/> continues bitwise as if the run
/// had never stopped.
/// </summary>
/// <remarks>
/// The order of epoch e is a permutation drawn by <c>new Random(Seed + 7919·e)</c> (a seeded <see cref="Random"/> keeps its
/// algorithm across .NET versions), so an epoch's order needs no generator state beyond the seed and the epoch number.
/// An epoch shows whole minibatches only: the last <c>Count mod BatchSize</c> samples of each shuffled order are left
/// out (a different few each epoch). The loop itself allocates nothing per presentation.
/// </remarks>
/// <example><code>
/// var trainer = new Trainer(net, new RateEncoder(input), mnist.Train) { Epochs = 3, Presentation = Presentation.For(50 * ms) };
/// trainer.Schedule(weights, LearningRateSchedule.Linear(0.1, 0.01, epochs: 3));
/// trainer.EvaluateEvery(samples: 10_000, () => new Dictionary&lt;string, double&gt; { ["accuracy"] = Accuracy() });
/// trainer.Run(progress: p => Console.Error.WriteLine(p));
/// </code></example>
public sealed class Trainer
{
    private readonly Network _network;
    private readonly IInputEncoder _encoder;
    private readonly LabeledSet _data;
    private readonly List<(RateProjection Projection, LearningRateSchedule Schedule)> _schedules = [];
    private readonly List<(string Name, double[] Values)> _kept = [];
    private readonly List<Evaluation> _curve = [];
    private readonly List<long> _curveSteps = []; // the network step of each point of the curve
    private Func<IReadOnlyDictionary<string, double>>? _evaluate;
    private EvaluationCadence _evaluateEvery;
    private int _orderEpoch = -1;
    private int[] _order = [];
    private float[] _inputs = [];
    private int[] _labels = [];
    private (string Path, string[] Metrics, int WeightsEverySamples, (RateProjection, int, int)[] Fields)? _recordTo;
    private SnapshotRecording? _recording;
    // What a rest that resets sets the populations back to: every state variable but the input's, as training began.
    private (Population Population, string Variable, double[] Values)[]? _startState;
    // The metric progress shows, kept apart from the curve so that reporting each presentation allocates nothing.
    private string? _latestMetric;
    private double _latestValue = double.NaN;

    /// <summary>Creates a training run of <paramref name="network"/> on <paramref name="data"/>; the minibatch is the
    /// network's <see cref="Network.BatchSize"/>.</summary>
    /// <param name="network">The network (its batch size is the minibatch size).</param>
    /// <param name="encoder">Writes each minibatch into the input population; its size must be the data's features.</param>
    /// <param name="data">The training samples.</param>
    /// <exception cref="TrainingException">The input population's size is not the samples' size, or the data holds
    /// fewer samples than one minibatch.</exception>
    public Trainer(Network network, IInputEncoder encoder, LabeledSet data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(data);
        if (encoder.Population.Network != network)
            throw new TrainingException($"the encoder writes population '{encoder.Population.Name}' of another network; give it a population of the network being trained");
        if (encoder.Population.Size != data.Features)
            throw new TrainingException($"the input population '{encoder.Population.Name}' has {encoder.Population.Size} neurons, but each sample has {data.Features} values"
                + (data.Features == Mnist.Pixels ? $" (a {Mnist.Side}×{Mnist.Side} image)" : "")
                + $": give the input population {data.Features} neurons, one per value");
        if (data.Count < network.BatchSize)
            throw new TrainingException($"the data holds {data.Count} samples, fewer than one minibatch of {network.BatchSize} (the network's BatchSize): lower BatchSize or give more samples");
        _network = network;
        _encoder = encoder;
        _data = data;
    }

    /// <summary>Epochs to train for (default 1).</summary>
    public int Epochs
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "train for 0 or more epochs");
    } = 1;

    /// <summary>Seed of the epochs' shuffled orders (default 1).</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How each minibatch is shown (default: 50 steps of the network's dt, no rest).</summary>
    public Presentation? Presentation { get; set; }

    /// <summary>Diehl &amp; Cook's rule: show again, with more input, when the network answered with too few spikes; null for none.</summary>
    public RepeatRule? Repeat { get; set; }

    /// <summary>Where a checkpoint of the whole training state is written at the end of every epoch; null for none.</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Called at the end of every epoch, after its evaluation and checkpoint, with the number of epochs done.</summary>
    public Action<int>? EpochEnded { get; set; }

    /// <summary>Called after every presentation (e.g. to accumulate responses per label: <see cref="CurrentLabels"/>).</summary>
    public Action? Presented { get; set; }

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }

    /// <summary>Samples shown so far in the epoch under way.</summary>
    public int Position { get; private set; }

    /// <summary>Samples shown over all epochs.</summary>
    public long SamplesSeen { get; private set; }

    /// <summary>Samples shown per epoch: whole minibatches only.</summary>
    public int SamplesPerEpoch => _data.Count / _network.BatchSize * _network.BatchSize;

    /// <summary>The labels of the minibatch shown last (instance after instance); valid in <see cref="Presented"/>.</summary>
    public ReadOnlySpan<int> CurrentLabels => _labels;

    /// <summary>The network steps of the minibatch's last presentation (the last showing, when the repeat rule showed it
    /// again; its rest excluded); valid in <see cref="Presented"/>: the window a response over the presentation is read
    /// over (<see cref="Readouts.PopulationResponses.Mean"/>, <see cref="Readouts.PopulationResponses.SpikeCounts"/>).</summary>
    public PresentationSteps LastPresentation { get; private set; }

    /// <summary>Presentations shown again by the repeat rule so far in this run.</summary>
    public long Repeats { get; private set; }

    /// <summary>The learning curve: every evaluation so far (with those before a resume).</summary>
    public IReadOnlyList<Evaluation> Curve => _curve;

    /// <summary>Called with each new point of the learning curve (e.g. to record it).</summary>
    public Action<Evaluation>? Evaluated { get; set; }

    /// <summary>Sets η of <paramref name="projection"/> from <paramref name="schedule"/> before every presentation.</summary>
    public Trainer Schedule(RateProjection projection, LearningRateSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(schedule);
        if (projection.Rule is null) throw new TrainingException($"rate projection '{projection.Name}' has fixed weights: a learning-rate schedule needs a plastic projection (Learn(rule))");
        _schedules.Add((projection, schedule));
        return this;
    }

    /// <summary>Evaluates every <paramref name="samples"/> training samples (a multiple of the batch size is exact; otherwise at
    /// the first minibatch that passes it) and at the end; <paramref name="evaluate"/> returns the metrics by name.</summary>
    public Trainer EvaluateEvery(int samples, Func<IReadOnlyDictionary<string, double>> evaluate) => EvaluateEvery(EvaluationCadence.Samples(samples), evaluate);

    /// <summary>Evaluates at the end of every <paramref name="epochs"/> epochs; <paramref name="evaluate"/> returns the metrics by name.</summary>
    public Trainer EvaluateEveryEpochs(int epochs, Func<IReadOnlyDictionary<string, double>> evaluate) => EvaluateEvery(EvaluationCadence.Epochs(epochs), evaluate);

    /// <summary>Evaluates at <paramref name="cadence"/> (every N samples or epochs) and after the last epoch;
    /// <paramref name="evaluate"/> returns the metrics by name.</summary>
    public Trainer EvaluateEvery(EvaluationCadence cadence, Func<IReadOnlyDictionary<string, double>> evaluate)
    {
        _evaluate = evaluate ?? throw new ArgumentNullException(nameof(evaluate));
        _evaluateEvery = cadence;
        return this;
    }

    /// <summary>Keeps <paramref name="values"/> (a readout's weights, label assignments) in every checkpoint under
    /// <paramref name="name"/>; a resume copies them back into the same array.</summary>
    public Trainer Checkpointed(string name, double[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        if (_kept.Any(k => k.Name == name)) throw new ArgumentException($"an array named '{name}' is already kept in the checkpoints", nameof(name));
        _kept.Add((name, values));
        return this;
    }

    /// <summary>
    /// Records the run into <paramref name="path"/> (a <c>.dnr</c> recording, <see cref="SnapshotRecording"/>): the named
    /// <paramref name="metrics"/> of every evaluation (the learning curve, for <c>dendra plot --what learning</c>) and the
    /// weights of <paramref name="fields"/>' projections at the start, then every <paramref name="weightsEverySamples"/>
    /// samples (0: at the end of every epoch), for <c>dendra replay</c> to show their receptive fields forming. A run from
    /// the start writes a new file; a run resumed from a checkpoint continues the file of the run it resumes (what that run
    /// recorded after the checkpoint is dropped, as the resumed run records it again), so that the file holds the whole
    /// run; where the file is missing, the resumed run begins a new one with the learning curve so far.
    /// </summary>
    /// <param name="path">The recording to write.</param>
    /// <param name="metrics">The metrics of the evaluations to record, by name.</param>
    /// <param name="weightsEverySamples">Samples between weight snapshots; 0 for one at the end of every epoch.</param>
    /// <param name="fields">The plastic projections snapshotted, each with the width and height of a receptive field
    /// (e.g. 28 × 28 for MNIST; 0 × 0 when the inputs are not an image).</param>
    public Trainer RecordTo(string path, IReadOnlyList<string> metrics, int weightsEverySamples, params (RateProjection Projection, int Width, int Height)[] fields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfNegative(weightsEverySamples);
        _recordTo = (path, [.. metrics], weightsEverySamples, fields);
        return this;
    }

    /// <summary>Restores a checkpoint written by <see cref="CheckpointPath"/> of the same run (same network, data, batch
    /// size and seed): the network's whole state, the epoch and position, the learning curve and the kept arrays.</summary>
    /// <exception cref="TrainingException">The checkpoint is missing, damaged, or from a different run.</exception>
    public void ResumeFrom(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var state = TrainingCheckpoint.Load(path, _network);
        void Require(bool ok, string what)
        {
            if (!ok) throw new TrainingException($"{path} was saved from a different training run: {what}. Set the run up as it was before resuming.");
        }
        Require(state.Seed == Seed, $"its seed is {state.Seed}, this run's is {Seed}");
        Require(state.DataCount == _data.Count && state.Features == _data.Features, $"it trained on {state.DataCount} samples of {state.Features} values, this run on {_data.Count} of {_data.Features}");
        Require(state.BatchSize == _network.BatchSize, $"its minibatch is {state.BatchSize}, this run's {_network.BatchSize}");
        foreach (var (name, values) in _kept)
        {
            Require(state.Kept.TryGetValue(name, out var saved), $"it keeps no array '{name}'");
            Require(saved!.Length == values.Length, $"its '{name}' has {saved.Length} values, here {values.Length}");
            saved.CopyTo(values, 0);
        }
        (Epoch, Position, SamplesSeen) = (state.Epoch, state.Position, state.SamplesSeen);
        _startState = state.StartState is null ? null : [.. StateVariables().Select(pv =>
        {
            string key = StartStateKey(pv.Population, pv.Variable);
            Require(state.StartState.TryGetValue(key, out var values) && values.Length == pv.Population.Size * _network.BatchSize,
                $"it holds no start state of '{pv.Variable}' in population '{pv.Population.Name}' for {_network.BatchSize} instance(s)");
            return (pv.Population, pv.Variable, values!);
        })];
        _curve.Clear();
        _curveSteps.Clear();
        // A checkpoint written before the steps were kept stamps the earlier points at the step it resumes from.
        for (int k = 0; k < state.CurveSamples.Length; k++) _curveSteps.Add(k < state.CurveSteps.Length ? state.CurveSteps[k] : _network.Step);
        for (int k = 0; k < state.CurveSamples.Length; k++)
            _curve.Add(new Evaluation(state.CurveSamples[k], state.CurveEpochs[k],
                state.CurveNames[k].Zip(state.CurveValues[k]).ToDictionary(p => p.First, p => p.Second)));
        (_latestMetric, _latestValue) = _curve.Count > 0 && _curve[^1].Metrics.Count > 0
            ? (_curve[^1].Metrics.First().Key, _curve[^1].Metrics.First().Value) : (null, double.NaN);
    }

    /// <summary>Writes a checkpoint of the whole training state to <paramref name="path"/> now (between presentations).</summary>
    public void SaveCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var state = new TrainingState
        {
            Epoch = Epoch, Position = Position, SamplesSeen = SamplesSeen, Seed = Seed,
            DataCount = _data.Count, Features = _data.Features, BatchSize = _network.BatchSize,
            CurveSamples = [.. _curve.Select(e => e.Samples)],
            CurveEpochs = [.. _curve.Select(e => e.Epochs)],
            CurveNames = [.. _curve.Select(e => e.Metrics.Keys.ToArray())],
            CurveValues = [.. _curve.Select(e => e.Metrics.Values.ToArray())],
            CurveSteps = [.. _curveSteps],
            Kept = _kept.ToDictionary(k => k.Name, k => (double[])k.Values.Clone()),
            StartState = _startState?.ToDictionary(s => StartStateKey(s.Population, s.Variable), s => s.Values),
        };
        TrainingCheckpoint.Save(path, state, _network);
    }

    /// <summary>Trains from where the run stands (the start, or a resumed checkpoint) to the end of <see cref="Epochs"/>.</summary>
    /// <param name="progress">Called after every presentation (a value type; see <see cref="TrainingProgressLines"/>).</param>
    /// <param name="cancel">Stops the run between presentations (with <see cref="OperationCanceledException"/>).</param>
    public void Run(Action<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var presentation = Presentation ?? Encoders.Presentation.For(50 * _network.Dt);
        var watch = presentation.Watch.ToArray();
        Repeat?.Validate();
        int batch = _network.BatchSize, features = _data.Features, perEpoch = SamplesPerEpoch;
        if (_inputs.Length != batch * features) (_inputs, _labels) = (new float[batch * features], new int[batch]);
        _network.Build();
        if (presentation.RestMode != RestMode.Run && _startState is null)
        {
            if (SamplesSeen > 0)
                throw new TrainingException($"a rest that resets the network's state ({presentation.RestMode}) sets it back to where training began, but this run resumed from a checkpoint that holds no such state (it was written by a run whose rests did not reset): resume with RestMode.Run, or train again from the start");
            _startState = [.. StateVariables().Select(pv => (pv.Population, pv.Variable, pv.Population.Get(pv.Variable)))];
        }
        if (_recordTo is { } r) StartRecording(r.Path, r.Metrics, r.Fields);
        try
        {
            Train(progress, cancel, presentation, watch, batch, features, perEpoch);
        }
        finally
        {
            _recording?.Dispose();
            _recording = null;
        }
    }

    /// <summary>
    /// Opens the recording: a new one from the start, with the initial weights; on a resumed run, the recording of the run
    /// it resumes, continued after the checkpoint's step, so that one file holds the whole run. Where that recording is
    /// missing, a new one begins with the learning curve so far and the weights as they are.
    /// </summary>
    private void StartRecording(string path, string[] metrics, (RateProjection, int, int)[] fields)
    {
        if (SamplesSeen == 0)
        {
            _recording = new SnapshotRecording(path, _network, fields, metrics);
            _recording.SnapshotWeights();
            return;
        }
        try
        {
            _recording = SnapshotRecording.Resume(path, _network, fields, metrics);
        }
        catch (ArgumentException e)
        {
            throw new TrainingException(e.Message, e);
        }
        if (_recording.Continued) return;
        for (int k = 0; k < _curve.Count; k++)
            foreach (var name in metrics)
                if (_curve[k].Metrics.TryGetValue(name, out double value)) _recording.Metric(name, value, _curve[k].Samples, _curveSteps[k]);
        _recording.SnapshotWeights();
    }

    private void Train(Action<TrainingProgress>? progress, CancellationToken cancel, Presentation presentation, (Population, string)[] watch, int batch, int features, int perEpoch)
    {
        var clock = Stopwatch.StartNew();
        long startSamples = SamplesSeen;
        long totalSamples = (long)Epochs * perEpoch;
        while (Epoch < Epochs)
        {
            Order(Epoch);
            while (Position < perEpoch)
            {
                cancel.ThrowIfCancellationRequested();
                for (int n = 0; n < batch; n++)
                {
                    int sample = _order[Position + n];
                    _data.Inputs.AsSpan(sample * features, features).CopyTo(_inputs.AsSpan(n * features));
                    _labels[n] = _data.Labels[sample];
                }
                double epochs = Epoch + (double)Position / perEpoch;
                foreach (var (projection, schedule) in _schedules) projection.LearningRate = schedule.At(epochs);
                Present(presentation, watch);
                Position += batch;
                SamplesSeen += batch;
                Presented?.Invoke();
                if (_evaluateEvery.DueAfterMinibatch(SamplesSeen, batch)) Evaluate();
                if (_recording is not null && _recordTo!.Value.WeightsEverySamples > 0 && Crossed(_recordTo.Value.WeightsEverySamples, batch)) _recording.SnapshotWeights();
                if (progress is not null) progress(Progress(clock, startSamples, totalSamples, perEpoch));
            }
            Epoch++;
            Position = 0;
            // An epoch's end that a minibatch's evaluation has just measured is not measured twice.
            if (_evaluateEvery.DueAfterEpoch(Epoch, Epochs) && _curve.LastOrDefault()?.Samples != SamplesSeen) Evaluate();
            if (_recording is not null && _recordTo!.Value.WeightsEverySamples == 0) _recording.SnapshotWeights();
            if (CheckpointPath is { } path) SaveCheckpoint(path);
            progress?.Invoke(Progress(clock, startSamples, totalSamples, perEpoch));
            EpochEnded?.Invoke(Epoch);
        }
    }

    /// <summary>Whether the last minibatch took the samples seen past a multiple of <paramref name="every"/>.</summary>
    private bool Crossed(int every, int batch) => SamplesSeen / every != (SamplesSeen - batch) / every;

    private TrainingProgress Progress(Stopwatch clock, long startSamples, long totalSamples, int perEpoch)
    {
        double seconds = clock.Elapsed.TotalSeconds, done = SamplesSeen - startSamples;
        double rate = seconds > 0 ? done / seconds : double.NaN;
        double left = done > 0 ? (totalSamples - SamplesSeen) / rate : double.NaN;
        return new TrainingProgress(Epoch, Epochs, Position, perEpoch, rate, left, _latestMetric, _latestValue);
    }

    /// <summary>One presentation of the minibatch in <see cref="_inputs"/>, repeated with more input while the repeat rule asks.</summary>
    private void Present(Presentation presentation, (Population, string)[] watch)
    {
        _encoder.Write(_inputs);
        if (Repeat is not { } repeat)
        {
            LastPresentation = presentation.Show(_network, watch);
        }
        else
        {
            double scale = _encoder.Scale;
            try
            {
                for (int shown = 0; ; shown++)
                {
                    long before = repeat.Answering.SpikeCount;
                    LastPresentation = presentation.Show(_network, watch);
                    if (repeat.Answering.SpikeCount - before >= repeat.MinSpikes || shown == repeat.MaxRepeats) break;
                    Repeats++;
                    _encoder.Scale += repeat.ScaleStep;
                    if (presentation.HasRest) Rest(presentation);
                    _encoder.Write(_inputs);
                }
            }
            finally
            {
                _encoder.Scale = scale;
            }
        }
        // Rules that learn once per presentation learn now, from the state the presentation ended in (before any rest).
        _network.EndPresentation();
        if (presentation.HasRest) Rest(presentation);
    }

    /// <summary>The rest after a presentation: no input, then the network runs, or its state is set back, or both.</summary>
    private void Rest(Presentation presentation)
    {
        _encoder.Rest();
        if (presentation.RestMode != RestMode.Reset) _network.Run(presentation.Rest);
        if (presentation.RestMode == RestMode.Run) return;
        foreach (var (population, variable, values) in _startState!) population.SetState(variable, values);
    }

    /// <summary>The state variables a rest that resets sets back: every population's but the input's, which the encoder writes.</summary>
    private IEnumerable<(Population Population, string Variable)> StateVariables() =>
        _network.Populations.Where(p => p != _encoder.Population).SelectMany(p => p.Model.StateVariables.Select(v => (p, v)));

    private static string StartStateKey(Population population, string variable) => $"{population.Name}/{variable}";

    private void Evaluate()
    {
        if (_evaluate is null) return;
        var metrics = _evaluate();
        var point = new Evaluation(SamplesSeen, (double)SamplesSeen / SamplesPerEpoch, new Dictionary<string, double>(metrics));
        _curve.Add(point);
        _curveSteps.Add(_network.Step);
        (_latestMetric, _latestValue) = point.Metrics.Count > 0 ? (point.Metrics.First().Key, point.Metrics.First().Value) : (null, double.NaN);
        if (_recording is not null)
            foreach (var name in _recordTo!.Value.Metrics)
                if (point.Metrics.TryGetValue(name, out double value)) _recording.Metric(name, value, SamplesSeen);
        Evaluated?.Invoke(point);
    }

    /// <summary>The shuffled order of <paramref name="epoch"/>, drawn from the seed and the epoch alone (see the remarks).</summary>
    private void Order(int epoch)
    {
        if (_orderEpoch == epoch) return;
        if (_order.Length != _data.Count) _order = new int[_data.Count];
        for (int k = 0; k < _order.Length; k++) _order[k] = k;
        new Random(unchecked(Seed + 7919 * epoch)).Shuffle(_order);
        _orderEpoch = epoch;
    }
}

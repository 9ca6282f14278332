using System.Diagnostics;
using Dendra.Learning.Datasets;
using Dendra.Learning.Metrics;
using Dendra.Learning.Training;

namespace Dendra.Learning.Learners;

/// <summary>How <see cref="LearnerTraining.Run"/> trains: epochs of seeded minibatches, starting from weights drawn from the seed.</summary>
public sealed record LearnerSchedule
{
    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Samples per minibatch (one <see cref="Learner.Learn"/> call each).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>The seed of the initial weights and of each epoch's order: the same seed, the same start and order for
    /// every learner trained with it.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How often the metric is measured, besides before the first minibatch and after the last epoch: every N
    /// epochs (<see cref="EvaluationCadence.Epochs"/>) or every N training samples (<see cref="EvaluationCadence.Samples"/>),
    /// as the <see cref="Trainer"/> does. An evaluation that costs a readout's training need not run after every epoch of a
    /// long run; a run of few epochs shows its curve rising within them. Default: every epoch.</summary>
    public EvaluationCadence EvaluateEvery { get; init; } = EvaluationCadence.Epochs(1);

    /// <summary>The standard deviation of the initial weights, drawn from N(0, σ²). Krotov &amp; Hopfield start from N(0, 1).</summary>
    public double InitialScale { get; init; } = 1;

    /// <summary>Throws when a value cannot train.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range; the message names it.</exception>
    public void Validate()
    {
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"epochs must be 0 or more, not {Epochs}");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"a batch size must be at least 1, not {BatchSize}");
        if (!(InitialScale >= 0) || double.IsInfinity(InitialScale)) throw new ArgumentOutOfRangeException(nameof(InitialScale), InitialScale, $"the initial scale must be 0 or more, not {InitialScale}");
    }
}

/// <summary>What a training run of a learner gave.</summary>
/// <param name="Learner">The trained learner (its <see cref="Learner.Weights"/> are the learned ones).</param>
/// <param name="Curve">The metric on the evaluation set before training (epoch 0) and at each evaluation of the schedule's
/// cadence, against (fractional, when evaluated every N samples) epochs; <see cref="Evaluations"/> has the same points
/// with the samples learned from.</param>
/// <param name="TrainingSeconds">Wall time of the learning steps alone, without the evaluations.</param>
/// <param name="Seed">The seed of the initial weights and the order.</param>
public sealed record LearnerRun(Learner Learner, LearningCurve Curve, double TrainingSeconds, int Seed)
{
    /// <summary>The metric after the last epoch.</summary>
    public double FinalMetric => Curve.Final;

    /// <summary>The points of <see cref="Curve"/> as the <see cref="Trainer"/> gives its learning curve: each with the
    /// training samples learned from before it, the (fractional) epochs, and the metric under the learner's
    /// <see cref="Learner.Metric"/> name.</summary>
    public IReadOnlyList<Evaluation> Evaluations { get; init; } = [];

    /// <summary>What the learner observed while it learned (<c>Learner.Observe</c>), one curve per quantity (its
    /// <see cref="LearningCurve.Metric"/> is the quantity's name): the quantity's mean over each epoch, at the epoch's
    /// number, in the order the quantities were first observed. Empty when the learner observes nothing.</summary>
    public IReadOnlyList<LearningCurve> Observations { get; init; } = [];

    /// <summary>The weights the learner started from (row-major, as <see cref="Learner.Weights"/>); empty when unknown.</summary>
    public float[] InitialWeights { get; init; } = [];

    /// <summary>The curve of the observed quantity <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The learner never observed it; the message lists what it did observe.</exception>
    public LearningCurve Observed(string name) => Observations.FirstOrDefault(c => c.Metric == name)
        ?? throw new KeyNotFoundException($"{Learner.Name} observed no '{name}'; it observed: {(Observations.Count == 0 ? "nothing" : string.Join(", ", Observations.Select(c => c.Metric)))}");
}

/// <summary>What one epoch of <see cref="LearnerTraining.Run"/> gave, as its progress callback is told.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Metric">The learner's metric on the evaluation set at the epoch's end (NaN when the learner has none, or
/// when the schedule's cadence measured none there).</param>
/// <param name="Seconds">Wall time of the epoch's learning steps, without the evaluation.</param>
/// <param name="Samples">Samples learned from in the epoch.</param>
/// <param name="Observations">The mean of each quantity the learner observed during the epoch, in the order first observed.</param>
public sealed record LearnerEpoch(int Epoch, double Metric, double Seconds, int Samples, IReadOnlyList<(string Name, double Mean)> Observations)
{
    /// <summary>Samples learned from per second of the epoch.</summary>
    public double SamplesPerSecond => Samples / Seconds;

    /// <summary>The epoch's mean of the observed quantity <paramref name="name"/>; NaN when it was not observed.</summary>
    public double Observed(string name)
    {
        foreach (var (n, mean) in Observations)
            if (n == name) return mean;
        return double.NaN;
    }
}

/// <summary>Trains a <see cref="Learner"/>: the same schedule gives every learner of one shape the same start and the same minibatches.</summary>
public static class LearnerTraining
{
    /// <summary>Weights drawn from N(0, σ²) by <paramref name="seed"/>: the same on every machine and run.</summary>
    public static float[] InitialWeights(int units, int features, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var weights = new float[units * features];
        // Box–Muller from the seeded generator: System.Random's seeded algorithm is fixed, so are these values.
        for (int k = 0; k < weights.Length; k++)
            weights[k] = (float)(scale * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        return weights;
    }

    /// <summary>
    /// Initialises <paramref name="learner"/> with weights drawn from the schedule's seed, then trains it for the
    /// schedule's epochs on <paramref name="train"/>, measuring its metric on <paramref name="evaluation"/> before
    /// training, at the schedule's cadence (every N epochs or samples) and after the last epoch.
    /// <paramref name="afterEpoch"/>, when given, is told each epoch: its metric, its wall time and what the learner
    /// observed in it. <paramref name="watchers"/>, when given, follow the run minibatch by
    /// minibatch (a live view of the receptive fields, a recording of the weights).
    /// </summary>
    /// <exception cref="ArgumentException">The data's rows are not the learner's features, or the training set is smaller
    /// than one minibatch.</exception>
    public static LearnerRun Run(Learner learner, LabeledSet train, LabeledSet evaluation, LearnerSchedule? schedule = null, Action<LearnerEpoch>? afterEpoch = null,
        IReadOnlyList<ILearnerWatcher>? watchers = null)
    {
        watchers ??= [];
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(evaluation);
        schedule ??= new LearnerSchedule();
        schedule.Validate();
        if (schedule.BatchSize > train.Count)
            throw new ArgumentException($"{learner.Name}: a minibatch of {schedule.BatchSize} samples is larger than the training set ({train.Count} samples); give a batch size of at most {train.Count}, or more samples", nameof(schedule));
        foreach (var (set, what) in new[] { (train, "training"), (evaluation, "evaluation") })
        {
            if (set.Features != learner.Features)
                throw new ArgumentException($"{learner.Name}: the {what} set has rows of {set.Features} values, the learner {learner.Features} features");
        }
        var initial = InitialWeights(learner.Units, learner.Features, schedule.Seed, schedule.InitialScale);
        learner.Initialize(initial);
        var curve = new LearningCurve(learner.Name, learner.Metric, "epoch");
        var evaluations = new List<Evaluation>();
        var cadence = schedule.EvaluateEvery;
        int batchesPerEpoch = (train.Count + schedule.BatchSize - 1) / schedule.BatchSize;
        long totalBatches = (long)batchesPerEpoch * schedule.Epochs;
        long done = 0, samples = 0;
        var clock = new Stopwatch();
        LearnerStep Step(int epoch) => new(learner, done, epoch, schedule.Epochs, batchesPerEpoch, schedule.BatchSize, samples, clock.Elapsed.TotalSeconds);
        Evaluation Measure(int epoch, int samplesOfEpoch)
        {
            double epochs = epoch == 0 ? 0 : epoch - 1 + (double)samplesOfEpoch / train.Count;
            var point = new Evaluation(samples, epochs, new Dictionary<string, double> { [learner.Metric] = learner.EvaluateUnobserved(evaluation) });
            evaluations.Add(point);
            curve.Add(epochs, point.Metrics[learner.Metric]);
            var step = Step(epoch);
            foreach (var watcher in watchers) watcher.Evaluated(step, point);
            return point;
        }
        var before = Measure(0, 0);
        learner.TakeObservations(); // anything observed before training (by initialisation, say) is not an epoch's
        var observations = new List<LearningCurve>();
        foreach (var watcher in watchers) watcher.Started(Step(0), before.Metrics[learner.Metric]);
        for (int epoch = 1; epoch <= schedule.Epochs; epoch++)
        {
            double learnedBefore = clock.Elapsed.TotalSeconds;
            int samplesOfEpoch = 0;
            // A different order each epoch, all drawn from the one seed.
            foreach (var batch in train.Batches(schedule.BatchSize, SeededShuffle.ForEpoch(schedule.Seed, epoch), reuseArrays: true))
            {
                clock.Start();
                learner.Learn(batch, (double)done++ / totalBatches);
                clock.Stop();
                samples += batch.Count;
                samplesOfEpoch += batch.Count;
                if (cadence.DueAfterMinibatch(samples, batch.Count)) Measure(epoch, samplesOfEpoch);
                if (watchers.Count == 0) continue;
                var step = Step(epoch);
                foreach (var watcher in watchers) watcher.Learned(step);
            }
            var observed = learner.TakeObservations();
            foreach (var (name, mean) in observed)
            {
                var series = observations.FirstOrDefault(c => c.Metric == name);
                if (series is null) observations.Add(series = new LearningCurve(learner.Name, name, "epoch"));
                series.Add(epoch, mean);
            }
            // An epoch's end that a minibatch's evaluation has just measured is not measured twice.
            if (cadence.DueAfterEpoch(epoch, schedule.Epochs) && evaluations[^1].Samples != samples) Measure(epoch, samplesOfEpoch);
            double metric = evaluations[^1].Samples == samples ? evaluations[^1].Metrics[learner.Metric] : double.NaN;
            var ended = new LearnerEpoch(epoch, metric, clock.Elapsed.TotalSeconds - learnedBefore, train.Count, observed);
            foreach (var watcher in watchers) watcher.EpochEnded(Step(epoch), ended);
            afterEpoch?.Invoke(ended);
        }
        return new LearnerRun(learner, curve, clock.Elapsed.TotalSeconds, schedule.Seed) { Observations = observations, InitialWeights = initial, Evaluations = evaluations };
    }
}

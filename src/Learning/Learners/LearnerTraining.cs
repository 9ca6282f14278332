using System.Diagnostics;
using Dendra.Learning.Datasets;
using Dendra.Learning.Metrics;

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
/// <param name="Curve">The metric on the evaluation set before training (epoch 0) and after each epoch.</param>
/// <param name="TrainingSeconds">Wall time of the learning steps alone, without the evaluations.</param>
/// <param name="Seed">The seed of the initial weights and the order.</param>
public sealed record LearnerRun(Learner Learner, LearningCurve Curve, double TrainingSeconds, int Seed)
{
    /// <summary>The metric after the last epoch.</summary>
    public double FinalMetric => Curve.Final;
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
    /// training and after each epoch. <paramref name="afterEpoch"/>, when given, is told each epoch and its metric.
    /// </summary>
    /// <exception cref="ArgumentException">The data's rows are not the learner's features.</exception>
    public static LearnerRun Run(Learner learner, LabeledSet train, LabeledSet evaluation, LearnerSchedule? schedule = null, Action<int, double>? afterEpoch = null)
    {
        schedule ??= new LearnerSchedule();
        schedule.Validate();
        foreach (var (set, what) in new[] { (train, "training"), (evaluation, "evaluation") })
        {
            if (set.Features != learner.Features)
                throw new ArgumentException($"{learner.Name}: the {what} set has rows of {set.Features} values, the learner {learner.Features} features");
        }
        learner.Initialize(InitialWeights(learner.Units, learner.Features, schedule.Seed, schedule.InitialScale));
        var curve = new LearningCurve(learner.Name, learner.Metric, "epoch");
        curve.Add(0, learner.Evaluate(evaluation));
        int batchesPerEpoch = (train.Count + schedule.BatchSize - 1) / schedule.BatchSize;
        long totalBatches = (long)batchesPerEpoch * schedule.Epochs;
        long done = 0;
        var clock = new Stopwatch();
        for (int epoch = 1; epoch <= schedule.Epochs; epoch++)
        {
            clock.Start();
            // A different order each epoch, all drawn from the one seed.
            foreach (var batch in train.Batches(schedule.BatchSize, SeededShuffle.ForEpoch(schedule.Seed, epoch), reuseArrays: true))
                learner.Learn(batch, (double)done++ / totalBatches);
            clock.Stop();
            double metric = learner.Evaluate(evaluation);
            curve.Add(epoch, metric);
            afterEpoch?.Invoke(epoch, metric);
        }
        return new LearnerRun(learner, curve, clock.Elapsed.TotalSeconds, schedule.Seed);
    }
}

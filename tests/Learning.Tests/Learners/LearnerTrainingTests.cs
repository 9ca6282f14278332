using Dendra.Learning.Datasets;
using Dendra.Learning.Learners;
using Dendra.Learning.Training;

namespace Dendra.Learning.Tests.Learners;

/// <summary>
/// The training run of a learner: what a learner observes comes back as one curve per quantity of per-epoch means, the
/// epoch callback is told each epoch's time, samples and observations, and a minibatch larger than the data is refused.
/// </summary>
public class LearnerTrainingTests
{
    /// <summary>Learns nothing; observes the minibatch's first input ("first") and, from the second epoch on, its size.</summary>
    private sealed class Observing() : Learner("observing", 1, 1)
    {
        private int _batches;

        public override void Learn(Minibatch batch, double progress)
        {
            Observe("first", batch.Inputs[0]);
            if (_batches++ >= 3) Observe("size", batch.Count);
        }

        // An evaluation that observes must not leak into an epoch's means.
        public override double Evaluate(LabeledSet data)
        {
            Observe("first", 1000);
            return 0.5;
        }
    }

    private sealed class Silent() : Learner("silent", 1, 1)
    {
        public override void Learn(Minibatch batch, double progress) { }
    }

    private static LabeledSet Counting(int count) => new([.. Enumerable.Range(0, count).Select(k => (float)k)], new int[count], 1, 1);

    [Fact]
    public void Observations_are_reported_as_per_epoch_means_in_the_order_first_observed()
    {
        var data = Counting(9);
        var epochs = new List<LearnerEpoch>();
        var run = LearnerTraining.Run(new Observing(), data, data, new LearnerSchedule { Epochs = 2, BatchSize = 3, Seed = 4 }, epochs.Add);

        // Three minibatches an epoch: their first inputs are three of 0..8, one from each batch of the epoch's order.
        double FirstMean(int epoch)
        {
            var order = SeededShuffle.Permutation(9, SeededShuffle.ForEpoch(4, epoch));
            return (order[0] + order[3] + order[6]) / 3.0;
        }
        Assert.Equal(["first", "size"], run.Observations.Select(c => c.Metric));
        Assert.Equal([(1.0, FirstMean(1)), (2.0, FirstMean(2))], run.Observed("first").Points);
        Assert.Equal([(2.0, 3.0)], run.Observed("size").Points); // observed from the fourth minibatch on: epoch 2 only
        Assert.Equal([1, 2], epochs.Select(e => e.Epoch));
        Assert.Equal(FirstMean(2), epochs[1].Observed("first"));
        Assert.True(double.IsNaN(epochs[0].Observed("size")));
        Assert.All(epochs, e => Assert.Equal(9, e.Samples));
        Assert.All(epochs, e => Assert.Equal(0.5, e.Metric));
        Assert.Contains("observed: first, size", Assert.Throws<KeyNotFoundException>(() => run.Observed("nothing")).Message);
    }

    [Fact]
    public void A_learner_that_observes_nothing_has_no_observation_curves()
    {
        var data = Counting(4);
        LearnerEpoch? last = null;
        var run = LearnerTraining.Run(new Silent(), data, data, new LearnerSchedule { Epochs = 1, BatchSize = 2 }, e => last = e);
        Assert.Empty(run.Observations);
        Assert.Empty(last!.Observations);
        Assert.True(double.IsNaN(last.Metric));
    }

    [Fact]
    public void A_metric_measured_every_third_epoch_is_measured_before_training_then_every_third_and_after_the_last()
    {
        var data = Counting(4);
        var metrics = new List<double>();
        var run = LearnerTraining.Run(new Observing(), data, data, new LearnerSchedule { Epochs = 7, BatchSize = 2, EvaluateEvery = EvaluationCadence.Epochs(3) }, e => metrics.Add(e.Metric));
        Assert.Equal([0.0, 3, 6, 7], run.Curve.Points.Select(p => p.Progress));
        Assert.Equal(7, metrics.Count);
        Assert.Equal([1, 2, 4, 5], Enumerable.Range(0, 7).Where(k => double.IsNaN(metrics[k])).Select(k => k + 1));
        Assert.Equal([0L, 12, 24, 28], run.Evaluations.Select(e => e.Samples));
        Assert.Contains("every 1 epoch or more, not 0", Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationCadence.Epochs(0)).Message);
        Assert.Contains("every 1 sample or more, not 0", Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationCadence.Samples(0)).Message);
    }

    /// <summary>Counts the samples it has learned from; its metric is that count, so each point says when it was measured.
    /// It observes 1 per minibatch, and 1000 in each evaluation, which must not count.</summary>
    private sealed class Counter() : Learner("counter", 1, 1)
    {
        private long _samples;

        public override void Initialize(ReadOnlySpan<float> weights)
        {
            base.Initialize(weights);
            _samples = 0;
        }

        public override void Learn(Minibatch batch, double progress)
        {
            _samples += batch.Count;
            Observe("one", 1);
        }

        public override string Metric => "samples learned";

        public override double Evaluate(LabeledSet data)
        {
            Observe("one", 1000);
            return _samples;
        }
    }

    [Theory]
    [InlineData(4, new long[] { 0, 4, 8, 12, 16, 20 })]         // a multiple of the minibatch: exact; 20 is the end too, measured once
    [InlineData(3, new long[] { 0, 4, 6, 10, 12, 16, 18, 20 })] // not one: after the minibatch that passes each multiple; the end as well
    [InlineData(50, new long[] { 0, 20 })]                       // more than the run: before and after only
    public void A_metric_measured_every_n_samples_is_measured_after_the_minibatches_that_pass_each_multiple(int every, long[] expected)
    {
        var data = Counting(10); // 5 minibatches of 2 an epoch, 2 epochs: 20 samples
        var epochs = new List<LearnerEpoch>();
        var run = LearnerTraining.Run(new Counter(), data, data, new LearnerSchedule { Epochs = 2, BatchSize = 2, EvaluateEvery = EvaluationCadence.Samples(every) }, epochs.Add);

        Assert.Equal(expected, run.Evaluations.Select(e => e.Samples));
        // Each point's metric is the count the learner had when measured: the evaluation came when its samples say.
        Assert.Equal(expected.Select(s => (double)s), run.Evaluations.Select(e => e.Metrics["samples learned"]));
        Assert.Equal(expected.Select(s => s / 10.0), run.Evaluations.Select(e => e.Epochs));
        Assert.Equal(expected.Select(s => (s / 10.0, (double)s)), run.Curve.Points);
        // An evaluation in the middle of an epoch neither adds to its observations nor drops those made before it.
        Assert.Equal([(1.0, 1.0), (2.0, 1.0)], run.Observed("one").Points);
        // An epoch's metric is the one measured at its end: epoch 1 ends at 10 samples, measured only when a multiple falls there.
        Assert.Equal(expected.Contains(10) ? 10 : double.NaN, epochs[0].Metric);
        Assert.Equal(20, epochs[1].Metric);
    }

    [Fact]
    public void A_minibatch_larger_than_the_training_set_is_refused_naming_both_sizes()
    {
        var data = Counting(5);
        var error = Assert.Throws<ArgumentException>(() => LearnerTraining.Run(new Observing(), data, data, new LearnerSchedule { BatchSize = 6 }));
        Assert.Contains("a minibatch of 6 samples is larger than the training set (5 samples)", error.Message);
    }
}

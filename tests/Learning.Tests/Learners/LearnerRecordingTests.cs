using Dendra.Learning.Datasets;
using Dendra.Learning.Learners;
using Dendra.Learning.Training;
using Dendra.Simulator.Recording;

namespace Dendra.Learning.Tests.Learners;

/// <summary>
/// A learner's training recorded (<see cref="LearnerRecording"/>): read back, every snapshot equals the learner's weights
/// after that many minibatches, the metric and the observations come back per epoch, and the header says the weights are
/// square receptive fields and that a step is a minibatch; a learner that shows its units' activity has it recorded beside
/// each snapshot, one that does not writes the file it wrote before there was any.
/// </summary>
public sealed class LearnerRecordingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dendra-learner-recording-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Moves every weight toward the minibatch's mean input, and keeps a copy of its weights after every minibatch.</summary>
    private sealed class Remembering() : Learner("remembering", 3, 4)
    {
        public List<float[]> After { get; } = [];

        public override void Initialize(ReadOnlySpan<float> weights)
        {
            base.Initialize(weights);
            After.Clear();
            After.Add(Weights.ToArray());
        }

        public override void Learn(Minibatch batch, double progress)
        {
            for (int u = 0; u < Units; u++)
                for (int f = 0; f < Features; f++)
                    Weights[u * Features + f] += 0.1f * (u + 1) * (batch.Inputs[f] - Weights[u * Features + f]);
            Observe("first input", batch.Inputs[0]);
            After.Add(Weights.ToArray());
        }

        public override double Evaluate(LabeledSet data) => Weights.Average();
    }

    /// <summary>Shows as its units' activity each image's first inputs, one per unit, and keeps what it showed after every minibatch.</summary>
    private sealed class Showing() : Learner("showing", 3, 4)
    {
        private float[] _shown = [];
        private int _images;

        public List<float[]> After { get; } = [];

        public override string ActivityQuantity => "seen";

        public override LearnerActivity? LatestActivity(int images = LearnerActivity.ImagesShown)
        {
            int count = Math.Min(images, _images);
            return count == 0 ? null : new LearnerActivity("seen", count, Units, _shown[..(count * Units)]);
        }

        public override void Learn(Minibatch batch, double progress)
        {
            (_images, _shown) = (batch.Count, new float[batch.Count * Units]);
            for (int b = 0; b < batch.Count; b++)
                for (int u = 0; u < Units; u++) _shown[b * Units + u] = batch.Inputs[b * Features + u] + u;
            After.Add(_shown.ToArray());
        }
    }

    [Theory]
    [InlineData(3, 10, 2)]   // every minibatch
    [InlineData(300, 10, 2)] // every 8th, and the last
    public void The_units_activity_is_recorded_beside_every_snapshot_after_the_start(int epochs, int samples, int batch)
    {
        var path = Path.Combine(_dir, "showing.dnr");
        var learner = new Showing();
        var schedule = new LearnerSchedule { Epochs = epochs, BatchSize = batch, Seed = 4 };
        using (var recording = new LearnerRecording(path, schedule.Seed))
            LearnerTraining.Run(learner, Data(samples), Data(samples), schedule, watchers: [recording]);

        using var reader = RecordingReader.Open(path);
        var stream = Assert.Single(reader.Header.StateStreams);
        Assert.Equal(("units", "seen", SnapshotCadence.Every((long)epochs * samples / batch)),
            (reader.Header.Populations[stream.Population].Name, stream.Variable, stream.Every));
        Assert.Equal([0, 1, 2], stream.Neurons);
        var steps = reader.ReadWeights("showing").Select(w => w.Step).ToList();
        var activity = reader.ReadState("units", "seen");
        // The initial weights have no minibatch before them; every later snapshot has its minibatch's images, one sample each.
        Assert.Equal(steps.Skip(1).SelectMany(s => Enumerable.Repeat(s, batch)), activity.Steps);
        for (int k = 1; k < steps.Count; k++)
            Assert.Equal(learner.After[(int)steps[k] - 1].Select(v => (double)v), activity.Values.Skip((k - 1) * batch * 3).Take(batch * 3));
    }

    [Fact]
    public void A_learner_without_activity_records_no_state_stream_as_before()
    {
        var path = Path.Combine(_dir, "plain.dnr");
        using (var recording = new LearnerRecording(path, 1))
            LearnerTraining.Run(new Remembering(), Data(10), Data(10), new LearnerSchedule { Epochs = 1, BatchSize = 2 }, watchers: [recording]);
        using var reader = RecordingReader.Open(path);
        Assert.Empty(reader.Header.StateStreams);
        Assert.DoesNotContain(reader.Chunks, c => c.Kind == ChunkKind.State);
        Assert.Equal(6, reader.ReadWeights("remembering").Count);
    }

    private static LabeledSet Data(int count) =>
        new([.. Enumerable.Range(0, count * 4).Select(k => (float)Math.Sin(k))], new int[count], 4, 1);

    [Theory]
    [InlineData(3, 10, 2)]   // 15 minibatches: a snapshot after every one
    [InlineData(300, 10, 2)] // 1500 minibatches: one every 8, and the last
    public void Every_snapshot_is_the_learners_weights_after_that_many_minibatches(int epochs, int samples, int batch)
    {
        var path = Path.Combine(_dir, "learner.dnr");
        var learner = new Remembering();
        var schedule = new LearnerSchedule { Epochs = epochs, BatchSize = batch, Seed = 3 };
        using (var recording = new LearnerRecording(path, schedule.Seed))
            LearnerTraining.Run(learner, Data(samples), Data(samples), schedule, watchers: [recording]);

        long total = (long)epochs * samples / batch;
        int every = SnapshotCadence.Every(total);
        using var reader = RecordingReader.Open(path);
        var snapshots = reader.ReadWeights("remembering");
        var expectedSteps = Enumerable.Range(0, (int)total + 1).Select(s => (long)s).Where(s => s % every == 0 || s == total).ToList();
        Assert.Equal(expectedSteps, snapshots.Select(s => s.Step));
        Assert.InRange(snapshots.Count, 1, SnapshotCadence.Snapshots + 2);
        foreach (var snapshot in snapshots)
        {
            var learned = learner.After[(int)snapshot.Step];
            Assert.Equal(learned.Select(v => (double)v), snapshot.Values);
            // Unit u's weights are row u: post u, pre f.
            Assert.Equal(Enumerable.Range(0, 12).Select(e => e / 4), snapshot.Post);
            Assert.Equal(Enumerable.Range(0, 12).Select(e => e % 4), snapshot.Pre);
        }

        // The metric before training and after every epoch, and the epoch means of what the learner observes.
        var metric = reader.ReadMetric("accuracy");
        Assert.Equal(epochs + 1, metric.Count);
        Assert.Equal(learner.After[^1].Average(), metric[^1].Value, 6);
        Assert.Equal((long)epochs * samples, metric[^1].Samples);
        Assert.Equal(epochs, reader.ReadMetric("first input").Count);

        var header = reader.Header;
        var field = Assert.Single(header.RateProjections);
        Assert.Equal((2, 2, 3, 4), (field.FieldWidth, field.FieldHeight, field.PostCount, field.PreCount));
        Assert.Contains($"one step = one minibatch of {batch} samples", header.Learner, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_measured_every_n_samples_is_recorded_at_each_measurement_with_its_samples()
    {
        var path = Path.Combine(_dir, "every-samples.dnr");
        var learner = new Remembering();
        var schedule = new LearnerSchedule { Epochs = 3, BatchSize = 2, Seed = 3, EvaluateEvery = EvaluationCadence.Samples(6) };
        LearnerRun run;
        using (var recording = new LearnerRecording(path, schedule.Seed))
            run = LearnerTraining.Run(learner, Data(10), Data(10), schedule, watchers: [recording]);

        using var reader = RecordingReader.Open(path);
        var metric = reader.ReadMetric("accuracy");
        // 5 minibatches of 2 an epoch, 30 samples: every 6, and 30 is also the end.
        Assert.Equal([0L, 6, 12, 18, 24, 30], metric.Select(p => p.Samples));
        Assert.Equal(metric.Select(p => p.Samples / 2), metric.Select(p => p.Step)); // a step is a minibatch of 2
        Assert.Equal(run.Evaluations.Select(e => e.Metrics["accuracy"]), metric.Select(p => p.Value));
        Assert.Equal(learner.After[9].Average(), metric[3].Value, 6); // after 18 samples: 9 minibatches
        Assert.Equal(3, reader.ReadMetric("first input").Count);      // observations stay per epoch
    }
}

using Dendra.Learning.Datasets;
using Dendra.Learning.Encoders;
using Dendra.Learning.Training;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Learning.Tests.Training.TrainingNetwork;

namespace Dendra.Learning.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dendra-trainer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The whole run as the test compares it: weights, the output units' state, the learning curve and the kept
    /// array (a per-class response sum, standing in for label assignments).</summary>
    private sealed record Outcome(double[,] Weights, double[] State, IReadOnlyList<Evaluation> Curve, double[] Responses, Trainer Trainer);

    private static (Trainer Trainer, Func<Outcome> Finish) Setup(string? checkpoint, RestMode restMode = RestMode.Run)
    {
        var (net, input, output, weights) = Build();
        var trainer = new Trainer(net, new RateEncoder(input), Data())
        {
            Epochs = 3, Seed = 9, Presentation = Presentation.For(4e-3, rest: 2e-3, restMode), CheckpointPath = checkpoint,
        };
        trainer.Schedule(weights, LearningRateSchedule.Linear(0.3, 0.05, epochs: 3));
        trainer.EvaluateEvery(samples: 12, () => new Dictionary<string, double> { ["weight mean"] = Mean(weights.Weights()) });
        var responses = new double[4];
        trainer.Checkpointed("responses", responses);
        trainer.Presented = () =>
        {
            var v = output.Get("v");
            for (int n = 0; n < Batch; n++) responses[trainer.CurrentLabels[n]] += v[n * TrainingNetwork.Units];
        };
        return (trainer, () => new Outcome(weights.Weights(), output.Get("v"), trainer.Curve, responses, trainer));
    }

    private static double Mean(double[,] w) => w.Cast<double>().Average();

    [Theory]
    [InlineData(RestMode.Run)]
    [InlineData(RestMode.RunThenReset)] // the state rests set back to comes back from the checkpoint
    public void A_run_killed_after_epoch_2_and_resumed_from_its_checkpoint_ends_bitwise_equal_to_an_uninterrupted_run(RestMode restMode)
    {
        var (whole, finishWhole) = Setup(Path.Combine(_folder, "whole.ckpt"), restMode);
        whole.Run();
        var uninterrupted = finishWhole();

        string path = Path.Combine(_folder, "killed.ckpt");
        var (killed, finishKilled) = Setup(path, restMode);
        using var kill = new CancellationTokenSource();
        killed.EpochEnded = epochs => { if (epochs == 2) kill.Cancel(); };
        Assert.Throws<OperationCanceledException>(() => killed.Run(cancel: kill.Token));
        var atKill = finishKilled();
        Assert.Equal(2, killed.Epoch);

        var (resumed, finishResumed) = Setup(path, restMode);
        resumed.ResumeFrom(path);
        Assert.Equal(2, resumed.Epoch);
        Assert.Equal(0, resumed.Position);
        resumed.Run();
        var end = finishResumed();

        // The third epoch changed the weights: equality at the end is not equality of a run that stopped learning.
        Assert.NotEqual(Bits(atKill.Weights.Cast<double>()), Bits(end.Weights.Cast<double>()));
        Assert.Equal(Bits(uninterrupted.Weights.Cast<double>()), Bits(end.Weights.Cast<double>()));
        Assert.Equal(Bits(uninterrupted.State), Bits(end.State));
        Assert.Equal(Bits(uninterrupted.Responses), Bits(end.Responses));
        Assert.Equal(uninterrupted.Trainer.SamplesSeen, end.Trainer.SamplesSeen);
        Assert.Equal(uninterrupted.Curve.Select(e => (e.Samples, e.Metrics["weight mean"])), end.Curve.Select(e => (e.Samples, e.Metrics["weight mean"])));
    }

    private static long[] Bits(IEnumerable<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];

    [Fact]
    public void Every_epoch_shows_whole_minibatches_of_distinct_samples_in_an_order_drawn_from_the_seed_and_the_epoch()
    {
        List<int>[] Orders(int seed)
        {
            var (net, input, _, _) = Build();
            var trainer = new Trainer(net, new RateEncoder(input), Data(42)) { Epochs = 2, Seed = seed, Presentation = Presentation.For(1e-3) };
            var orders = new[] { new List<int>(), new List<int>() };
            trainer.Presented = () => orders[trainer.Epoch].AddRange(ShownSamples(input));
            trainer.Run();
            return orders;
        }
        var a = Orders(1);
        foreach (var epoch in a)
        {
            Assert.Equal(40, epoch.Count); // 42 samples in minibatches of 4: 10 whole ones
            Assert.Equal(40, epoch.Distinct().Count());
        }
        Assert.NotEqual(a[0], a[1]);
        Assert.Equal(a[1], Orders(1)[1]);
        Assert.NotEqual(a[0], Orders(2)[0]);
    }

    [Fact]
    public void A_schedule_sets_the_learning_rate_before_every_presentation_and_the_rule_uses_it()
    {
        var (net, input, _, weights) = Build();
        var trainer = new Trainer(net, new RateEncoder(input), Data()) { Epochs = 2, Presentation = Presentation.For(2e-3) };
        var schedule = LearningRateSchedule.Exponential(0.4, 0.5);
        trainer.Schedule(weights, schedule);
        var seen = new List<(double Epochs, double Eta)>();
        trainer.Presented = () => seen.Add(((double)(trainer.SamplesSeen - Batch) / trainer.SamplesPerEpoch, weights.LearningRate));
        trainer.Run();
        Assert.Equal(20, seen.Count);
        foreach (var (epochs, eta) in seen) Assert.Equal(schedule.At(epochs), eta);
        Assert.Equal(0.4 * Math.Pow(0.5, 1.5), schedule.At(1.5), 15);

        // η = 0 throughout leaves the weights as they were; the same run with the schedule above changed them.
        var (frozenNet, frozenInput, _, frozen) = Build();
        var before = frozen.Weights();
        var still = new Trainer(frozenNet, new RateEncoder(frozenInput), Data()) { Epochs = 2, Presentation = Presentation.For(2e-3) };
        still.Schedule(frozen, LearningRateSchedule.Linear(0, 0, epochs: 1));
        still.Run();
        Assert.Equal(before, frozen.Weights());
        Assert.NotEqual(before, weights.Weights());
    }

    [Fact]
    public void A_linear_schedule_falls_to_its_end_value_and_stays_there()
    {
        var linear = LearningRateSchedule.Linear(1.0, 0.2, epochs: 4);
        Assert.Equal(1.0, linear.At(0));
        Assert.Equal(0.6, linear.At(2), 12);
        Assert.Equal(0.2, linear.At(4));
        Assert.Equal(0.2, linear.At(9));
    }

    [Fact]
    public void Evaluations_every_N_samples_make_the_learning_curve_and_progress_reports_each_presentation()
    {
        var (net, input, _, weights) = Build();
        var trainer = new Trainer(net, new RateEncoder(input), Data()) { Epochs = 2, Presentation = Presentation.For(2e-3) };
        int calls = 0;
        trainer.EvaluateEvery(samples: 16, () => new Dictionary<string, double> { ["calls"] = ++calls });
        var reports = new List<TrainingProgress>();
        trainer.Run(reports.Add);
        // 80 samples: evaluations after 16, 32, 48, 64, 80 (the end is one of them, so it is not evaluated twice).
        Assert.Equal([16L, 32, 48, 64, 80], trainer.Curve.Select(e => e.Samples));
        Assert.Equal([1.0, 2, 3, 4, 5], trainer.Curve.Select(e => e.Metrics["calls"]));
        Assert.Equal(20 + 2, reports.Count); // one per presentation and one at the end of each epoch
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Equal("calls", reports[^1].Metric);
        var line = TrainingProgressLines.Format(reports[5]);
        Assert.StartsWith("epoch 1/2  24/40 samples  ", line, StringComparison.Ordinal);
        Assert.Contains("samples/s  ETA ", line, StringComparison.Ordinal);
        Assert.EndsWith("calls 1", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_population_whose_size_is_not_the_image_size_is_refused_naming_both_sizes()
    {
        var net = new Network();
        var input = net.AddPopulation("input", 100, new NeuronModel("Rate-Input", "").WithState("r"));
        var images = new LabeledSet(new float[3 * Mnist.Pixels], [0, 1, 2], Mnist.Pixels, Mnist.Classes);
        var e = Assert.Throws<TrainingException>(() => new Trainer(net, new RateEncoder(input), images));
        Assert.Equal("the input population 'input' has 100 neurons, but each sample has 784 values (a 28×28 image): give the input population 784 neurons, one per value", e.Message);
    }

    [Fact]
    public void Labels_out_of_range_and_a_batch_size_below_one_are_refused_naming_the_value()
    {
        var labels = Assert.Throws<ArgumentException>(() => new LabeledSet(new float[3 * 2], [0, 10, 1], 2, 10));
        Assert.StartsWith("label 10 of sample 1 is out of range: with 10 classes a label is 0 to 9", labels.Message, StringComparison.Ordinal);
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => new Network { BatchSize = 0 });
        Assert.StartsWith("a batch holds at least one instance", batch.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Data().Batches(0).First());
    }

    [Fact]
    public void A_checkpoint_of_another_run_is_refused_naming_the_difference()
    {
        string path = Path.Combine(_folder, "one.ckpt");
        var (first, _) = Setup(path);
        first.Epochs = 1;
        first.Run();
        var (other, _) = Setup(null);
        other.Seed = 10;
        var e = Assert.Throws<TrainingException>(() => other.ResumeFrom(path));
        Assert.Contains("its seed is 9, this run's is 10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loop_allocates_nothing_per_presentation_beyond_what_the_simulation_does()
    {
        // The same presentations written by hand (SetState, Run) and by the trainer (order, copies, encoder, schedule,
        // progress): the trainer may allocate its buffers once per run, not something per presentation.
        long PerPresentation(int epochs, bool byTrainer)
        {
            var (net, input, _, weights) = Build();
            net.Build();
            var data = Data(400); // 100 presentations an epoch: what the loop allocates once an epoch (its seeded Random) is spread thin
            var buffer = new double[Batch * Features];
            var trainer = new Trainer(net, new RateEncoder(input), data) { Epochs = epochs, Presentation = Presentation.For(2e-3) };
            trainer.Schedule(weights, LearningRateSchedule.Linear(0.1, 0.01, epochs: 3));
            Action<TrainingProgress> progress = _ => { };
            trainer.Run(progress); // warm-up: buffers, the first order, JIT
            trainer.Epochs += epochs;
            long before = GC.GetAllocatedBytesForCurrentThread();
            if (byTrainer) trainer.Run(progress);
            else
            {
                for (int p = 0; p < epochs * 100; p++)
                {
                    for (int k = 0; k < buffer.Length; k++) buffer[k] = data.Inputs[(p * Batch * Features + k) % data.Inputs.Length];
                    input.SetState("r", buffer);
                    net.Run(2e-3);
                }
            }
            return (GC.GetAllocatedBytesForCurrentThread() - before) / (epochs * 100);
        }
        long hand = PerPresentation(2, byTrainer: false);
        long trained = PerPresentation(2, byTrainer: true);
        // A shuffled order per epoch is refilled in place; the allowance covers what each run and epoch allocate once (a
        // Stopwatch, a seeded Random), shared over their presentations, and is below the smallest array (an int[4] is 40 bytes).
        Assert.True(trained - hand < 24, $"the trainer allocates {trained} bytes per presentation, a hand-written loop {hand}");
    }

    [Fact]
    public void Evaluations_every_N_epochs_come_at_the_ends_of_those_epochs()
    {
        var (net, input, _, _) = Build();
        var trainer = new Trainer(net, new RateEncoder(input), Data()) { Epochs = 5, Presentation = Presentation.For(1e-3) };
        trainer.EvaluateEveryEpochs(2, () => new Dictionary<string, double> { ["epoch"] = trainer.Epoch });
        trainer.Run();
        // After epochs 2 and 4, and at the end (epoch 5), which is not a multiple of 2.
        Assert.Equal([80L, 160, 200], trainer.Curve.Select(e => e.Samples));
        Assert.Equal([2.0, 4, 5], trainer.Curve.Select(e => e.Metrics["epoch"]));
    }

    [Fact]
    public void A_rule_applied_at_the_end_of_a_presentation_learns_once_per_presentation_from_its_end_state()
    {
        var (net, input, _, weights) = Build(atEndOfPresentation: true);
        var sampled = net.MonitorWeights(weights, every: 1);
        var trainer = new Trainer(net, new RateEncoder(input), Data()) { Presentation = Presentation.For(5e-3) };
        trainer.Run();

        // 10 presentations of 5 steps: the weights hold through each presentation and change once between presentations.
        Assert.Equal(50, sampled.Count);
        for (int presentation = 0; presentation < 10; presentation++)
        {
            for (int step = 1; step < 5; step++) Assert.Equal(sampled.Sample(presentation * 5), sampled.Sample(presentation * 5 + step));
            if (presentation > 0) Assert.NotEqual(sampled.Sample(presentation * 5 - 1), sampled.Sample(presentation * 5));
        }
        Assert.NotEqual(sampled.Sample(49), weights.Weights().Cast<double>().ToArray()); // the last presentation's change too
    }

    [Fact]
    public void A_presentation_until_settled_runs_each_minibatch_until_the_watched_units_stop_changing()
    {
        var (net, input, output, _) = Build();
        var steps = new List<long>();
        long before = 0;
        var trainer = new Trainer(net, new RateEncoder(input), Data()) { Presentation = Presentation.UntilSettled(1e-3, 0.2, (output, "v")) };
        trainer.Presented = () => { steps.Add(net.Step - before); before = net.Step; };
        trainer.Run();
        // The units relax with tau = 5 ms: settling to 1e-3 per step takes some steps, far fewer than the 200 allowed,
        // and each settled unit's change in its last step is below the tolerance.
        Assert.Equal(10, steps.Count);
        Assert.All(steps, s => Assert.InRange(s, 5, 100));
        var v = output.Get("v");
        net.Run(1e-3);
        Assert.All(output.Get("v").Zip(v), p => Assert.True(Math.Abs(p.First - p.Second) < 1e-3, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public void A_resumed_Poisson_input_draws_the_spikes_the_uninterrupted_run_would_have_drawn()
    {
        // The network's generator is counter-based (seed, step, neuron, instance): the checkpoint's step is its position.
        (double[] Counts, Trainer Trainer) Setup(string path)
        {
            var net = new Network(dt: 1e-3, seed: 21) { Threads = 1 }; // spiking populations run one instance
            var input = net.AddPopulation("input", Features, PoissonEncoder.Model);
            var trainer = new Trainer(net, new PoissonEncoder(input, maxRate: 200), Data()) { Epochs = 3, Presentation = Presentation.For(10e-3), CheckpointPath = path };
            var counts = new double[120]; // spikes after each of the 3 × 40 presentations
            trainer.Checkpointed("spikes", counts);
            trainer.Presented = () => counts[(int)trainer.SamplesSeen - 1] = input.SpikeCount;
            return (counts, trainer);
        }
        var (whole, wholeRun) = Setup(Path.Combine(_folder, "poisson-whole.ckpt"));
        wholeRun.Run();

        string path = Path.Combine(_folder, "poisson.ckpt");
        var (_, killed) = Setup(path);
        using var kill = new CancellationTokenSource();
        killed.EpochEnded = epochs => { if (epochs == 2) kill.Cancel(); };
        Assert.Throws<OperationCanceledException>(() => killed.Run(cancel: kill.Token));
        var (resumed, resumedRun) = Setup(path);
        resumedRun.ResumeFrom(path);
        Assert.Equal(0, resumed[^1]); // the third epoch is still to come
        resumedRun.Run();
        Assert.True(whole[^1] > whole[79], "the third epoch fired");
        Assert.Equal(whole, resumed);
    }
}

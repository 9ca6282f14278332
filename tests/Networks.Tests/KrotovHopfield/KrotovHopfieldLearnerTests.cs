using Dendra.Learning.Datasets;
using Dendra.Learning.Learners;
using Dendra.Learning.Readouts;
using Dendra.Networks.KrotovHopfield;
using Dendra.Simulator.LinearAlgebra;

namespace Dendra.Networks.Tests.KrotovHopfield;

/// <summary>
/// The two Krotov–Hopfield learners: the same weights with one and two threads, the full dynamics learning what the rank
/// rule learns where the two must agree, what the full learner observes, the optional readout metric, and bad parameters.
/// </summary>
public class KrotovHopfieldLearnerTests
{
    public KrotovHopfieldLearnerTests() => Prerequisite.Require(OpenBlas.Unavailable);

    private static float[] WithThreads(int threads, Func<Learner> make, LabeledSet train, LearnerSchedule schedule)
    {
        int blasThreads = OpenBlas.Threads;
        OpenBlas.Threads = threads;
        try
        {
            return LearnerTraining.Run(make(), train, train, schedule).Learner.Weights;
        }
        finally
        {
            OpenBlas.Threads = blasThreads;
        }
    }

    [SkippableFact]
    public void The_same_seed_gives_the_same_weights_with_one_and_two_threads()
    {
        var train = SmallMnist.Train(200);
        var schedule = new LearnerSchedule { Epochs = 1, BatchSize = 50, Seed = 9 };
        foreach (var make in new Func<int, Learner>[]
        {
            threads => new KrotovHopfieldFast(12, p: 3, k: 3, epsilon: 0.1, threads: threads),
            threads => new KrotovHopfieldFull(12, p: 3, epsilon: 0.1, batch: 50, threads: threads),
        })
        {
            var one = WithThreads(1, () => make(1), train, schedule);
            Assert.Equal(one, WithThreads(2, () => make(2), train, schedule));
            Assert.NotEqual(LearnerTraining.InitialWeights(12, 784, 9), one); // it learned something
        }
    }

    /// <summary>
    /// Where the two must agree: with w_inh = 10 every image settles with exactly one active unit (h = I for the unit with
    /// the largest current, h_ν = I_ν − 10 I_top &lt; 0 for the others, whenever I_top &gt; 0), and with h* = 0 that unit has
    /// g = 1 and every other g = 0. The rank rule with Δ = 0 gives the same g: 1 for the top unit, nothing for the k-th.
    /// Both then apply ΔW = g (v − I W), scaled to its largest magnitude ε. So after the same minibatches from the same
    /// weights, the two learners' weights are the same up to float32 rounding (the currents are summed in another order).
    /// </summary>
    [SkippableFact]
    public void The_full_dynamics_learn_what_the_rank_rule_learns_when_one_unit_wins_each_image()
    {
        var train = SmallMnist.Train(300);
        var schedule = new LearnerSchedule { Epochs = 1, BatchSize = 50, Seed = 2 };
        var fast = LearnerTraining.Run(new KrotovHopfieldFast(10, p: 2, k: 2, delta: 0, epsilon: 0.05, threads: 1), train, train, schedule);
        var full = LearnerTraining.Run(new KrotovHopfieldFull(new CompetingHiddenUnitsOptions
        {
            Hidden = 10, P = 2, Delta = 0.4, Epsilon = 0.05, Batch = 50, Dt = 0.1e-3, SettleTolerance = 1e-6, LongestSettle = 0.5, Threads = 1,
        }) { Inhibition = 10, Threshold = 0 }, train, train, schedule);

        // Exactly one active unit per image, and it is the unit with the largest current, in every minibatch.
        Assert.Equal(0.1, Assert.Single(full.Observed("active fraction").Points).Value, 1e-12);
        Assert.Equal([(1.0, 1.0)], full.Observed("winner agreement").Points);
        var initial = LearnerTraining.InitialWeights(10, 784, 2);
        double moved = fast.Learner.Weights.Zip(initial, (a, b) => Math.Abs(a - b)).Max();
        double apart = fast.Learner.Weights.Zip(full.Learner.Weights, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(moved > 0.04, $"the rank rule moved the weights by at most {moved}");
        Assert.True(apart < 1e-4, $"the full dynamics' weights are up to {apart} from the rank rule's (moved {moved})");
    }

    /// <summary>
    /// What each learner shows of its latest minibatch is what decided who learned: the rank rule's g (1 for the unit with
    /// the largest current, −Δ for the k-th, 0 for the rest, ranked from the currents before the update), the full
    /// dynamics' max(h, 0) as the same images settle in a network of the same weights; nothing before the first minibatch.
    /// </summary>
    [SkippableFact]
    public void Each_learner_shows_what_decided_who_learned_in_its_latest_minibatch()
    {
        var images = SmallMnist.Train(20);
        var batch = new Minibatch(images.Inputs, images.Labels, images.Features, images.Classes);
        var initial = LearnerTraining.InitialWeights(12, 784, 5);

        using var fast = new KrotovHopfieldFast(12, p: 3, k: 3, delta: 0.4, epsilon: 0.1, threads: 1);
        Assert.Equal("g", fast.ActivityQuantity);
        fast.Initialize(initial);
        Assert.Null(fast.LatestActivity());
        var currents = new float[20 * 12];
        fast.Rule.Currents(images.Inputs, 20, currents);
        fast.Learn(batch, 0);
        var g = fast.LatestActivity()!;
        Assert.Equal(("g", 20, 12), (g.Quantity, g.Images, g.Units));
        for (int b = 0; b < 20; b++)
        {
            var ranked = Enumerable.Range(0, 12).OrderByDescending(u => currents[b * 12 + u]).ToArray();
            var expected = new float[12];
            expected[ranked[0]] = 1;
            expected[ranked[2]] = -0.4f;
            Assert.Equal(expected, g.Values.AsSpan(b * 12, 12).ToArray());
        }
        Assert.Equal(g.Values[..(3 * 12)], fast.LatestActivity(images: 3)!.Values); // the first images only, when asked
        fast.Initialize(initial);
        Assert.Null(fast.LatestActivity()); // new weights: no minibatch of theirs yet

        var options = new CompetingHiddenUnitsOptions { Hidden = 12, P = 3, Batch = 20, Threads = 1 };
        var full = new KrotovHopfieldFull(options) { Inhibition = 0.05, Threshold = 0.5 };
        Assert.Equal("relu(h)", full.ActivityQuantity);
        full.Initialize(initial);
        Assert.Null(full.LatestActivity());
        full.Learn(batch, 0);
        var active = full.LatestActivity()!;
        Assert.Equal(("relu(h)", 20, 12), (active.Quantity, active.Images, active.Units));
        var settled = new CompetingHiddenUnits(options, initial) { Inhibition = 0.05, Threshold = 0.5 }.Settle(images.Inputs, 20);
        Assert.Equal(settled.Select(h => (float)Math.Max(h, 0)), active.Values);
        // The competition is there to see: in each image some units are silenced and some are active.
        Assert.Contains(active.Values, v => v == 0);
        Assert.Contains(active.Values, v => v > 0);
    }

    [SkippableFact]
    public void The_full_learner_calibrates_again_every_so_many_minibatches_when_asked()
    {
        var train = SmallMnist.Train(200);
        var calibrations = new List<CompetingHiddenUnitsCalibration>();
        var learner = new KrotovHopfieldFull(16, batch: 50, activeTarget: 0.1, threads: 1) { Calibrated = calibrations.Add, RecalibrateEvery = 2 };
        LearnerTraining.Run(learner, train, train, new LearnerSchedule { Epochs = 2, BatchSize = 50 });
        Assert.Equal(4, calibrations.Count); // minibatches 0, 2, 4 and 6 of 8
        Assert.All(calibrations, c => Assert.InRange(c.ActiveFraction, 0.05, 0.15));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldFull(16, batch: 50) { RecalibrateEvery = -1 });
    }

    [SkippableFact]
    public void The_full_learner_calibrates_on_its_first_minibatch_and_observes_the_active_fraction_and_the_winner_agreement()
    {
        var train = SmallMnist.Train(200);
        var calibrations = new List<CompetingHiddenUnitsCalibration>();
        var learner = new KrotovHopfieldFull(16, batch: 100, activeTarget: 0.1, threads: 1) { Calibrated = calibrations.Add };
        var run = LearnerTraining.Run(learner, train, train, new LearnerSchedule { Epochs = 2, BatchSize = 100 });

        Assert.Single(calibrations);
        Assert.InRange(calibrations[0].ActiveFraction, 0.07, 0.13);
        Assert.Equal(["active fraction", "winner agreement", "settled", "hebbian units per image"], run.Observations.Select(c => c.Metric));
        // h* lies between the two largest settled h of the median calibration image: about one Hebbian unit per image.
        Assert.All(run.Observed("hebbian units per image").Points, p => Assert.InRange(p.Value, 0.3, 3));
        Assert.All(run.Observed("settled").Points, p => Assert.Equal(1, p.Value)); // τ = 10 ms settles well within 300 ms
        Assert.All(run.Observed("active fraction").Points, p => Assert.InRange(p.Value, 0.02, 0.3));
        Assert.All(run.Observed("winner agreement").Points, p => Assert.InRange(p.Value, 0.5, 1));
        Assert.All(run.Curve.Points, p => Assert.True(double.IsNaN(p.Value))); // no readout asked for
    }

    [SkippableFact]
    public void The_readout_metric_is_off_by_default_and_measures_the_hidden_layer_when_asked()
    {
        var images = SmallMnist.Train(600);
        var (fit, held) = images.Split(200, seed: 1);
        var learner = new KrotovHopfieldFast(20, threads: 1) { Readout = new ReadoutEvaluation(fit, new KrotovHopfieldTraining { Epochs = 3, LearningRate = 1e-4 }) };
        learner.Initialize(LearnerTraining.InitialWeights(20, 784, 1));
        // Random units already carry the digits well above chance (10%) through the readout.
        Assert.InRange(learner.Evaluate(held), 0.2, 1);
        Assert.True(double.IsNaN(new KrotovHopfieldFast(20).Evaluate(held)));
        Assert.Equal("readout accuracy", learner.Metric);
    }

    [Fact]
    public void Parameters_out_of_range_are_refused_naming_them()
    {
        Assert.Contains("ε (the learning rate) must be", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldFast(10, epsilon: 0)).Message);
        Assert.Contains("ε (the learning rate) must be", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldFull(10, epsilon: -1)).Message);
        Assert.Contains("k must be between 2 and the number of hidden units (10)", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldFast(10, k: 11)).Message);
        Assert.Contains("k must be between 2", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldFast(10, k: 1)).Message);
        Assert.Contains("p must be a finite number ≥ 1", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldFast(10, p: 0.9)).Message);
        Assert.Contains("p must be a finite number ≥ 1", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldFull(10, p: double.PositiveInfinity)).Message);
        Assert.Contains("Δ must be", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldFull(10, delta: -0.4)).Message);
        Assert.Contains("between 0 and 1", Assert.Throws<ArgumentOutOfRangeException>(() => new KrotovHopfieldFull(10, activeTarget: 1.5)).Message);
        var data = new LabeledSet(new float[784 * 3], new int[3], 784, 10);
        Assert.Contains("larger than the training set (3 samples)",
            Assert.Throws<ArgumentException>(() => LearnerTraining.Run(new KrotovHopfieldFast(10), data, data, new LearnerSchedule { BatchSize = 4 })).Message);
        Assert.Contains("larger than the network's batch (2)",
            Assert.Throws<ArgumentException>(() => LearnerTraining.Run(new KrotovHopfieldFull(10, batch: 2), data, data, new LearnerSchedule { BatchSize = 3 })).Message);
    }

    [Fact]
    public void A_p_between_1_and_2_learns()
    {
        var random = new Random(4);
        var data = new LabeledSet([.. Enumerable.Range(0, 40 * 784).Select(_ => (float)random.NextDouble())], new int[40], 784, 10);
        var schedule = new LearnerSchedule { Epochs = 2, BatchSize = 20 };
        foreach (var learner in new Learner[] { new KrotovHopfieldFast(8, p: 1.5, threads: 1), new KrotovHopfieldFull(8, p: 1.5, batch: 20, threads: 1) })
        {
            var weights = LearnerTraining.Run(learner, data, data, schedule).Learner.Weights;
            Assert.All(weights, w => Assert.True(float.IsFinite(w)));
            Assert.NotEqual(LearnerTraining.InitialWeights(8, 784, 1), weights);
        }
    }
}

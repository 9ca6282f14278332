using Dendra.Learning.Datasets;
using Dendra.Learning.Readouts;

namespace Dendra.Learning.Tests.Readouts;

public class KrotovHopfieldReadoutTests
{
    /// <summary>
    /// A hidden layer of 12 units for 3 classes: each class drives its own four units to about 1 (sd 0.15), every other
    /// unit sits near 0 (sd 0.15, negative half the time, which relu removes). Separable by the units alone, without a bias.
    /// </summary>
    private static LabeledSet Hidden(int count, int seed)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var inputs = new float[count * 12];
        var labels = new int[count];
        for (int k = 0; k < count; k++)
        {
            int label = labels[k] = random.Next(3);
            for (int u = 0; u < 12; u++) inputs[12 * k + u] = (float)((u / 4 == label ? 1 : 0) + 0.15 * Gaussian());
        }
        return new LabeledSet(inputs, labels, 12, 3);
    }

    private static readonly KrotovHopfieldTraining Settings = new() { Beta = 0.5, Epochs = 15, BatchSize = 25, LearningRate = 0.05, Seed = 3 };

    [Fact]
    public void A_separable_hidden_layer_is_read_out_without_error_on_new_samples()
    {
        var losses = new List<double>();
        var readout = KrotovHopfieldReadout.Train(Hidden(600, seed: 1), Settings, (_, loss) => losses.Add(loss));
        var test = Hidden(1000, seed: 2);
        Assert.Equal(1.0, readout.Evaluate(test).Accuracy);
        Assert.Equal(15, losses.Count);
        // The untrained readout answers 0 everywhere: a loss of 1 + 2·1 = 3 per sample (m = 6); training takes most of it.
        Assert.True(losses[^1] < losses[0] / 5, $"losses {string.Join(", ", losses)}");
        Assert.True(readout.Loss(test, Settings.LossPower) < 0.3, $"test loss {readout.Loss(test, Settings.LossPower)}");
        // Each class leans on its own units.
        for (int c = 0; c < 3; c++)
        {
            for (int u = 0; u < 12; u++)
            {
                if (u / 4 == c) Assert.True(readout.WeightsOf(c)[u] > 0, $"S[{c}, {u}] = {readout.WeightsOf(c)[u]}");
            }
        }
        Assert.Equal(3.0, new KrotovHopfieldReadout(12, 3, 4.5, 0.5).Loss(test, 6), 6);
    }

    [Theory]
    [InlineData(4.5, 6.0, 0.3)]
    [InlineData(1.0, 2.0, 1.0)]
    [InlineData(3.0, 3.0, 0.7)]
    public void The_gradient_matches_central_differences_of_the_loss(double power, double lossPower, double beta)
    {
        var data = Hidden(8, seed: 4);
        var readout = new KrotovHopfieldReadout(12, 3, power, beta);
        var random = new Random(5);
        for (int k = 0; k < readout.Weights.Length; k++) readout.Weights[k] = (float)(random.NextDouble() - 0.5);
        var gradient = new float[readout.Weights.Length];
        double loss = readout.LossAndGradient(data.Batches(8).Single(), lossPower, gradient);
        Assert.Equal(readout.Loss(data, lossPower), loss, 9);
        const float Step = 1e-2f;
        int checkedNonZero = 0;
        for (int k = 0; k < readout.Weights.Length; k++)
        {
            float w = readout.Weights[k];
            readout.Weights[k] = w + Step;
            double up = readout.Loss(data, lossPower);
            readout.Weights[k] = w - Step;
            double down = readout.Loss(data, lossPower);
            readout.Weights[k] = w;
            double difference = (up - down) / (2 * Step);
            Assert.True(Math.Abs(difference - gradient[k]) <= 1e-3 + 1e-2 * Math.Abs(difference),
                $"weight {k}: gradient {gradient[k]}, central difference {difference}");
            if (Math.Abs(difference) > 1e-2) checkedNonZero++;
        }
        // The comparison means something only where the loss moves.
        Assert.True(checkedNonZero > readout.Weights.Length / 3, $"only {checkedNonZero} weights move the loss");
    }

    [Fact]
    public void Scaled_activations_learn_the_same_readout_whatever_the_units_of_the_hidden_layer()
    {
        // The same hidden layer in units 30 times larger: relu(h)^4.5 grows by 30^4.5 ≈ 4·10⁶. With the paper's β and step,
        // scaled activations learn the same answers from either (to float rounding: the scale absorbs the factor).
        static LabeledSet Times(LabeledSet set, float factor)
        {
            var rows = new float[set.Count * set.Features];
            var row = new float[set.Features];
            for (int k = 0; k < set.Count; k++)
            {
                set.CopyRow(k, row);
                for (int u = 0; u < row.Length; u++) rows[k * set.Features + u] = row[u] * factor;
            }
            return new LabeledSet(rows, set.Labels, set.Features, set.Classes);
        }
        var paper = new KrotovHopfieldTraining { Power = 4.5, Beta = 0.01, LearningRate = 1e-3, Epochs = 15, BatchSize = 25, Seed = 3 };
        var (train, test) = (Hidden(600, seed: 1), Hidden(1000, seed: 2));
        var (bigTrain, bigTest) = (Times(train, 30), Times(test, 30));
        var (small, big) = (KrotovHopfieldReadout.Train(train, paper), KrotovHopfieldReadout.Train(bigTrain, paper));
        Assert.True(small.Evaluate(test).Accuracy > 0.99, $"accuracy {small.Evaluate(test).Accuracy}");
        Assert.Equal(small.Evaluate(test).Accuracy, big.Evaluate(bigTest).Accuracy);
        Assert.Equal(small.Loss(test, 6), big.Loss(bigTest, 6), 3);
        Assert.Equal(Math.Pow(30, 4.5), big.Scale / small.Scale, Math.Pow(30, 4.5) * 1e-4);

        Assert.Equal(1, KrotovHopfieldReadout.Train(bigTrain, paper with { ScaleActivations = false, Epochs = 1 }).Scale);
    }

    [Fact]
    public void An_annealed_step_is_the_full_step_in_the_first_epoch_and_smaller_after_it()
    {
        var data = Hidden(300, seed: 1);
        var once = KrotovHopfieldReadout.Train(data, Settings with { Epochs = 1 });
        var onceAnnealed = KrotovHopfieldReadout.Train(data, Settings with { Epochs = 1, Annealed = true });
        Assert.Equal(once.Weights, onceAnnealed.Weights);
        // Three epochs: the second and third steps are 2/3 and 1/3 of the full one, so the weights part from the plain run's
        // and move less from the first epoch's.
        var plain = KrotovHopfieldReadout.Train(data, Settings with { Epochs = 3 });
        var annealed = KrotovHopfieldReadout.Train(data, Settings with { Epochs = 3, Annealed = true });
        Assert.NotEqual(plain.Weights, annealed.Weights);
        double Moved(KrotovHopfieldReadout r) => r.Weights.Zip(once.Weights, (a, b) => Math.Abs(a - b)).Sum();
        Assert.True(Moved(annealed) < Moved(plain), $"annealed moved {Moved(annealed)}, plain {Moved(plain)}");
    }

    [Fact]
    public void The_same_seed_trains_the_same_bits_and_another_seed_other_ones()
    {
        var data = Hidden(200, seed: 6);
        var a = KrotovHopfieldReadout.Train(data, Settings with { Epochs = 3 });
        var b = KrotovHopfieldReadout.Train(data, Settings with { Epochs = 3 });
        var c = KrotovHopfieldReadout.Train(data, Settings with { Epochs = 3, Seed = 4 });
        Assert.Equal(a.Weights, b.Weights);
        Assert.NotEqual(a.Weights, c.Weights);
    }

    [Fact]
    public void The_outputs_are_tanh_of_beta_S_relu_h_to_the_n()
    {
        var readout = new KrotovHopfieldReadout(3, 2, power: 2, beta: 0.5);
        float[] weights = [1, 2, -1, 0.5f, -1, 3];
        weights.CopyTo(readout.Weights, 0);
        float[] h = [2, -1, 0.5f];
        var c = new float[2];
        readout.Scores(h, c);
        // relu(h)² = (4, 0, 0.25)
        Assert.Equal(Math.Tanh(0.5 * (1 * 4 + 2 * 0 - 1 * 0.25)), c[0], 6);
        Assert.Equal(Math.Tanh(0.5 * (0.5 * 4 - 1 * 0 + 3 * 0.25)), c[1], 6);
    }

    [Theory]
    [InlineData(nameof(KrotovHopfieldTraining.Power), "the power n of relu(h)^n must be a positive number, not 0")]
    [InlineData(nameof(KrotovHopfieldTraining.LossPower), "the loss power m must be a number of at least 1, not 0")]
    [InlineData(nameof(KrotovHopfieldTraining.Beta), "the gain β must be a positive number, not 0")]
    [InlineData(nameof(KrotovHopfieldTraining.BatchSize), "a batch size must be at least 1, not 0")]
    public void A_setting_out_of_range_is_named(string setting, string message)
    {
        var settings = setting switch
        {
            nameof(KrotovHopfieldTraining.Power) => Settings with { Power = 0 },
            nameof(KrotovHopfieldTraining.LossPower) => Settings with { LossPower = 0 },
            nameof(KrotovHopfieldTraining.Beta) => Settings with { Beta = 0 },
            _ => Settings with { BatchSize = 0 },
        };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KrotovHopfieldReadout.Train(Hidden(10, 1), settings));
        Assert.StartsWith(message, e.Message);
    }
}

using Dendra.Learning.Datasets;
using Dendra.Learning.Readouts;

namespace Dendra.Learning.Tests.Readouts;

public class SoftmaxRegressionTests
{
    /// <summary>
    /// Four classes in 5-D: Gaussian clouds (sd 0.5) around the corners (±2, ±2) of the first two coordinates, the
    /// other three coordinates noise alone. The classes are separated by margins of 8 standard deviations: a linear
    /// readout can classify every point right.
    /// </summary>
    private static LabeledSet Clouds(int count, int seed)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var inputs = new float[count * 5];
        var labels = new int[count];
        for (int k = 0; k < count; k++)
        {
            int label = labels[k] = random.Next(4);
            for (int f = 0; f < 5; f++) inputs[5 * k + f] = (float)(0.5 * Gaussian());
            inputs[5 * k] += (label & 1) == 0 ? -2 : 2;
            inputs[5 * k + 1] += (label & 2) == 0 ? -2 : 2;
        }
        return new LabeledSet(inputs, labels, 5, 4);
    }

    [Fact]
    public void A_separable_problem_is_learned_without_error_on_new_points()
    {
        var losses = new List<double>();
        var readout = SoftmaxRegression.Train(Clouds(400, seed: 1), new SoftmaxTraining { Epochs = 20, BatchSize = 20, LearningRate = 0.05 }, (_, loss) => losses.Add(loss));
        var test = Clouds(1000, seed: 2);
        var confusion = readout.Evaluate(test);
        Assert.Equal(1.0, confusion.Accuracy);
        Assert.Equal(20, losses.Count);
        Assert.True(losses[^1] < 0.05 && losses[^1] < losses[0] / 10, $"losses {string.Join(", ", losses)}");
        Assert.True(readout.Loss(test) < 0.05, $"test loss {readout.Loss(test)}");
        // The two informative coordinates carry the answer: class 3 = (+, +) leans on both, class 0 = (−, −) against both.
        Assert.True(readout.WeightsOf(3)[0] > 0 && readout.WeightsOf(3)[1] > 0 && readout.WeightsOf(0)[0] < 0 && readout.WeightsOf(0)[1] < 0);
    }

    [Fact]
    public void Probabilities_sum_to_one_and_follow_the_scores()
    {
        var readout = SoftmaxRegression.Train(Clouds(200, seed: 3), new SoftmaxTraining { Epochs = 3 });
        var row = Clouds(1, seed: 4).Row(0);
        var scores = new float[4];
        var p = new float[4];
        readout.Scores(row, scores);
        readout.Probabilities(row, p);
        Assert.Equal(1.0, p.Sum(), 6);
        for (int c = 0; c < 4; c++) Assert.Equal(Math.Exp(scores[c]) / scores.Sum(s => Math.Exp(s)), p[c], 6);
        Assert.Equal(Array.IndexOf(scores, scores.Max()), readout.Predict(row));
    }

    [Fact]
    public void The_same_seed_trains_the_same_bits_and_another_seed_other_ones()
    {
        var data = Clouds(300, seed: 5);
        var settings = new SoftmaxTraining { Epochs = 4, BatchSize = 16, LearningRate = 0.01, WeightDecay = 1e-3, Seed = 9 };
        var a = SoftmaxRegression.Train(data, settings);
        var b = SoftmaxRegression.Train(data, settings);
        var c = SoftmaxRegression.Train(data, settings with { Seed = 10 });
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Biases, b.Biases);
        Assert.NotEqual(a.Weights, c.Weights);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_batch_size_below_one_is_an_error(int batchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxRegression.Train(Clouds(10, 1), new SoftmaxTraining { BatchSize = batchSize }));
        Assert.StartsWith($"a batch size must be at least 1, not {batchSize}", e.Message);
    }

    [Fact]
    public void A_row_of_the_wrong_length_is_an_error() =>
        Assert.StartsWith("a row of 3 values given to a classifier of 5 features",
            Assert.Throws<ArgumentException>(() => new SoftmaxRegression(5, 4).Predict(new float[3])).Message);
}

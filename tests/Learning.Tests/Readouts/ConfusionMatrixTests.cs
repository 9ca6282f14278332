using Dendra.Learning.Readouts;

namespace Dendra.Learning.Tests.Readouts;

public class ConfusionMatrixTests
{
    [Fact]
    public void Counts_accuracy_and_per_class_accuracy()
    {
        var m = new ConfusionMatrix([0, 0, 1, 1, 1, 2, 2, 2], [0, 1, 1, 1, 1, 0, 0, 2], classes: 4);
        Assert.Equal(new int[,] { { 1, 1, 0, 0 }, { 0, 3, 0, 0 }, { 2, 0, 1, 0 }, { 0, 0, 0, 0 } }, m.Counts);
        Assert.Equal((5, 8), (m.Correct, m.Total));
        Assert.Equal(5.0 / 8, m.Accuracy);
        var perClass = m.PerClassAccuracy;
        Assert.Equal([0.5, 1.0, 1.0 / 3], perClass[..3]);
        Assert.True(double.IsNaN(perClass[3]), "a class with no samples has no accuracy");
        Assert.Contains("2                    2    0    1    0    33.33%", m.ToString());
    }

    [Fact]
    public void A_prediction_out_of_range_is_an_error() =>
        Assert.StartsWith("prediction 3 of sample 1 is out of range: with 3 classes a label is 0 to 2",
            Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 1], [0, 3], 3)).Message);
}

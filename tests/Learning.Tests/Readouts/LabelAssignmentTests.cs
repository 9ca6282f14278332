using Dendra.Learning.Datasets;
using Dendra.Learning.Readouts;

namespace Dendra.Learning.Tests.Readouts;

public sealed class LabelAssignmentTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dendra-assignment-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>
    /// Spike counts of 9 units to samples of 3 classes: unit u prefers class <c>preferred[u]</c> (Poisson mean 6, 1
    /// elsewhere); unit 8 never fires.
    /// </summary>
    private static readonly int[] Preferred = [2, 0, 1, 1, 0, 2, 2, 1, -1];

    private static LabeledSet Counts(int count, int seed)
    {
        var random = new Random(seed);
        int Poisson(double mean)
        {
            int k = 0;
            for (double p = random.NextDouble(); p > Math.Exp(-mean); p *= random.NextDouble()) k++;
            return k;
        }
        var inputs = new float[count * 9];
        var labels = new int[count];
        for (int k = 0; k < count; k++)
        {
            int label = labels[k] = random.Next(3);
            for (int u = 0; u < 8; u++) inputs[9 * k + u] = Poisson(Preferred[u] == label ? 6 : 1);
        }
        return new LabeledSet(inputs, labels, 9, 3);
    }

    [Fact]
    public void Each_unit_gets_the_class_it_answers_most_and_a_silent_unit_none()
    {
        var assignment = LabelAssignment.Fit(Counts(300, seed: 1));
        Assert.Equal(Preferred, assignment.Assignments);
        Assert.Equal([2, 3, 3], assignment.UnitsPerClass);
        Assert.True(assignment.Evaluate(Counts(500, seed: 2)).Accuracy > 0.95);
    }

    [Fact]
    public void A_sample_goes_to_the_class_of_highest_mean_response_of_its_units()
    {
        var assignment = new LabelAssignment([0, 0, 1, LabelAssignment.Unassigned], classes: 3);
        var scores = new float[3];
        // Class 0's units answer 3 and 1 (mean 2); class 1's one unit answers 2.5; the unassigned unit is ignored.
        assignment.Scores([3, 1, 2.5f, 100], scores);
        Assert.Equal([2f, 2.5f, float.NegativeInfinity], scores);
        Assert.Equal(1, assignment.Predict([3, 1, 2.5f, 100]));
        Assert.Equal(0, assignment.Predict([3, 2.5f, 2.5f, 0]));
    }

    [Fact]
    public void A_saved_assignment_loads_equal()
    {
        var assignment = LabelAssignment.Fit(Counts(100, seed: 3));
        string path = Path.Combine(_folder.FullName, "labels.msgpack");
        assignment.Save(path);
        var loaded = LabelAssignment.Load(path);
        Assert.Equal(assignment.Assignments, loaded.Assignments);
        Assert.Equal(assignment.Classes, loaded.Classes);
    }

    [Fact]
    public void A_missing_truncated_or_foreign_file_is_an_error_that_names_it()
    {
        string path = Path.Combine(_folder.FullName, "labels.msgpack");
        Assert.Equal($"{path}: no such label assignment", Assert.Throws<DatasetException>(() => LabelAssignment.Load(path)).Message);
        new LabelAssignment([0, 1, 2, 1], 3).Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^2]);
        Assert.StartsWith($"{path}: corrupt label assignment", Assert.Throws<DatasetException>(() => LabelAssignment.Load(path)).Message);
        File.WriteAllBytes(path, [0x94, 0xa3, (byte)'a', (byte)'b', (byte)'c', 1, 3, 0x90]);
        Assert.Equal($"{path}: not a Dendra label assignment", Assert.Throws<DatasetException>(() => LabelAssignment.Load(path)).Message);
    }

    [Fact]
    public void A_negative_response_or_a_class_out_of_range_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => LabelAssignment.Fit(new LabeledSet([1, -2, 0, 0], [0, 1], 2, 2)));
        Assert.StartsWith("response -2 of unit 1 to sample 0", e.Message);
        Assert.StartsWith("unit 1 is assigned class 3: with 3 classes a class is 0 to 2",
            Assert.Throws<ArgumentException>(() => new LabelAssignment([0, 3], 3)).Message);
    }
}

using Dendra.Learning.Datasets;

namespace Dendra.Learning.Tests.Datasets;

public class LabeledSetTests
{
    /// <summary>Ten samples of two features, sample k = (k, −k), label k mod 3.</summary>
    private static LabeledSet Ten() => new(
        [.. Enumerable.Range(0, 10).SelectMany(k => new[] { (float)k, -k })],
        [.. Enumerable.Range(0, 10).Select(k => k % 3)], features: 2, classes: 3);

    [Fact]
    public void A_label_out_of_range_is_named_with_its_sample()
    {
        var e = Assert.Throws<ArgumentException>(() => new LabeledSet(new float[6], [0, 3, 1], 2, 3));
        Assert.StartsWith("label 3 of sample 1 is out of range: with 3 classes a label is 0 to 2", e.Message);
        Assert.StartsWith("label -1 of sample 0 is out of range", Assert.Throws<ArgumentException>(() => new LabeledSet(new float[2], [-1], 2, 3)).Message);
        Assert.StartsWith("label 5 of sample 0 is out of range", Assert.Throws<ArgumentException>(() => Targets.OneHot([5], 3)).Message);
    }

    [Fact]
    public void Inputs_that_are_not_one_row_per_label_are_an_error() =>
        Assert.StartsWith("5 input values are not 3 samples (one per label) of 2 features each",
            Assert.Throws<ArgumentException>(() => new LabeledSet(new float[5], [0, 1, 2], 2, 3)).Message);

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void A_batch_size_below_one_is_an_error(int batchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ten().Batches(batchSize));
        Assert.StartsWith($"a batch size must be at least 1, not {batchSize}", e.Message);
    }

    [Fact]
    public void Batches_cover_every_sample_once_in_order_or_shuffled_by_the_seed()
    {
        var set = Ten();
        var inOrder = set.Batches(4).ToList();
        Assert.Equal([4, 4, 2], inOrder.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 10).Select(k => (float)k), inOrder.SelectMany(b => b.Inputs.Where((_, i) => i % 2 == 0)));

        var shuffled = set.Batches(3, seed: 7).ToList();
        var firsts = shuffled.SelectMany(b => b.Inputs.Where((_, i) => i % 2 == 0)).Select(v => (int)v).ToList();
        Assert.Equal(Enumerable.Range(0, 10), firsts.Order());
        Assert.NotEqual(Enumerable.Range(0, 10), firsts);
        // Each row keeps its own label and second feature.
        foreach (var b in shuffled)
            for (int k = 0; k < b.Count; k++) Assert.Equal(((int)b.Inputs[2 * k] % 3, -b.Inputs[2 * k]), (b.Labels[k], b.Inputs[2 * k + 1]));
        Assert.Equal(firsts, set.Batches(3, seed: 7).SelectMany(b => b.Inputs.Where((_, i) => i % 2 == 0)).Select(v => (int)v));
        Assert.NotEqual(firsts, set.Batches(3, seed: 8).SelectMany(b => b.Inputs.Where((_, i) => i % 2 == 0)).Select(v => (int)v));
    }

    [Fact]
    public void A_split_is_disjoint_complete_and_the_same_for_the_same_seed()
    {
        var (train, validation) = Ten().Split(3, seed: 5);
        Assert.Equal((7, 3), (train.Count, validation.Count));
        var trainIds = Enumerable.Range(0, 7).Select(k => (int)train.Row(k)[0]).ToList();
        var validationIds = Enumerable.Range(0, 3).Select(k => (int)validation.Row(k)[0]).ToList();
        Assert.Equal(Enumerable.Range(0, 10), trainIds.Concat(validationIds).Order());
        Assert.Equal(trainIds.Order(), trainIds);
        Assert.Equal(validationIds, Enumerable.Range(0, 3).Select(k => (int)Ten().Split(3, seed: 5).Validation.Row(k)[0]));
        Assert.Equal(validationIds.Select(id => id % 3), validation.Labels);
    }

    [Fact]
    public void One_hot_and_plus_minus_one_targets_mark_the_label()
    {
        var batch = Ten().Batches(10).Single();
        var oneHot = batch.OneHot();
        var pm = batch.PlusMinusOne();
        Assert.Equal(30, oneHot.Length);
        for (int k = 0; k < 10; k++)
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(c == k % 3 ? 1f : 0f, oneHot[3 * k + c]);
                Assert.Equal(c == k % 3 ? 1f : -1f, pm[3 * k + c]);
            }
        }
    }

    /// <summary>Seven samples of three byte features drawn by a seed, and the same values as float32 rows.</summary>
    private static (LabeledSet Bytes, LabeledSet Floats) BytesAndFloats()
    {
        var bytes = new byte[7 * 3];
        new Random(3).NextBytes(bytes);
        int[] labels = [.. Enumerable.Range(0, 7).Select(k => k % 2)];
        return (LabeledSet.FromUnitIntervalBytes(bytes, labels, 3, 2),
                new LabeledSet([.. bytes.Select(b => b / 255f)], labels, 3, 2));
    }

    [Fact]
    public void A_set_of_bytes_reads_as_the_same_floats_as_a_set_of_floats_in_every_view()
    {
        var (bytes, floats) = BytesAndFloats();
        Assert.True(bytes.IsUnitIntervalBytes);
        Assert.False(floats.IsUnitIntervalBytes);
        Assert.Equal(floats.Inputs, bytes.Inputs);
        var row = new float[4];
        for (int k = 0; k < 7; k++)
        {
            Assert.Equal(floats.Row(k).ToArray(), bytes.Row(k).ToArray());
            bytes.CopyRow(k, row);
            Assert.Equal(floats.Row(k).ToArray(), row[..3]);
        }
        Assert.Equal(floats.Batches(3, seed: 2).SelectMany(b => b.Inputs), bytes.Batches(3, seed: 2).SelectMany(b => b.Inputs));
        // Subsets and splits of bytes stay bytes (a quarter of the memory) and keep the same values.
        var (train, validation) = bytes.Split(2, seed: 4);
        Assert.True(train.IsUnitIntervalBytes && validation.IsUnitIntervalBytes);
        Assert.Equal(floats.Split(2, seed: 4).Validation.Inputs, validation.Inputs);
        Assert.Equal(floats.Shuffled(9).Inputs, bytes.Shuffled(9).Inputs);
    }

    [Fact]
    public void Copying_a_row_out_of_range_or_into_a_short_span_is_an_error()
    {
        var (bytes, _) = BytesAndFloats();
        Assert.Throws<ArgumentOutOfRangeException>(() => bytes.CopyRow(7, new float[3]));
        Assert.StartsWith("a row of 3 values does not fit in 2", Assert.Throws<ArgumentException>(() => bytes.CopyRow(0, new float[2])).Message);
    }

    [Fact]
    public void Batches_in_reused_arrays_hold_the_same_rows_as_new_ones()
    {
        var (bytes, _) = BytesAndFloats();
        var fresh = bytes.Batches(3, seed: 6).Select(b => (Inputs: b.Inputs.ToArray(), Labels: b.Labels.ToArray())).ToList();
        var arrays = new List<float[]>();
        int k = 0;
        foreach (var batch in bytes.Batches(3, seed: 6, reuseArrays: true))
        {
            Assert.Equal(fresh[k].Inputs, batch.Inputs);
            Assert.Equal(fresh[k].Labels, batch.Labels);
            arrays.Add(batch.Inputs);
            k++;
        }
        Assert.Equal(3, k);
        // The two full batches share one array; the last, smaller one has its own.
        Assert.Same(arrays[0], arrays[1]);
        Assert.NotSame(arrays[1], arrays[2]);
    }
}

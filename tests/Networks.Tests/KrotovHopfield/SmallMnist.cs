using Dendra.Learning.Datasets;

namespace Dendra.Networks.Tests.KrotovHopfield;

/// <summary>The first training images of MNIST, loaded once for every test that needs a few (the test skips without MNIST).</summary>
internal static class SmallMnist
{
    private static readonly Lazy<MnistData> Data = new(() => Mnist.Load());

    /// <summary>The first <paramref name="count"/> training images.</summary>
    public static LabeledSet Train(int count)
    {
        MnistFiles.Require();
        return Data.Value.Train.Subset(Enumerable.Range(0, count).ToArray());
    }
}

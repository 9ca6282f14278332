namespace Dendra.Learning.Datasets;

/// <summary>
/// Orders drawn from a seed: the same seed gives the same order on every machine and run, so a training run
/// repeats. <see cref="Random"/> constructed with a seed keeps its original algorithm in every .NET version for this
/// reason, and its Fisher–Yates <see cref="Random.Shuffle{T}(T[])"/> draws from it alone.
/// </summary>
public static class SeededShuffle
{
    /// <summary>A permutation of 0 … <paramref name="count"/> − 1 drawn by <paramref name="seed"/>.</summary>
    public static int[] Permutation(int count, int seed)
    {
        var order = new int[count];
        for (int k = 0; k < count; k++) order[k] = k;
        new Random(seed).Shuffle(order);
        return order;
    }

    /// <summary>
    /// The seed of epoch <paramref name="epoch"/>'s order in a training run seeded by <paramref name="seed"/>: a fixed
    /// mix (SplitMix64's finaliser), the same in every process. <c>HashCode.Combine</c> is not: .NET seeds it at random
    /// in each process, so orders drawn from it would differ from run to run.
    /// </summary>
    public static int ForEpoch(int seed, int epoch)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}

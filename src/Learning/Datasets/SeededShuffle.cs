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
}

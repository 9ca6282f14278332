using System.Numerics;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// The fixed-point form of a scatter ring: a value v is held as the int64 count round(v / quantum), with quantum a power
/// of two chosen so that no slot's sum can overflow (see docs/decisions.md, "Float32 spikes scatter in fixed point").
/// </summary>
internal static class FixedPoint
{
    /// <summary>Sums stay below 2^62 counts: the rounding of up to 2^31 added weights (half a count each) cannot reach 2^63.</summary>
    private const int HeadroomBits = 62;

    /// <summary>The quantum (2^-e) for a ring whose slots can never hold more than <paramref name="largestSum"/> in
    /// magnitude: the smallest power of two that keeps that sum within 2^62 counts, and one whose scale and quantum are
    /// both normal float32 numbers (exponents within ±126).</summary>
    public static double QuantumFor(double largestSum)
    {
        int e = largestSum > 0 ? HeadroomBits - (int)Math.Ceiling(Math.Log2(largestSum)) : 126;
        while (e > -126 && Math.ScaleB(largestSum, e) > Math.ScaleB(1.0, HeadroomBits)) e--;
        return Math.ScaleB(1.0, -Math.Clamp(e, -126, 126));
    }

    /// <summary>The largest magnitude one ring slot of a post neuron can reach: per post neuron, the sum of |w| over all
    /// its incoming synapses (every one firing into the same slot at once); the largest over the neurons.</summary>
    public static double LargestSum<T>(int postSize, IEnumerable<(int[] Post, T[]? Weights, T ConstantWeight)> projections)
        where T : IBinaryFloatingPointIeee754<T>
    {
        var bound = new double[postSize];
        foreach (var (post, weights, constant) in projections)
            for (int s = 0; s < post.Length; s++)
                bound[post[s]] += Math.Abs(double.CreateTruncating(weights is null ? constant : weights[s]));
        return bound.Length == 0 ? 0 : bound.Max();
    }

    public static T[] ToReal<T>(long[] counts, double quantum) where T : IBinaryFloatingPointIeee754<T> =>
        Array.ConvertAll(counts, c => T.CreateTruncating(T.CreateTruncating(c) * T.CreateTruncating(quantum)));

    public static long[] ToFixed<T>(T[] values, double quantum) where T : IBinaryFloatingPointIeee754<T> =>
        Array.ConvertAll(values, v => (long)Math.Round(double.CreateTruncating(v) / quantum, MidpointRounding.ToEven));
}

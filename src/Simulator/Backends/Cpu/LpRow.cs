using System.Numerics;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// The arithmetic of a normalisation on the CPU, one row at a time: a plastic rate projection's row of weights
/// (<see cref="Models.OuterProductRule.NormalisedTo"/>) and the synapses of a spiking projection onto one neuron
/// (<see cref="Graph.Projection.NormalisedTo"/>) are scaled by the same operations in the same order, which the OpenCL
/// kernels (<c>normalise_row</c>, <c>normalise_incoming</c> in runtime.cl) repeat.
/// </summary>
internal static class LpRow
{
    /// <summary>Multiplies <paramref name="row"/> by radius / ‖row‖_p. The norm is taken of the row divided by its largest
    /// magnitude m, ‖row‖_p = m·(Σ(|w|/m)^p)^(1/p), summed in row order from zero, so that neither large weights overflow the
    /// sum nor small ones vanish from it; p = 1 and 2 without a power. A row of zeros has no direction to keep and stays zero.
    /// Returns false when the scale is not finite (a radius beyond the precision's range, or a row so small that
    /// radius / norm overflows): the row then holds infinities, which the caller reports.</summary>
    public static bool Normalise<T>(Span<T> row, double p, double radius) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T largest = T.Zero, exponent = T.CreateTruncating(p);
        foreach (var w in row) largest = T.Max(largest, T.Abs(w));
        if (largest == T.Zero) return true;
        T sum = T.Zero;
        foreach (var w in row)
        {
            T x = T.Abs(w) / largest;
            sum += p == 1 ? x : p == 2 ? x * x : T.Pow(x, exponent);
        }
        T norm = largest * (p == 1 ? sum : p == 2 ? T.Sqrt(sum) : T.Pow(sum, T.One / exponent));
        T scale = T.CreateTruncating(radius) / norm;
        foreach (ref var w in row) w *= scale;
        return T.IsFinite(scale);
    }
}

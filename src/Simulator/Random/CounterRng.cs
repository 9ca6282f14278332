using System.Runtime.CompilerServices;

namespace Dendra.Simulator.Random;

/// <summary>
/// The simulator's random draws, each a pure function of (seed, stream, counter) built on
/// <see cref="Philox4x32"/>.
/// </summary>
/// <remarks>
/// <para>
/// Counter-based rather than a stateful generator so that a seed fixes every draw
/// independent of thread count, work partitioning and backend: an OpenCL kernel computes
/// the same function and gets the same numbers as the CPU path, and no generator state
/// has to be shared, locked or split between threads.
/// </para>
/// <para>
/// The seed is the Philox key (low word, high word); the counter block is
/// (counter low, counter high, stream low, stream high). Streams separate independent
/// consumers (for example one per neuron or per synapse group); the counter indexes draws
/// within a stream (for example the time step). <see cref="Uniform"/> and
/// <see cref="Normal"/> read the same block, so a caller needing both kinds of draw at the
/// same step must give them different streams or counters.
/// </para>
/// </remarks>
public static class CounterRng
{
    // 2^-53: exact in a double, so k * Scale53 is exact for every 53-bit k.
    private const double Scale53 = 1.0 / 9007199254740992.0;

    private const double TwoPi = 2.0 * Math.PI;

    /// <summary>
    /// Draws a uniform double in the open interval (0, 1) from 53 bits of the Philox block
    /// at (<paramref name="seed"/>, <paramref name="stream"/>, <paramref name="counter"/>).
    /// </summary>
    /// <param name="seed">Simulation seed; used as the 64-bit Philox key.</param>
    /// <param name="stream">Independent stream identifier (upper half of the counter block).</param>
    /// <param name="counter">Draw index within the stream (lower half of the counter block).</param>
    /// <returns>A value strictly between 0 and 1.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong seed, ulong stream, ulong counter)
    {
        var (x0, x1, _, _) = Block(seed, stream, counter);
        return ToOpenUnit(x0, x1);
    }

    /// <summary>
    /// Draws a standard normal (mean 0, variance 1) double via the Box–Muller transform of
    /// the Philox block at (<paramref name="seed"/>, <paramref name="stream"/>,
    /// <paramref name="counter"/>), using all four of its words.
    /// </summary>
    /// <param name="seed">Simulation seed; used as the 64-bit Philox key.</param>
    /// <param name="stream">Independent stream identifier (upper half of the counter block).</param>
    /// <param name="counter">Draw index within the stream (lower half of the counter block).</param>
    /// <returns>A finite standard normal variate; its magnitude never exceeds about 8.7.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Normal(ulong seed, ulong stream, ulong counter)
    {
        var (x0, x1, x2, x3) = Block(seed, stream, counter);

        // The radius uniform is strictly positive (see ToOpenUnit), so Log never sees 0.
        double radius = Math.Sqrt(-2.0 * Math.Log(ToOpenUnit(x0, x1)));
        double angle = TwoPi * ToOpenUnit(x2, x3);

        // Only the cosine branch is used: keeping each draw a function of one address is
        // worth more than the second variate a stateful generator would cache.
        return radius * Math.Cos(angle);
    }

    /// <summary>
    /// Maps 53 bits of two words (21 discarded low bits of <paramref name="lo"/>) onto
    /// k * 2^-53 for k in [1, 2^53), with k = 0 moved to 2^-54.
    /// </summary>
    /// <remarks>
    /// The usual (k + 0.5) * 2^-53 centring is not exact in [0.5, 1), where doubles are
    /// spaced 2^-53 apart, and the top value would round to 1.0. Clamping only k = 0 keeps
    /// every result exactly representable and strictly inside (0, 1) at a cost of a
    /// 2^-53-probability bias; Max is branch-free and maps to fmax on OpenCL.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double ToOpenUnit(uint hi, uint lo)
    {
        ulong k = ((ulong)hi << 21) | (lo >> 11);
        return Math.Max((double)k, 0.5) * Scale53;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint X0, uint X1, uint X2, uint X3) Block(ulong seed, ulong stream, ulong counter) =>
        Philox4x32.Generate(
            (uint)counter, (uint)(counter >> 32),
            (uint)stream, (uint)(stream >> 32),
            (uint)seed, (uint)(seed >> 32));
}

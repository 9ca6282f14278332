using System.Runtime.CompilerServices;

namespace Dendra.Simulator.Random;

/// <summary>
/// The Philox4x32-10 counter-based block function (Salmon, Moraes, Dror and Shaw, 2011,
/// "Parallel random numbers: as easy as 1, 2, 3"), bit-for-bit compatible with Random123.
/// </summary>
/// <remarks>
/// A counter-based generator has no state: every output is a pure function of a 128-bit
/// counter and a 64-bit key. That is what lets a simulation seed fix every random draw
/// regardless of how many threads share the work or which backend (CPU or an OpenCL
/// kernel computing the same function) evaluates it.
/// </remarks>
public static class Philox4x32
{
    private const uint Multiplier0 = 0xD2511F53;
    private const uint Multiplier1 = 0xCD9E8D57;

    // Weyl sequence increments for the key schedule (golden ratio and sqrt(3) - 1).
    private const uint KeyBump0 = 0x9E3779B9;
    private const uint KeyBump1 = 0xBB67AE85;

    /// <summary>
    /// Computes one Philox4x32 block with 10 rounds: four 32-bit outputs for a four-word
    /// counter and a two-word key. Reproduces the Random123 known-answer vectors.
    /// </summary>
    /// <param name="counter0">Counter word 0 (least significant).</param>
    /// <param name="counter1">Counter word 1.</param>
    /// <param name="counter2">Counter word 2.</param>
    /// <param name="counter3">Counter word 3 (most significant).</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <returns>The four output words, in Random123 order.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint X0, uint X1, uint X2, uint X3) Generate(
        uint counter0, uint counter1, uint counter2, uint counter3, uint key0, uint key1)
    {
        uint c0 = counter0, c1 = counter1, c2 = counter2, c3 = counter3;
        uint k0 = key0, k1 = key1;

        // Unrolled by hand because the JIT does not unroll loops; the key is bumped
        // between rounds only, so ten rounds use nine bumps, as in Random123.
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Bump(ref k0, ref k1);
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Bump(ref k0, ref k1);
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Bump(ref k0, ref k1);
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Bump(ref k0, ref k1);
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Bump(ref k0, ref k1);
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Bump(ref k0, ref k1);
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Bump(ref k0, ref k1);
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Bump(ref k0, ref k1);
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);
        Bump(ref k0, ref k1);
        Round(ref c0, ref c1, ref c2, ref c3, k0, k1);

        return (c0, c1, c2, c3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref uint c0, ref uint c1, ref uint c2, ref uint c3, uint k0, uint k1)
    {
        ulong product0 = Math.BigMul(Multiplier0, c0);
        ulong product1 = Math.BigMul(Multiplier1, c2);
        uint hi0 = (uint)(product0 >> 32), lo0 = (uint)product0;
        uint hi1 = (uint)(product1 >> 32), lo1 = (uint)product1;

        // The word permutation is part of the algorithm's definition; it must match
        // Random123 exactly for the known-answer vectors (and other backends) to agree.
        uint n0 = hi1 ^ c1 ^ k0;
        uint n2 = hi0 ^ c3 ^ k1;
        c0 = n0;
        c1 = lo1;
        c2 = n2;
        c3 = lo0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Bump(ref uint k0, ref uint k1)
    {
        unchecked
        {
            k0 += KeyBump0;
            k1 += KeyBump1;
        }
    }
}

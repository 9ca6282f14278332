using System.Diagnostics;

namespace Dendra.Simulator.Backends;

/// <summary>
/// The host's memory bandwidth as a STREAM-style copy measures it: one large array copied to another, split into one
/// contiguous piece per thread as the CPU backend splits its neuron loops, best of several copies kept.
/// </summary>
public static class HostCopyBandwidth
{
    /// <summary>Times <paramref name="repeats"/> copies of a <paramref name="bufferBytes"/> array on <paramref name="threads"/>
    /// threads (after one untimed copy that touches every page), checks the last copy arrived, and returns the fastest.</summary>
    /// <param name="bufferBytes">Size of each of the two arrays; a multiple of 8, and large next to the caches.</param>
    /// <param name="threads">Threads copying at once.</param>
    /// <param name="repeats">Timed copies.</param>
    public static CopyMeasurement Measure(long bufferBytes, int threads, int repeats)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (bufferBytes <= 0 || bufferBytes % sizeof(double) != 0)
            throw new ArgumentOutOfRangeException(nameof(bufferBytes), bufferBytes, "the copied array must hold a positive whole number of 8-byte words");
        var source = new double[bufferBytes / sizeof(double)];
        for (int k = 0; k < source.Length; k++) source[k] = k;
        var destination = new double[source.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        long piece = (source.Length + threads - 1) / threads;
        void Copy() => Parallel.For(0, threads, options, t =>
        {
            long from = t * piece, to = Math.Min(source.Length, from + piece);
            if (from < to) source.AsSpan((int)from, (int)(to - from)).CopyTo(destination.AsSpan((int)from));
        });

        Copy();
        double best = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            Array.Clear(destination);
            var clock = Stopwatch.StartNew();
            Copy();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        if (!destination.AsSpan().SequenceEqual(source))
            throw new InvalidOperationException("the host bandwidth copy did not copy every element");
        return new CopyMeasurement("host", 2 * bufferBytes, best);
    }
}

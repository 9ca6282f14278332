using System.Numerics;

namespace Dendra.Simulator.Execution;

/// <summary>Measuring changes of state between steps and combining them.</summary>
internal static class StateChange
{
    /// <summary>The larger magnitude of two changes; NaN when either is (a NaN never counts as settled).</summary>
    public static double Larger(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, Math.Abs(b));

    /// <summary>max |now − before| (NaN if a value is NaN), and <paramref name="before"/> set to <paramref name="now"/>: one
    /// pass over both instead of three (difference, maximum, copy). A maximum is exact, so lanes and order do not matter.</summary>
    public static T LargestChange<T>(ReadOnlySpan<T> now, Span<T> before) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var largest = Vector<T>.Zero;
        var nan = Vector<T>.Zero;
        int i = 0;
        for (; i <= now.Length - Vector<T>.Count; i += Vector<T>.Count)
        {
            var x = new Vector<T>(now[i..]);
            var change = Vector.Abs(x - new Vector<T>(before[i..]));
            nan |= ~Vector.Equals(change, change);
            largest = Vector.Max(largest, change);
            x.CopyTo(before[i..]);
        }
        T result = T.Zero;
        for (int lane = 0; lane < Vector<T>.Count; lane++) result = T.Max(result, largest[lane]);
        if (nan != Vector<T>.Zero) result = T.NaN;
        for (; i < now.Length; i++)
        {
            T change = T.Abs(now[i] - before[i]);
            result = T.IsNaN(change) || T.IsNaN(result) ? T.NaN : T.Max(result, change);
            before[i] = now[i];
        }
        return result;
    }
}

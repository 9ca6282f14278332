namespace Dendra.Differential.Tests.Framework;

/// <summary>
/// When two float64 values from the two simulators count as equal:
/// <c>|a − b| ≤ 1e-9·max(|a|, |b|) + 1e-15·scale</c>, where <c>scale</c> is the largest magnitude Brian2 recorded for the
/// same quantity (the whole trace, all neurons or synapses).
/// </summary>
/// <remarks>
/// The relative term allows what differs legitimately: the order of floating-point operations (Brian2 simplifies
/// expressions with SymPy, solves linear systems symbolically and sums with numpy; Dendra folds constants and
/// computes propagators numerically), a few ulps per step that grow slowly over a run. It is six orders of magnitude
/// below any modelling difference (a step late, a stale value, a missed clamp), which shows as 1e-4 or more.
/// The floor handles values that are zero in one simulator and a rounding residue in the other (a current where v
/// reaches its reversal potential); tied to the quantity's own scale it means the same in nanosiemens as in millivolts.
/// NaN equals only NaN, and an infinity only the same infinity.
/// </remarks>
internal static class Tolerance
{
    public const double Relative = 1e-9;
    public const double FloorOfScale = 1e-15;

    public static bool Agree(double dendra, double brian, double scale)
    {
        if (double.IsNaN(dendra) || double.IsNaN(brian)) return double.IsNaN(dendra) && double.IsNaN(brian);
        if (double.IsInfinity(dendra) || double.IsInfinity(brian)) return dendra == brian;
        return Math.Abs(dendra - brian) <= Relative * Math.Max(Math.Abs(dendra), Math.Abs(brian)) + FloorOfScale * scale;
    }

    /// <summary>The largest finite magnitude among <paramref name="values"/> (0 if none).</summary>
    public static double ScaleOf(IEnumerable<double[]> values) =>
        values.SelectMany(v => v).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
}

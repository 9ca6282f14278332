namespace Dendra.Differential.Tests.Framework;

/// <summary>
/// When two float64 values from the two simulators count as equal:
/// <c>|a − b| ≤ 1e-9·max(|a|, |b|) + 1e-12·scale</c>, where <c>scale</c> is the largest magnitude Brian2 recorded for the
/// same quantity (the whole trace, all neurons or synapses).
/// </summary>
/// <remarks>
/// The relative term allows what differs legitimately: the order of floating-point operations (Brian2 simplifies
/// expressions with SymPy, solves linear systems symbolically and sums with numpy; Dendra folds constants and
/// computes propagators numerically), a few ulps per step that grow slowly over a run. It is six orders of magnitude
/// below any modelling difference (a step late, a stale value, a missed clamp), which moves values by 1e-6 or more.
/// The floor handles values that are zero in one simulator and a rounding residue in the other: near a zero crossing
/// the relative difference of two correctly rounded results is unbounded (sin(2π·200 Hz·12.5 ms) is −2.3e-15 in one
/// simulator and 1.2e-15 in the other, both a few ulps of the argument 5π). Such residues are a few ulps of the
/// operands, so the floor is tied to the quantity's own scale, and means the same in nanosiemens as in millivolts;
/// 1e-12 of it leaves room for residues that grew over a run and is still far below any modelling difference.
/// NaN equals only NaN, and an infinity only the same infinity.
/// </remarks>
internal static class Tolerance
{
    public const double Relative = 1e-9;
    public const double FloorOfScale = 1e-12;

    /// <summary>|a − b| as a share of what the tolerance allows for this pair: the values agree when it is at most 1. It is 0
    /// when they are equal, and infinity when a NaN or an infinity meets anything but itself.</summary>
    public static double ShareUsed(double dendra, double brian, double scale)
    {
        if (dendra.Equals(brian)) return 0; // also NaN with NaN, and an infinity with itself
        if (!double.IsFinite(dendra) || !double.IsFinite(brian)) return double.PositiveInfinity;
        return Math.Abs(dendra - brian) / (Relative * Math.Max(Math.Abs(dendra), Math.Abs(brian)) + FloorOfScale * scale);
    }

    /// <summary>The largest finite magnitude among <paramref name="values"/> (0 if none).</summary>
    public static double ScaleOf(IEnumerable<double[]> values) =>
        values.SelectMany(v => v).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
}

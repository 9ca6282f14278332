namespace Dendra.Simulator.Execution;

/// <summary>Combining changes.</summary>
internal static class StateChange
{
    /// <summary>The larger magnitude of two changes; NaN when either is (a NaN never counts as settled).</summary>
    public static double Larger(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, Math.Abs(b));
}

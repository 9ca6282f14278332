namespace Dendra;

/// <summary>
/// The one rule by which Dendra turns a time into a step: the nearest step, halves rounded away from zero. Spike times
/// of sources, delays, refractory periods, run durations and the switching times of current sources all use it, so a
/// time written the same way lands on the same step wherever it is used.
/// </summary>
public static class Clock
{
    /// <summary>The step nearest to <paramref name="seconds"/> at time step <paramref name="dt"/> (both in seconds).</summary>
    public static long StepOf(double seconds, double dt) => (long)Math.Round(seconds / dt, MidpointRounding.AwayFromZero);
}

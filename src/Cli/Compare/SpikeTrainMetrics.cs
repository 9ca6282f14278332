namespace Dendra.Cli.Compare;

/// <summary>
/// Distances between spike trains (times in seconds, sorted ascending): greedy one-to-one matching within a
/// tolerance, and the van Rossum distance computed exactly from the spike times.
/// </summary>
internal static class SpikeTrainMetrics
{
    /// <summary>
    /// Number of spikes of <paramref name="reference"/> matched one-to-one by a spike of <paramref name="other"/> at most
    /// <paramref name="tolerance"/> away: both trains are walked in time order and each reference spike takes the earliest
    /// still unmatched spike of the other train in its window (for sorted trains this greedy matching is a largest one).
    /// </summary>
    public static int Matched(IReadOnlyList<double> reference, IReadOnlyList<double> other, double tolerance)
    {
        int i = 0, j = 0, matched = 0;
        while (i < reference.Count && j < other.Count)
        {
            if (other[j] < reference[i] - tolerance) j++;
            else if (other[j] <= reference[i] + tolerance) { matched++; i++; j++; }
            else i++;
        }
        return matched;
    }

    /// <summary>
    /// The van Rossum distance between two trains with an exponential kernel of time constant <paramref name="tau"/>:
    /// each spike becomes <c>exp(-(t - t_i)/tau)</c> for <c>t ≥ t_i</c>, and
    /// <c>D² = (1/tau) ∫₀^∞ (f(t) - g(t))² dt = ½ [Σ e^(-|a_i-a_j|/tau) + Σ e^(-|b_i-b_j|/tau) - 2 Σ e^(-|a_i-b_j|/tau)]</c>,
    /// integrated to infinity (the tails after the last spike count). One unmatched spike gives <c>D² = ½</c>.
    /// Computed in O(n + m) with running exponential sums.
    /// </summary>
    public static double VanRossum(IReadOnlyList<double> a, IReadOnlyList<double> b, double tau)
    {
        if (!(tau > 0)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be positive");
        double d2 = 0.5 * (Kernel(a, a, tau) + Kernel(b, b, tau) - 2 * Kernel(a, b, tau));
        return Math.Sqrt(Math.Max(0, d2));
    }

    /// <summary><c>Σ_i Σ_j exp(-|a_i - b_j|/tau)</c> for sorted trains.</summary>
    internal static double Kernel(IReadOnlyList<double> a, IReadOnlyList<double> b, double tau) =>
        DecayedSum(a, b, tau, strict: false) + DecayedSum(b, a, tau, strict: true);

    /// <summary><c>Σ over pairs with b_j ≤ a_i (or &lt; when strict) of exp(-(a_i - b_j)/tau)</c>.</summary>
    private static double DecayedSum(IReadOnlyList<double> a, IReadOnlyList<double> b, double tau, bool strict)
    {
        double total = 0, acc = 0, last = double.NegativeInfinity;
        int j = 0;
        foreach (var t in a)
        {
            while (j < b.Count && (strict ? b[j] < t : b[j] <= t))
            {
                acc = acc * Decay(b[j] - last, tau) + 1;
                last = b[j];
                j++;
            }
            if (j > 0) total += acc * Decay(t - last, tau);
        }
        return total;
    }

    private static double Decay(double dt, double tau) => double.IsInfinity(dt) ? 0 : Math.Exp(-dt / tau);

    /// <summary>Root mean square of the difference of two equally long series (NaN when empty).</summary>
    public static double Rms(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int n = Math.Min(a.Count, b.Count);
        if (n == 0) return double.NaN;
        double sum = 0;
        for (int k = 0; k < n; k++) sum += (a[k] - b[k]) * (a[k] - b[k]);
        return Math.Sqrt(sum / n);
    }
}

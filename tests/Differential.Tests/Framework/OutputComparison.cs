using System.Globalization;

namespace Dendra.Differential.Tests.Framework;

/// <summary>
/// Compares what Dendra and Brian2 recorded for a case: spikes exactly (same neurons at the same steps), numbers within
/// <see cref="Tolerance"/>. Collects one readable entry per disagreeing quantity, with the first few mismatching values
/// from both simulators, and how much of the tolerance the closest agreeing pair of values used (how close the match is).
/// </summary>
internal sealed class OutputComparison
{
    private const int ShownPerQuantity = 6;

    private readonly List<string> _disagreements = [];

    private OutputComparison()
    {
    }

    /// <summary>One entry per quantity on which the simulators disagree; empty when they agree.</summary>
    public IReadOnlyList<string> Disagreements => _disagreements;

    /// <summary>The largest share of the tolerance that a pair of agreeing values used (0 when all are bitwise equal).</summary>
    public double LargestShareOfToleranceUsed { get; private set; }

    public static OutputComparison Of(DifferentialCase c, SimulationOutput dendra, SimulationOutput brian)
    {
        var comparison = new OutputComparison();
        foreach (var group in c.Spikes) comparison.CompareSpikes(group, dendra.Spikes[group], brian.Spikes[group]);
        foreach (var r in c.Traces)
            comparison.CompareRows(r.Key, r.Neurons.Select(n => $"neuron {n}").ToArray(), dendra.Traces[r.Key], brian.Traces[r.Key], c.Steps);
        foreach (var r in c.SynapseTraces) comparison.CompareSynapses(r.Key, dendra.SynapseTraces[r.Key], brian.SynapseTraces[r.Key], c.Steps);
        foreach (var r in c.Rates)
        {
            comparison.CompareRows($"rate of {r.Group}", ["rate"], [dendra.Rates[r.Group]], [brian.Rates[r.Group]], c.Steps);
            comparison.CompareRows($"rate of {r.Group} in bins of {r.BinSteps} steps", ["rate"], [dendra.RateBins[r.Group]], [brian.RateBins[r.Group]],
                (c.Steps + r.BinSteps - 1) / r.BinSteps, unit: "bin");
        }
        return comparison;
    }

    private void CompareSpikes(string group, IReadOnlyList<SpikeEvent> dendra, IReadOnlyList<SpikeEvent> brian)
    {
        if (dendra.SequenceEqual(brian)) return;
        var onlyDendra = Unmatched(dendra, brian);
        var onlyBrian = Unmatched(brian, dendra);
        _disagreements.Add($"spikes of {group}: Dendra {dendra.Count}, Brian2 {brian.Count}; " +
                           $"only in Dendra: [{string.Join("; ", onlyDendra.Take(ShownPerQuantity))}]{More(onlyDendra)}; " +
                           $"only in Brian2: [{string.Join("; ", onlyBrian.Take(ShownPerQuantity))}]{More(onlyBrian)}");
    }

    /// <summary>The spikes of <paramref name="these"/> that <paramref name="others"/> lacks, counting repeats (a neuron may
    /// spike twice in one step, so this is a multiset difference).</summary>
    private static List<SpikeEvent> Unmatched(IReadOnlyList<SpikeEvent> these, IReadOnlyList<SpikeEvent> others)
    {
        var remaining = others.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var unmatched = new List<SpikeEvent>();
        foreach (var s in these)
        {
            if (remaining.TryGetValue(s, out var n) && n > 0) remaining[s] = n - 1;
            else unmatched.Add(s);
        }
        return unmatched;
    }

    private static string More(List<SpikeEvent> spikes) => spikes.Count > ShownPerQuantity ? $" and {spikes.Count - ShownPerQuantity} more" : "";

    private void CompareSynapses(string key, SynapseTrace dendra, SynapseTrace brian, int steps)
    {
        if (!dendra.Pre.SequenceEqual(brian.Pre) || !dendra.Post.SequenceEqual(brian.Post))
        {
            _disagreements.Add($"{key}: different synapses; Dendra (pre, post) = {Pairs(dendra)}, Brian2 {Pairs(brian)}");
            return;
        }
        var labels = dendra.Pre.Select((p, s) => $"synapse {p}→{dendra.Post[s]}").ToArray();
        CompareRows(key, labels, dendra.Values, brian.Values, steps);
    }

    private static string Pairs(SynapseTrace t) => "[" + string.Join(", ", t.Pre.Select((p, s) => $"({p}, {t.Post[s]})")) + "]";

    private void CompareRows(string quantity, string[] labels, double[][] dendra, double[][] brian, int length, string unit = "step")
    {
        if (dendra.Length != brian.Length || dendra.Any(r => r.Length != length) || brian.Any(r => r.Length != length))
        {
            _disagreements.Add($"{quantity}: Dendra has {Shape(dendra)} values, Brian2 {Shape(brian)}, expected {labels.Length} × {length}");
            return;
        }
        double scale = Tolerance.ScaleOf(brian);
        var mismatches = new List<(int Index, int Row, double Dendra, double Brian)>();
        for (int row = 0; row < dendra.Length; row++)
            for (int k = 0; k < length; k++)
            {
                double a = dendra[row][k], b = brian[row][k];
                double share = Tolerance.ShareUsed(a, b, scale);
                if (share <= 1) LargestShareOfToleranceUsed = Math.Max(LargestShareOfToleranceUsed, share);
                else mismatches.Add((k, row, a, b));
            }
        if (mismatches.Count == 0) return;
        // The earliest mismatches first, whichever neuron or synapse they belong to: the first step that goes wrong is
        // where a diagnosis starts.
        var earliest = mismatches.OrderBy(m => m.Index).ThenBy(m => m.Row).Take(ShownPerQuantity).Select(m => FormattableString.Invariant(
            $"{labels[m.Row]} {unit} {m.Index}: Dendra {m.Dendra:R}, Brian2 {m.Brian:R} (relative difference {RelativeDifference(m.Dendra, m.Brian):G3})"));
        _disagreements.Add($"{quantity}: {mismatches.Count} of {dendra.Length * length} values differ, earliest:\n    {string.Join("\n    ", earliest)}");
    }

    private static double RelativeDifference(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b));

    private static string Shape(double[][] rows) =>
        rows.Length + " × " + string.Join("/", rows.Select(r => r.Length.ToString(CultureInfo.InvariantCulture)).Distinct());
}

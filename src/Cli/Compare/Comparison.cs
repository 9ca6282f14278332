using System.Globalization;
using System.Text;

namespace Dendra.Cli.Compare;

/// <summary>How one population of a variant differs from the same population of the reference.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Variant">Name of the variant compared with the reference.</param>
/// <param name="ReferenceSpikes">Spikes in the reference.</param>
/// <param name="VariantSpikes">Spikes in the variant.</param>
/// <param name="ReferenceRate">Mean rate in the reference, Hz.</param>
/// <param name="VariantRate">Mean rate in the variant, Hz.</param>
/// <param name="RelativeRateDifference">(variant − reference) / reference rate; NaN when the reference is silent.</param>
/// <param name="MatchedOfReference">Fraction of reference spikes matched by a variant spike of the same neuron within the tolerance; NaN when there are none.</param>
/// <param name="MatchedOfVariant">Fraction of variant spikes matched (the reverse fraction); NaN when there are none.</param>
/// <param name="VanRossum">Van Rossum distance averaged over all neurons of the population.</param>
/// <param name="StateVariable">The state variable compared, or null.</param>
/// <param name="StateRms">RMS difference of <paramref name="StateVariable"/> over the traced neurons and all steps (SI units); NaN when none.</param>
internal sealed record PopulationComparison(
    string Population, string Variant, long ReferenceSpikes, long VariantSpikes, double ReferenceRate, double VariantRate,
    double RelativeRateDifference, double MatchedOfReference, double MatchedOfVariant, double VanRossum,
    string? StateVariable, double StateRms);

/// <summary>The metrics of <c>dendra compare</c>.</summary>
internal static class Comparison
{
    /// <summary>Time constant of the van Rossum kernel: 10 ms.</summary>
    public const double VanRossumTau = 10e-3;

    /// <summary>Compares every population of <paramref name="other"/> with the one of the same name in <paramref name="reference"/>.</summary>
    public static List<PopulationComparison> Compare(VariantRun reference, VariantRun other, double tolerance)
    {
        var result = new List<PopulationComparison>();
        foreach (var r in reference.Populations)
        {
            var o = other.Populations.FirstOrDefault(p => p.Name == r.Name && p.Size == r.Size);
            if (o is null) continue;
            result.Add(ComparePopulation(r, o, other.Variant.Name, reference.SimulatedSeconds, other.SimulatedSeconds, tolerance));
        }
        return result;
    }

    /// <summary>Compares one population's recordings.</summary>
    internal static PopulationComparison ComparePopulation(RecordedPopulation r, RecordedPopulation o, string variant,
        double referenceSeconds, double variantSeconds, double tolerance)
    {
        var a = r.Trains();
        var b = o.Trains();
        long na = a.Sum(t => (long)t.Length), nb = b.Sum(t => (long)t.Length);
        long matched = 0;
        double distance = 0;
        for (int n = 0; n < a.Length; n++)
        {
            matched += SpikeTrainMetrics.Matched(a[n], b[n], tolerance);
            distance += SpikeTrainMetrics.VanRossum(a[n], b[n], VanRossumTau);
        }
        double rateA = referenceSeconds > 0 ? na / (r.Size * referenceSeconds) : double.NaN;
        double rateB = variantSeconds > 0 ? nb / (o.Size * variantSeconds) : double.NaN;

        double rms = double.NaN;
        if (r.State is { } sa && o.State is { } sb && sa.Variable == sb.Variable)
        {
            var x = new List<double>();
            var y = new List<double>();
            for (int k = 0; k < Math.Min(sa.Neurons.Count, sb.Neurons.Count); k++)
            {
                int samples = Math.Min(sa.Count, sb.Count);
                x.AddRange(sa.Trace(k).Take(samples));
                y.AddRange(sb.Trace(k).Take(samples));
            }
            rms = SpikeTrainMetrics.Rms(x, y);
        }
        return new PopulationComparison(r.Name, variant, na, nb, rateA, rateB,
            rateA > 0 ? (rateB - rateA) / rateA : double.NaN,
            na > 0 ? (double)matched / na : double.NaN,
            nb > 0 ? (double)matched / nb : double.NaN,
            a.Length > 0 ? distance / a.Length : double.NaN,
            r.State?.Variable, rms);
    }

    /// <summary>A number for tables: invariant culture, "n/a" for NaN.</summary>
    public static string Format(double value, string format = "0.####") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A relative difference as a signed percentage.</summary>
    public static string Percent(double value) =>
        double.IsNaN(value) ? "n/a" : (value * 100).ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture) + " %";

    /// <summary>A state RMS in readable units: mV for a voltage-like variable.</summary>
    public static string FormatState(string? variable, double rms)
    {
        if (variable is null || double.IsNaN(rms)) return "n/a";
        bool volts = (variable.StartsWith('v') || variable.StartsWith('V')) && rms < 1;
        return volts ? Format(rms * 1e3, "0.####") + " mV" : Format(rms, "0.####e0");
    }

    /// <summary>The Markdown report.</summary>
    public static string Markdown(IComparisonPairing pairing, string commandLine, string scriptPath, IReadOnlyList<VariantRun> runs,
        IReadOnlyList<PopulationComparison> rows, double tolerance, IReadOnlyList<string> plots)
    {
        var sb = new StringBuilder();
        var reference = runs[0];
        sb.AppendLine(CultureInfo.InvariantCulture, $"# dendra compare: {Path.GetFileName(scriptPath)} ({pairing.Name})");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{commandLine}`");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Script: `{scriptPath}`");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Compared: {pairing.Description}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Reference: **{reference.Variant.Name}** ({reference.Variant.Description})");
        foreach (var run in runs.Skip(1))
            sb.AppendLine(CultureInfo.InvariantCulture, $"- Variant: **{run.Variant.Name}** ({run.Variant.Description})");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Seed: {reference.Seed} (same for every variant); dt {Format(reference.Dt * 1e3)} ms; simulated {Format(reference.SimulatedSeconds * 1e3)} ms");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- Spike matching tolerance: {Format(tolerance * 1e3)} ms; van Rossum τ = {Format(VanRossumTau * 1e3)} ms (exact, from spike times)");
        sb.AppendLine();
        sb.AppendLine("## Wall time");
        sb.AppendLine();
        sb.AppendLine("| variant | build (s) | run (s) | total (s) | run vs reference |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var ratio = reference.RunSeconds > 0 ? Format(run.RunSeconds / reference.RunSeconds, "0.00") + "×" : "n/a";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Variant.Name} | {Format(run.BuildSeconds, "0.000")} | {Format(run.RunSeconds, "0.000")} | {Format(run.BuildSeconds + run.RunSeconds, "0.000")} | {ratio} |");
        }
        sb.AppendLine();
        sb.AppendLine("Wall times are of Run(net, ...) only (the script is compiled before); the first variant also pays the JIT warm-up of the simulator, which mostly shows in its build time.");
        foreach (var group in rows.GroupBy(r => r.Population))
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"## Population {group.Key}");
            sb.AppendLine();
            var stateVariable = group.First().StateVariable;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| variant | spikes | rate (Hz) | ref rate (Hz) | rate diff | matched of ref | matched of variant | van Rossum | RMS {stateVariable ?? "state"} |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in group)
            {
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Variant} | {r.VariantSpikes} | {Format(r.VariantRate, "0.###")} | {Format(r.ReferenceRate, "0.###")} | {Percent(r.RelativeRateDifference)} | {Format(r.MatchedOfReference)} | {Format(r.MatchedOfVariant)} | {Format(r.VanRossum)} | {FormatState(r.StateVariable, r.StateRms)} |");
            }
        }
        sb.AppendLine();
        sb.AppendLine("## Metrics");
        sb.AppendLine();
        sb.AppendLine("- *rate diff*: (variant − reference) / reference mean rate.");
        sb.AppendLine("- *matched of ref*: fraction of reference spikes matched one-to-one (greedy, in time order) by a spike of the same neuron in the variant at most the tolerance away; *matched of variant* is the same count over the variant's spikes.");
        sb.AppendLine("- *van Rossum*: D with D² = (1/τ)∫(f − g)² dt, f and g the spike trains filtered by exp(−t/τ), computed exactly from the spike times (integrated to infinity); one unmatched spike gives D = √½ ≈ 0.707. Averaged over all neurons of the population (silent neurons count as 0).");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- *RMS*: root mean square difference of the first state variable of the first {VariantRun.TracedNeurons} neurons, over every step.");
        if (plots.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Plots");
            sb.AppendLine();
            foreach (var plot in plots) sb.AppendLine(CultureInfo.InvariantCulture, $"![{Path.GetFileNameWithoutExtension(plot)}]({Path.GetFileName(plot)})");
        }
        return sb.ToString();
    }
}

using System.Globalization;
using System.Text;
using Dendra.Learning.Learners;
using Dendra.Plots;

namespace Dendra.Cli.Compare;

/// <summary>
/// <c>dendra compare --variants a,b</c> for scripts that train learners (<c>Learn(...)</c>) rather than run networks:
/// each variant's learners, matched by their order in the script, set side by side: learning curves, the final metric,
/// the training wall time, and the learned weights unit by unit (<see cref="WeightComparison"/>).
/// </summary>
internal static class LearnerComparison
{
    /// <summary>One learner of a variant against the reference's learner at the same place in the script.</summary>
    /// <param name="Index">Its place among the script's Learn calls, from 0.</param>
    /// <param name="Variant">The variant's name.</param>
    /// <param name="Run">The variant's training run.</param>
    /// <param name="Weights">Its weights against the reference's, or null when the shapes differ (<paramref name="Why"/> says so).</param>
    /// <param name="Why">Why the weights could not be compared; null when they were.</param>
    /// <param name="Changes">What it learned (its weights less the shared start) against what the reference learned;
    /// null where the weights were not compared or the starts differ.</param>
    public sealed record Row(int Index, string Variant, LearnerRun Run, WeightComparison? Weights, string? Why, WeightComparison? Changes = null);

    /// <summary>Compares every variant's learners with the reference's (the first run), learner by learner.</summary>
    /// <exception cref="UsageException">The variants trained different numbers of learners.</exception>
    public static List<Row> Compare(IReadOnlyList<VariantRun> runs)
    {
        var reference = runs[0];
        foreach (var run in runs.Skip(1))
        {
            if (run.Learned.Count != reference.Learned.Count)
                throw new UsageException($"variant {run.Variant.Name} trained {run.Learned.Count} learners and {reference.Variant.Name} {reference.Learned.Count}: each variant must call Learn(...) as often, so that its learners can be paired in order");
        }
        var rows = new List<Row>();
        for (int k = 0; k < reference.Learned.Count; k++)
        {
            var first = reference.Learned[k].Learner;
            foreach (var run in runs)
            {
                var learner = run.Learned[k].Learner;
                if (run == reference)
                {
                    rows.Add(new Row(k, run.Variant.Name, run.Learned[k], null, "the reference"));
                    continue;
                }
                if (learner.Units != first.Units || learner.Features != first.Features)
                {
                    rows.Add(new Row(k, run.Variant.Name, run.Learned[k], null,
                        $"{learner.Units} units × {learner.Features} features against the reference's {first.Units} × {first.Features}"));
                    continue;
                }
                bool ignoreSign = first.SignIsArbitrary || learner.SignIsArbitrary;
                var weights = WeightComparison.Compare(first.Weights, learner.Weights, first.Units, first.Features, ignoreSign);
                var (start, otherStart) = (reference.Learned[k].InitialWeights, run.Learned[k].InitialWeights);
                var changes = start.Length == first.Weights.Length && start.AsSpan().SequenceEqual(otherStart)
                    ? WeightComparison.CompareChanges(first.Weights, learner.Weights, start, first.Units, first.Features, ignoreSign)
                    : null;
                rows.Add(new Row(k, run.Variant.Name, run.Learned[k], weights, null, changes));
            }
        }
        return rows;
    }

    /// <summary>Writes a learning-curve plot per learner (every variant's curve on it) and returns the paths.</summary>
    public static List<string> WritePlots(string directory, IReadOnlyList<Row> rows)
    {
        var paths = new List<string>();
        foreach (var group in rows.GroupBy(r => r.Index))
        {
            var curves = group.Select(r => r.Run.Curve with { Name = r.Variant }).ToArray();
            // `with` copies the record's fields, points included (the list is shared, not changed here).
            if (curves.Select(c => (c.Metric, c.Progress)).Distinct().Count() > 1) continue;
            // A metric no variant measured (a learner whose evaluation is off reports NaN) has nothing to draw.
            if (curves.All(c => c.Points.All(p => double.IsNaN(p.Value)))) continue;
            var path = Path.Combine(directory, group.Key == 0 ? "learning-curves.png" : $"learning-curves-{group.Key + 1}.png");
            Plot.LearningCurves(path, curves);
            paths.Add(path);
        }
        foreach (var group in rows.GroupBy(r => r.Index))
        {
            if (ReceptiveFields(group.ToList(), directory, group.Key, changes: false) is { } path) paths.Add(path);
            if (ReceptiveFields(group.ToList(), directory, group.Key, changes: true) is { } learned) paths.Add(learned);
            paths.AddRange(ObservationPlots(group.ToList(), directory, group.Key));
        }
        return paths;
    }

    /// <summary>What the learners observed during training (the active fraction and winner agreement of the full
    /// dynamics, say), one plot per quantity with the curve of every variant that observed it.</summary>
    private static IEnumerable<string> ObservationPlots(List<Row> group, string directory, int index)
    {
        var names = group.SelectMany(r => r.Run.Observations.Select(o => o.Metric)).Distinct().ToList();
        foreach (var name in names)
        {
            var curves = group.Where(r => r.Run.Observations.Any(o => o.Metric == name))
                .Select(r => r.Run.Observed(name) with { Name = r.Variant }).ToArray();
            var file = string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-'));
            var path = Path.Combine(directory, index == 0 ? $"{file}.png" : $"{file}-{index + 1}.png");
            Plot.LearningCurves(path, curves);
            yield return path;
        }
    }

    /// <summary>
    /// For learners whose inputs are a square image (784 = 28 × 28 pixels, say): every variant's learned weights as a
    /// mosaic, side by side, the reference's units in their order and each variant's unit matched to it in the same tile,
    /// so that a tile reads against its neighbour panel's. Null when the inputs are not square or a variant's weights
    /// could not be matched.
    /// </summary>
    /// <remarks>With <paramref name="changes"/>, the same for what was learned (each learner's weights less the shared
    /// start, matched by <see cref="Row.Changes"/>), written to learned-fields.png: early in training the weights are
    /// still mostly the random start and their mosaics look alike whatever was learned.</remarks>
    private static string? ReceptiveFields(List<Row> group, string directory, int index, bool changes)
    {
        var reference = group[0].Run.Learner;
        int side = (int)Math.Round(Math.Sqrt(reference.Features));
        if (side * side != reference.Features || group.Skip(1).Any(r => (changes ? r.Changes : r.Weights) is null)) return null;
        var start = group[0].Run.InitialWeights;
        if (changes && start.Length != reference.Weights.Length) return null;
        var panels = group.Select(r =>
        {
            var weights = r.Run.Learner.Weights;
            if (changes) weights = [.. weights.Select((w, k) => w - start[k])];
            if ((changes ? r.Changes : r.Weights) is not { } matched) return (r.Variant, weights);
            var ordered = new float[weights.Length];
            for (int unit = 0; unit < reference.Units; unit++)
                weights.AsSpan(matched.Match[unit] * reference.Features, reference.Features).CopyTo(ordered.AsSpan(unit * reference.Features));
            return (r.Variant, ordered);
        }).ToList();
        int scale = reference.Units <= 100 ? 3 : reference.Units <= 400 ? 2 : 1;
        string name = changes ? "learned-fields" : "receptive-fields";
        var path = Path.Combine(directory, index == 0 ? $"{name}.png" : $"{name}-{index + 1}.png");
        Plot.MosaicsSideBySide(path, panels, reference.Units, side, side, scale);
        return path;
    }

    /// <summary>The console summary.</summary>
    public static void Print(TextWriter o, string script, IReadOnlyList<VariantRun> runs, IReadOnlyList<Row> rows)
    {
        o.WriteLine($"compare {script}: learners of {string.Join(", ", runs.Select(r => r.Variant.Name))}, reference {runs[0].Variant.Name}, seed {runs[0].Seed}");
        o.WriteLine();
        o.WriteLine($"{"learner",-16} {"variant",-10} {"metric",-20} {"final",9} {"train s",9} {"mean cos",9} {"min cos",9} {"median",9} {"learned",9}");
        foreach (var r in rows)
        {
            o.WriteLine($"{r.Run.Learner.Name,-16} {r.Variant,-10} {r.Run.Learner.Metric,-20} {Comparison.Format(r.Run.FinalMetric, "0.####"),9} {Comparison.Format(r.Run.TrainingSeconds, "0.000"),9} " +
                $"{Cos(r.Weights?.MeanCosine),9} {Cos(r.Weights?.Quantile(0)),9} {Cos(r.Weights?.Quantile(0.5)),9} {Cos(r.Changes?.MeanCosine),9}");
        }
    }

    private static string Cos(double? value) => value is { } v ? Comparison.Format(v, "0.0000") : "-";

    /// <summary>The Markdown report.</summary>
    public static string Markdown(string commandLine, string scriptPath, IReadOnlyList<VariantRun> runs, IReadOnlyList<Row> rows, IReadOnlyList<string> plots)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"# dendra compare: {Path.GetFileName(scriptPath)} (learners)");
        sb.AppendLine();
        sb.AppendLine(inv, $"- Command: `{commandLine}`");
        sb.AppendLine(inv, $"- Script: `{scriptPath}`");
        sb.AppendLine(inv, $"- Reference: **{runs[0].Variant.Name}**; variants: {string.Join(", ", runs.Skip(1).Select(r => $"**{r.Variant.Name}**"))}");
        sb.AppendLine(inv, $"- Seed: {runs[0].Seed}, the same for every variant: the same initial weights (for learners of one shape) and the same minibatches");
        foreach (var group in rows.GroupBy(r => r.Index))
        {
            sb.AppendLine();
            sb.AppendLine(inv, $"## Learner {group.Key + 1}: {group.First().Run.Learner.Name} ({group.First().Run.Learner.Units} units × {group.First().Run.Learner.Features} features)");
            sb.AppendLine();
            sb.AppendLine("| variant | learner | final metric | training (s) | vs reference | mean cosine | min | quartile 1 | median | quartile 3 | max |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            double referenceSeconds = group.First().Run.TrainingSeconds;
            foreach (var r in group)
            {
                var w = r.Weights;
                string ratio = referenceSeconds > 0 ? Comparison.Format(r.Run.TrainingSeconds / referenceSeconds, "0.00") + "×" : "n/a";
                sb.AppendLine(inv, $"| {r.Variant} | {r.Run.Learner.Name} | {Comparison.Format(r.Run.FinalMetric, "0.####")} ({r.Run.Learner.Metric}) | {Comparison.Format(r.Run.TrainingSeconds, "0.000")} | {ratio} | " +
                    $"{Cos(w?.MeanCosine)} | {Cos(w?.Quantile(0))} | {Cos(w?.Quantile(0.25))} | {Cos(w?.Quantile(0.5))} | {Cos(w?.Quantile(0.75))} | {Cos(w?.Quantile(1))} |");
            }
            foreach (var r in group.Where(r => r.Weights is null && r.Why != "the reference"))
                sb.AppendLine(inv, $"\n{r.Variant}: weights not compared: {r.Why}.");
            foreach (var r in group.Where(r => r.Weights is not null))
            {
                sb.AppendLine();
                sb.AppendLine(inv, $"Matched cosines of {r.Variant} against {runs[0].Variant.Name}, in 10 bins from −1 to 1: {string.Join(" ", r.Weights!.Histogram(10))}.");
                if (r.Changes is { } changes)
                {
                    sb.AppendLine();
                    sb.AppendLine(inv, $"What was learned, the weights less the shared start, compared the same way (units matched anew): {changes}; in 10 bins from −1 to 1: {string.Join(" ", changes.Histogram(10))}. Where training moved the weights little, their cosine mostly measures the start they share; this one does not.");
                }
            }
            sb.AppendLine();
            sb.AppendLine("Learning curves (metric on the evaluation set, epoch 0 before training):");
            sb.AppendLine();
            foreach (var r in group)
                sb.AppendLine(inv, $"- {r.Variant}: {string.Join(", ", r.Run.Curve.Points.Select(p => $"{Comparison.Format(p.Progress)}: {Comparison.Format(p.Value, "0.####")}"))}");
            foreach (var name in group.SelectMany(r => r.Run.Observations.Select(o => o.Metric)).Distinct())
            {
                sb.AppendLine();
                sb.AppendLine(inv, $"{char.ToUpperInvariant(name[0])}{name[1..]}, the mean over each epoch's minibatches, as the learner observed it:");
                sb.AppendLine();
                foreach (var r in group.Where(r => r.Run.Observations.Any(o => o.Metric == name)))
                    sb.AppendLine(inv, $"- {r.Variant}: {string.Join(", ", r.Run.Observed(name).Points.Select(p => $"{Comparison.Format(p.Progress)}: {Comparison.Format(p.Value, "0.####")}"))}");
            }
        }
        sb.AppendLine();
        sb.AppendLine("## How the weights are compared");
        sb.AppendLine();
        sb.AppendLine("Each unit's weights (a row of the learned matrix) are compared with every unit of the reference by their cosine; units are then matched one to one so that the summed cosine is greatest (the Hungarian algorithm), which makes the comparison blind to the order units learned in. Where a learner says a unit's sign is arbitrary (principal components), |cos| is used. Training times are of the learning steps alone, without evaluations; the first variant also pays the JIT warm-up.");
        if (plots.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Plots");
            sb.AppendLine();
            foreach (var plot in plots) sb.AppendLine(inv, $"![{Path.GetFileNameWithoutExtension(plot)}]({Path.GetFileName(plot)})");
        }
        return sb.ToString();
    }
}

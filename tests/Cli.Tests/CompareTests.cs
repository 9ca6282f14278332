using System.Globalization;
using System.Text.RegularExpressions;
using Dendra.Cli.Compare;

namespace Dendra.Cli.Tests;

public sealed class CompareTests
{
    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"dendra-compare-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Precision_pairing_on_cuba_writes_a_report_with_wall_times_and_agreement()
    {
        var dir = TempDir();
        var r = DendraProcess.Run("compare", Path.Combine("examples", "cuba.csx"), "--pairing", "precision", "--duration", "200ms", "--out", dir);

        Assert.True(r.ExitCode == 0, r.ToString());
        var report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Matches(@"\| float64 \| [0-9.]+ \| [0-9.]+ \|", report);
        Assert.Matches(@"\| float32 \| [0-9.]+ \| [0-9.]+ \|", report);
        var row = Regex.Match(report, @"^\| float32 \| \d+ \| [0-9.]+ \| [0-9.]+ \| [^|]+ \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \|", RegexOptions.Multiline);
        Assert.True(row.Success, report);
        Assert.InRange(double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture), 0, 1);
        Assert.InRange(double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture), 0, 1);
        Assert.Contains("Seed: 1", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "raster-float64.png")));
        Assert.True(File.Exists(Path.Combine(dir, "raster-float32.png")));
        Assert.True(File.Exists(Path.Combine(dir, "trace-P.png")));
        Assert.Contains("report: ", r.StdOut, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Integrator_pairing_on_a_constant_current_lif_agrees_closely()
    {
        var dir = TempDir();
        var r = DendraProcess.Run("compare", DendraProcess.Script("lif_constant_current.csx"), "--pairing", "integrator",
            "--duration", "100ms", "--dt", "0.1ms", "--seed", "3", "--out", dir);

        Assert.True(r.ExitCode == 0, r.ToString());
        var report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("Seed: 3", report, StringComparison.Ordinal);
        foreach (var variant in new[] { "euler", "rk4" })
        {
            var row = Regex.Match(report, $@"^\| {variant} \| \d+ \| [0-9.]+ \| [0-9.]+ \| [^|]+ \| ([0-9.]+) \| ([0-9.]+) \|", RegexOptions.Multiline);
            Assert.True(row.Success, report);
            Assert.True(double.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture) > 0.8, report);
            Assert.True(double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture) > 0.8, report);
        }
        Directory.Delete(dir, recursive: true);
    }

    [SkippableFact]
    public void Backend_pairing_runs_cuba_on_cpu_and_opencl_with_the_same_spikes()
    {
        OpenClDriver.Require();
        var dir = TempDir();
        var r = DendraProcess.Run("compare", Path.Combine("examples", "cuba.csx"), "--pairing", "backend", "--duration", "50ms", "--out", dir);
        Assert.True(r.ExitCode == 0, r.ToString());
        var report = File.ReadAllText(Path.Combine(dir, "report.md"));
        // CUBA integrates exactly (no exp per step), so the two backends agree spike for spike even in float32.
        var row = Regex.Match(report, @"^\| opencl \| \d+ \| ([0-9.]+) \| ([0-9.]+) \| [^|]+ \| ([0-9.]+) \| ([0-9.]+) \| ([0-9.]+) \|", RegexOptions.Multiline);
        Assert.True(row.Success, report);
        Assert.Equal(row.Groups[1].Value, row.Groups[2].Value);
        Assert.Equal("1", row.Groups[3].Value);
        Assert.Equal("1", row.Groups[4].Value);
        Assert.Equal("0", row.Groups[5].Value);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void A_batched_network_is_refused_with_a_message_not_a_stack_trace()
    {
        var dir = TempDir();
        var r = DendraProcess.Run("compare", Path.Combine("examples", "minibatch.csx"), "--pairing", "precision", "--duration", "5ms", "--out", dir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("runs a batch of 100 instances: run it with BatchSize = 1", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Unknown_pairing_is_a_usage_error()
    {
        var r = DendraProcess.Run("compare", Path.Combine("examples", "cuba.csx"), "--pairing", "nonsense");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a pairing", r.StdErr, StringComparison.Ordinal);
    }

    /// <summary>The comparison row of <paramref name="variant"/> in a report: everything after the name.</summary>
    private static string ComparisonRow(string report, string variant)
    {
        var row = Regex.Match(report, $@"^\| {variant} \| \d+ \| .*$", RegexOptions.Multiline);
        Assert.True(row.Success, report);
        return row.Value;
    }

    [Fact]
    public void Script_variants_reproduce_the_built_in_pairing_when_the_script_does_what_the_pairing_does()
    {
        // variants.csx sets IntegratorOverride = Euler itself when Variant is "euler": the same network and seed as the
        // integrator pairing's euler variant, so the two reports must agree on every figure but the wall times.
        var dir = TempDir();
        var script = DendraProcess.Script("variants.csx");
        var own = DendraProcess.Run("compare", script, "--variants", "own,euler,louder", "--out", Path.Combine(dir, "script"));
        var builtIn = DendraProcess.Run("compare", script, "--pairing", "integrator", "--out", Path.Combine(dir, "builtin"));
        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.True(builtIn.ExitCode == 0, builtIn.ToString());

        var scriptReport = File.ReadAllText(Path.Combine(dir, "script", "report.md"));
        var builtInReport = File.ReadAllText(Path.Combine(dir, "builtin", "report.md"));
        Assert.Equal(ComparisonRow(builtInReport, "euler"), ComparisonRow(scriptReport, "euler"));

        // A 10% stronger drive raises the rate of every neuron: the report says so.
        var louder = Regex.Match(scriptReport, @"^\| louder \| \d+ \| ([0-9.]+) \| ([0-9.]+) \| \+", RegexOptions.Multiline);
        Assert.True(louder.Success, scriptReport);
        Assert.True(double.Parse(louder.Groups[1].Value, CultureInfo.InvariantCulture) > double.Parse(louder.Groups[2].Value, CultureInfo.InvariantCulture), scriptReport);
        Assert.Contains("running louder (Variant = \"louder\")", own.StdErr, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Run_passes_its_variant_to_the_script()
    {
        var plain = DendraProcess.Run("run", DendraProcess.Script("variants.csx"), "--quiet");
        var louder = DendraProcess.Run("run", DendraProcess.Script("variants.csx"), "--variant", "louder", "--quiet");
        var spikes = (CliResult r) => long.Parse(Regex.Match(r.StdOut, @"variant (\w+): (\d+) spikes").Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.Contains("variant none:", plain.StdOut, StringComparison.Ordinal);
        Assert.Contains("variant louder:", louder.StdOut, StringComparison.Ordinal);
        Assert.True(spikes(louder) > spikes(plain), louder.ToString());
    }

    [Theory]
    [InlineData("--variants", "one", "name at least two variants")]
    [InlineData("--variants", "a,a", "'a' is named more than once")]
    [InlineData("--variants", "a,b c", "'b c' is not a variant name")]
    public void Bad_variant_lists_are_usage_errors(string option, string value, string message)
    {
        var r = DendraProcess.Run("compare", DendraProcess.Script("variants.csx"), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Learner_variants_are_compared_by_curves_final_metric_wall_time_and_matched_units()
    {
        // learners.csx trains Sanger's rule ("sanger") or a closed-form PCA ("pca") on the same data: both find the two
        // leading components, so their units match one to one with |cos| near 1, from the same initial weights.
        var dir = TempDir();
        var r = DendraProcess.Run("compare", DendraProcess.Script("learners.csx"), "--variants", "sanger,pca", "--seed", "9", "--out", dir);
        Assert.True(r.ExitCode == 0, r.ToString());
        var report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("Seed: 9", report, StringComparison.Ordinal);
        var rows = Regex.Matches(report, @"^\| (sanger|pca) \| (sanger|pca) \| ([0-9.]+) \(explained variance\) \| ([0-9.]+) \| [^|]+ \| ([0-9.]+|-) \|", RegexOptions.Multiline);
        Assert.True(rows.Count == 2, report);
        double Number(int row, int group) => double.Parse(rows[row].Groups[group].Value, CultureInfo.InvariantCulture);
        // The leading two of six directions (variances 9 and 4 of 14.38) hold about 90% of the variance.
        Assert.InRange(Number(0, 3), 0.85, 0.95);
        Assert.Equal(Number(1, 3), Number(0, 3), 2);
        Assert.True(Number(0, 4) > 0 && Number(1, 4) > 0, report);
        Assert.True(Number(1, 5) > 0.99, report);
        // Epoch 0 is measured before training: the same initial weights give the same value in both variants.
        var starts = Regex.Matches(report, @"^- (sanger|pca): 0: ([0-9.]+), 1:", RegexOptions.Multiline);
        Assert.True(starts.Count == 2, report);
        Assert.Equal(starts[0].Groups[2].Value, starts[1].Groups[2].Value);
        Assert.True(File.Exists(Path.Combine(dir, "learning-curves.png")));
        Assert.False(File.Exists(Path.Combine(dir, "receptive-fields.png"))); // six inputs are no square image to draw
        var printed = Regex.Match(r.StdOut, @"pca\s+pca\s+explained variance\s+[0-9.]+\s+[0-9.]+\s+([0-9.]+)");
        Assert.True(printed.Success && double.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture) > 0.99, r.StdOut);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Compare_needs_exactly_one_of_pairing_and_variants()
    {
        var neither = DendraProcess.Run("compare", DendraProcess.Script("variants.csx"));
        var both = DendraProcess.Run("compare", DendraProcess.Script("variants.csx"), "--pairing", "precision", "--variants", "a,b");
        foreach (var r in new[] { neither, both })
        {
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("give either --pairing", r.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Identical_trains_match_fully_and_have_distance_zero()
    {
        double[] a = [0.010, 0.025, 0.031, 0.100];
        Assert.Equal(4, SpikeTrainMetrics.Matched(a, a, 1e-3));
        Assert.Equal(0, SpikeTrainMetrics.VanRossum(a, a, 10e-3), 12);
        Assert.Equal(0, SpikeTrainMetrics.VanRossum([], [], 10e-3), 12);
    }

    [Fact]
    public void One_extra_spike_far_away_gives_distance_squared_one_half()
    {
        double[] a = [0.010, 0.050];
        double[] b = [0.010, 0.050, 5.0];
        var d = SpikeTrainMetrics.VanRossum(a, b, 10e-3);
        Assert.Equal(0.5, d * d, 9);
        Assert.Equal(0.5, Math.Pow(SpikeTrainMetrics.VanRossum([], [1.0], 10e-3), 2), 12);
    }

    [Fact]
    public void Two_single_spikes_apart_give_the_closed_form_distance()
    {
        // D² = 1 - exp(-|Δ|/τ) for one spike each, Δ apart.
        double tau = 10e-3, delta = 3e-3;
        var d = SpikeTrainMetrics.VanRossum([0.020], [0.020 + delta], tau);
        Assert.Equal(1 - Math.Exp(-delta / tau), d * d, 12);
        // And the O(n) kernel sum equals the direct double sum.
        double[] x = [0.001, 0.004, 0.004, 0.020, 0.021], y = [0.002, 0.004, 0.030];
        double direct = x.Sum(p => y.Sum(q => Math.Exp(-Math.Abs(p - q) / tau)));
        Assert.Equal(direct, SpikeTrainMetrics.Kernel(x, y, tau), 12);
        double self = x.Sum(p => x.Sum(q => Math.Exp(-Math.Abs(p - q) / tau)));
        Assert.Equal(self, SpikeTrainMetrics.Kernel(x, x, tau), 12);
    }

    [Fact]
    public void A_run_compared_with_itself_agrees_fully()
    {
        var net = new Dendra.Simulator.Graph.Network(dt: 1e-4);
        var cells = net.AddPopulation("cells", 5, Dendra.Neurons.Lif.CurrentBased());
        net.Inject(cells, "I_ext", Dendra.Simulator.Inputs.CurrentSource.Constant(500e-12));
        var spikes = net.MonitorSpikes(cells);
        var state = net.MonitorState(cells, "v", [0, 1]);
        net.Run(0.1);
        var recorded = new RecordedPopulation("cells", 5, spikes, state);

        var c = Comparison.ComparePopulation(recorded, recorded, "self", 0.1, 0.1, 1e-3);
        Assert.True(c.ReferenceSpikes > 0);
        Assert.Equal(1, c.MatchedOfReference);
        Assert.Equal(1, c.MatchedOfVariant);
        Assert.Equal(0, c.VanRossum, 12);
        Assert.Equal(0, c.StateRms);
        Assert.Equal(0, c.RelativeRateDifference);
    }

    [Fact]
    public void Matching_is_one_to_one_within_the_tolerance()
    {
        double tol = 1e-3;
        // Two reference spikes near one other spike: only one can match.
        Assert.Equal(1, SpikeTrainMetrics.Matched([0.0100, 0.0105], [0.0102], tol));
        // Shifted by less than the tolerance: all match; by more: none.
        Assert.Equal(3, SpikeTrainMetrics.Matched([0.01, 0.02, 0.03], [0.0109, 0.0209, 0.0309], tol));
        Assert.Equal(0, SpikeTrainMetrics.Matched([0.01, 0.02, 0.03], [0.0120, 0.0220, 0.0320], tol));
        // Greedy in time order takes the earliest partner, leaving the later one for the next spike.
        Assert.Equal(2, SpikeTrainMetrics.Matched([0.0100, 0.0112], [0.0104, 0.0118], tol));
        Assert.Equal(0, SpikeTrainMetrics.Matched([], [0.01], tol));
    }

    [Fact]
    public void Pairings_have_a_reference_and_distinct_variant_names()
    {
        foreach (var pairing in ComparisonPairings.All)
        {
            Assert.True(pairing.Variants.Count >= 2);
            Assert.Equal(pairing.Variants.Count, pairing.Variants.Select(v => v.Name).Distinct().Count());
        }
        Assert.Same(ComparisonPairings.Precision, ComparisonPairings.Find("PRECISION"));
        Assert.Null(ComparisonPairings.Find("nope"));
    }
}

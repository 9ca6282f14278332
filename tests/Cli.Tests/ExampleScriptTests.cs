using SkiaSharp;

namespace Dendra.Cli.Tests;

/// <summary>Every script in examples/ runs as `dendra run` and prints its summary table.</summary>
public class ExampleScriptTests
{
    private static List<string> ExampleNames() =>
        Directory.GetFiles(Path.Combine(DendraProcess.RepositoryRoot, "examples"), "*.csx").Select(f => Path.GetFileName(f)).Order().ToList();

    /// <summary>Examples that train a network in a loop of their own and print what it learned instead of a run summary;
    /// each has its own test below.</summary>
    private static readonly HashSet<string> TrainingExamples = ["oja.csx", "mnist-logistic.csx", "mnist-pca.csx", "krotov-hopfield.csx"];

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var name in ExampleNames().Where(n => !TrainingExamples.Contains(n))) data.Add(name);
        return data;
    }

    [Fact]
    public void The_oja_example_finds_the_principal_eigenvector_with_unit_length()
    {
        var script = Path.Combine(DendraProcess.RepositoryRoot, "examples", "oja.csx");
        var r = DendraProcess.Run("run", script, "--set", "epochs=100", "-q");
        Assert.True(r.ExitCode == 0, r.ToString());
        var cos = double.Parse(System.Text.RegularExpressions.Regex.Match(r.StdOut, @"(?m)^cos = ([0-9.]+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var length = double.Parse(System.Text.RegularExpressions.Regex.Match(r.StdOut, @"(?m)^\|w\| = ([0-9.]+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(cos >= 0.999, r.StdOut);
        Assert.InRange(length, 0.99, 1.01);
    }

    [SkippableFact]
    public void The_mnist_logistic_example_reaches_a_linear_classifiers_test_accuracy()
    {
        MnistFiles.Require();
        var script = Path.Combine(DendraProcess.RepositoryRoot, "examples", "mnist-logistic.csx");
        var r = DendraProcess.Run("run", script, "-q");
        Assert.True(r.ExitCode == 0, r.ToString());
        // Four settings tried on the validation split, the chosen one named, then one measurement on the test set.
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(r.StdOut, @"(?m)^step size .*: validation accuracy = [0-9.]+%$").Count);
        Assert.Matches(@"(?m)^chosen: step size ", r.StdOut);
        var accuracy = double.Parse(System.Text.RegularExpressions.Regex.Match(r.StdOut, @"(?m)^test accuracy = ([0-9.]+)%$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 91.5, r.StdOut);
        Assert.Matches(@"(?m)^time = [0-9.]+ s$", r.StdOut);
    }

    [SkippableFact]
    public void The_mnist_pca_example_finds_the_first_principal_component_and_draws_it()
    {
        MnistFiles.Require();
        var script = Path.Combine(DendraProcess.RepositoryRoot, "examples", "mnist-pca.csx");
        var work = Directory.CreateTempSubdirectory("dendra-mnist-pca-");
        try
        {
            var r = DendraProcess.RunIn(work.FullName, "run", script, "--set", "epochs=1", "-q");
            Assert.True(r.ExitCode == 0, r.ToString());
            double Number(string pattern) => double.Parse(System.Text.RegularExpressions.Regex.Match(r.StdOut, pattern).Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Number(@"(?m)^cos = ([0-9.]+)$") >= 0.99, r.StdOut);
            Assert.InRange(Number(@"(?m)^\|w\| = ([0-9.]+)$"), 0.99, 1.01);
            Assert.Matches(@"(?m)^time = [0-9.]+ s$", r.StdOut);
            // 28×28 pixels drawn 10×10 each: the first component of MNIST has weights of both signs (red and blue), and the
            // corners, which no digit reaches, are white.
            using var image = SKBitmap.Decode(Path.Combine(work.FullName, "mnist-pca.png"));
            Assert.Equal((280, 280), (image.Width, image.Height));
            var pixels = Enumerable.Range(0, 28 * 28).Select(k => image.GetPixel(k % 28 * 10 + 5, k / 28 * 10 + 5)).ToArray();
            Assert.Contains(pixels, c => c.Red == 255 && c.Blue < 128);
            Assert.Contains(pixels, c => c.Blue == 255 && c.Red < 128);
            Assert.Equal(new SKColor(255, 255, 255), image.GetPixel(5, 5));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void The_krotov_hopfield_example_reports_each_epoch_and_writes_the_mosaic()
    {
        MnistFiles.Require();
        var script = Path.Combine(DendraProcess.RepositoryRoot, "examples", "krotov-hopfield.csx");
        var work = Directory.CreateTempSubdirectory("dendra-example-");
        try
        {
            // Few images, so a larger ε than the demonstration's for the units to learn something in two epochs.
            var r = DendraProcess.RunIn(work.FullName, "run", script, "--set", "epochs=2", "--set", "samples=6000", "--set", "hidden=16",
                "--set", "eps=0.2", "--set", "readoutEpochs=2", "-q");
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(r.StdOut, @"(?m)^epoch [12]: [0-9.]+ s, [0-9]+ samples/s$").Count);
            // Even 16 units learned from 12,000 presentations carry the digits far above chance (10%) through the paper's readout
            // (about 75% here; untrained random units give about 30%).
            var accuracy = double.Parse(System.Text.RegularExpressions.Regex.Match(r.StdOut, @"(?m)^test accuracy = ([0-9.]+)%$").Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(accuracy > 55, r.StdOut);
            using var mosaic = SKBitmap.Decode(Path.Combine(work.FullName, "krotov-hopfield.png"));
            Assert.Equal(4 * (28 * 3 + 1) + 1, mosaic.Width); // 16 tiles of 28 × 28 at 3 pixels each, 4 × 4
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void The_krotov_hopfield_full_dynamics_calibrate_the_inhibition_and_report_the_active_fraction()
    {
        MnistFiles.Require();
        var script = Path.Combine(DendraProcess.RepositoryRoot, "examples", "krotov-hopfield.csx");
        var work = Directory.CreateTempSubdirectory("dendra-example-");
        try
        {
            var r = DendraProcess.RunIn(work.FullName, "run", script, "--variant", "full", "--set", "epochs=1", "--set", "samples=1000",
                "--set", "hidden=20", "--set", "readout=false", "-q");
            Assert.True(r.ExitCode == 0, r.ToString());
            // The calibration hits its target fraction of active units (10%) on its minibatch, and training stays near it.
            var calibrated = System.Text.RegularExpressions.Regex.Match(r.StdOut, @"(?m)^calibrated: w_inh = [0-9.e+-]+ \(([0-9.]+)% of units active\), h\* = [0-9.e+-]+$");
            Assert.True(calibrated.Success, r.StdOut);
            Assert.InRange(double.Parse(calibrated.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 5, 15);
            var active = System.Text.RegularExpressions.Regex.Match(r.StdOut, @"(?m)^  full dynamics: ([0-9.]+)% of units active, winner = largest current in ([0-9.]+)% of images, ([0-9.]+)% settled$");
            Assert.True(active.Success, r.StdOut);
            Assert.InRange(double.Parse(active.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 2, 25);
            Assert.Equal("100.0", active.Groups[3].Value); // τ = 10 ms settles well within the longest settle (300 ms)
            Assert.True(File.Exists(Path.Combine(work.FullName, "krotov-hopfield.png")));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void The_krotov_hopfield_example_stops_on_bad_input_and_on_a_divergence_with_a_message_naming_it()
    {
        MnistFiles.Require();
        var script = Path.Combine(DendraProcess.RepositoryRoot, "examples", "krotov-hopfield.csx");
        var work = Directory.CreateTempSubdirectory("dendra-example-");
        try
        {
            string[] tiny = ["--set", "epochs=1", "--set", "samples=200", "--set", "hidden=10", "--set", "readout=false", "-q"];
            var badP = DendraProcess.RunIn(work.FullName, ["run", script, "--set", "p=0.5", .. tiny]);
            Assert.NotEqual(0, badP.ExitCode);
            Assert.Contains("p must be a finite number ≥ 1 (the Lp norm of the weights), not 0.5", badP.StdErr);
            var badBatch = DendraProcess.RunIn(work.FullName, ["run", script, "--set", "batch=300", .. tiny]);
            Assert.NotEqual(0, badBatch.ExitCode);
            Assert.Contains("a minibatch of 300 samples is larger than the training set (200 samples)", badBatch.StdErr);
            // w_inh = 1e300 is infinite in float32: the first step of the settling makes h NaN.
            var diverged = DendraProcess.RunIn(work.FullName, ["run", script, "--variant", "full", "--set", "inhibition=1e300", .. tiny]);
            Assert.NotEqual(0, diverged.ExitCode);
            Assert.Matches(@"Population 'hidden', instance \d+, neuron \d+: variable 'h' became NaN at t = [0-9.]+ ms", diverged.StdErr);
            foreach (var r in new[] { badP, badBatch, diverged }) Assert.DoesNotContain("   at ", r.All);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public void The_krotov_hopfield_variants_are_compared_from_the_same_weights_and_order()
    {
        MnistFiles.Require();
        var script = Path.Combine(DendraProcess.RepositoryRoot, "examples", "krotov-hopfield.csx");
        var work = Directory.CreateTempSubdirectory("dendra-example-");
        try
        {
            var r = DendraProcess.RunIn(work.FullName, "compare", script, "--variants", "full,fast", "--set", "epochs=1", "--set", "samples=300",
                "--set", "hidden=10", "--set", "readout=false", "--out", Path.Combine(work.FullName, "compared"));
            Assert.True(r.ExitCode == 0, r.ToString());
            var report = File.ReadAllText(Path.Combine(work.FullName, "compared", "report.md"));
            Assert.Contains("| full | krotov-hopfield full |", report, StringComparison.Ordinal);
            // Three small steps from the same initial weights: every unit of the rank rule still matches its full-dynamics twin.
            var fast = System.Text.RegularExpressions.Regex.Match(report, @"(?m)^\| fast \| krotov-hopfield fast \| [^|]+ \| [0-9.]+ \| [^|]+ \| ([0-9.]+) \|");
            Assert.True(fast.Success, report);
            Assert.True(double.Parse(fast.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0.99, report);
            Assert.Contains("What was learned, the weights less the shared start, compared the same way", report, StringComparison.Ordinal);
            // The full dynamics' observations over training, as lines and as plots; the two mosaics side by side.
            var agreement = System.Text.RegularExpressions.Regex.Match(report, @"(?m)^- full: 1: ([0-9.]+)$");
            Assert.Contains("Winner agreement, the mean over each epoch's minibatches", report, StringComparison.Ordinal);
            Assert.True(agreement.Success, report);
            Assert.InRange(double.Parse(agreement.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 1);
            foreach (var figure in new[] { "receptive-fields.png", "learned-fields.png", "winner-agreement.png", "active-fraction.png" })
            {
                Assert.True(File.Exists(Path.Combine(work.FullName, "compared", figure)), $"{figure} missing: {report}");
                Assert.Contains($"]({figure})", report, StringComparison.Ordinal);
            }
            Assert.False(File.Exists(Path.Combine(work.FullName, "compared", "learning-curves.png"))); // readout off: no metric to draw
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>What an example that runs on an OpenCL device says in its opening comment.</summary>
    private const string NeedsOpenCl = "// Needs an OpenCL device";

    [SkippableTheory]
    [MemberData(nameof(Examples))]
    public void Example_runs_and_prints_its_summary(string example)
    {
        var script = Path.Combine(DendraProcess.RepositoryRoot, "examples", example);
        if (File.ReadLines(script).Any(line => line.StartsWith(NeedsOpenCl, StringComparison.Ordinal))) OpenClDriver.Require();
        // A scratch working directory: examples that write plots write them there.
        var work = Directory.CreateTempSubdirectory("dendra-example-");
        try
        {
            var r = DendraProcess.RunIn(work.FullName, "run", script, "--duration", "50ms", "-q");
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.Matches(@"(?m)^population\s+neurons\s+spikes\s+mean rate \(Hz\)\s*$", r.StdOut);
            Assert.Matches(@"(?m)^simulated 50 ms \(\d+ steps of", r.StdOut);
            Assert.DoesNotContain("   at ", r.All);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [SkippableTheory]
    [InlineData("cpu")]
    [InlineData("opencl")]
    public void The_minibatch_example_runs_every_instance_and_recalls_each_pattern(string backend)
    {
        if (backend == "opencl") OpenClDriver.Require();
        var script = Path.Combine(DendraProcess.RepositoryRoot, "examples", "minibatch.csx");
        var r = DendraProcess.Run("run", script, "--set", "batch=30", "--backend", backend, "-q");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("(500 steps of 0.1 ms) in each of 30 instances", r.StdOut);
        // Noisy prototypes (a sixth of the pixels flipped) stay closest to their own prototype, and with strong
        // lateral inhibition the unit left on top is the one with the largest input current.
        Assert.Contains("30 instances: the full dynamics' top unit is the pattern's prototype in 30, the rank shortcut's top unit in 30", r.StdOut);
    }

    [Fact]
    public void All_four_benchmark_networks_and_the_first_script_are_covered()
    {
        var names = ExampleNames();
        Assert.Contains("cuba.csx", names);
        Assert.Contains("coba.csx", names);
        Assert.Contains("cobahh.csx", names);
        Assert.Contains("izhikevich.csx", names);
        Assert.Contains("first-raster.csx", names);
    }
}

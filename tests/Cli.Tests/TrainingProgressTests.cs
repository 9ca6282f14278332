using Dendra.Cli.Reporting;
using Dendra.Learning.Training;

namespace Dendra.Cli.Tests;

/// <summary>The CLI's training progress: a live bar on a terminal, plain lines elsewhere, nothing when quiet.</summary>
public sealed class TrainingProgressTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static IEnumerable<TrainingProgress> Run() =>
    [
        new(0, 2, 10, 20, 100, 0.3, null, double.NaN),
        new(1, 2, 0, 20, 100, 0.2, "accuracy", 0.75),
        new(2, 2, 0, 20, 100, 0, "accuracy", 0.875),
    ];

    [Fact]
    public void On_a_terminal_the_bar_shows_epoch_samples_rate_ETA_and_the_latest_metric_on_one_line_of_80_and_ends_with_the_run()
    {
        var error = new StringWriter();
        var reporter = new RunReporter(new StringWriter(), error, quiet: false, outputIsTerminal: true, errorIsTerminal: true, NoEnvironment);
        var report = reporter.TrainingProgress();
        foreach (var p in Run())
        {
            report(p);
            Thread.Sleep(150); // the bar polls every 100 ms
        }
        string text = error.ToString();
        Assert.Contains("\u001b[", text, StringComparison.Ordinal); // drawn with escape codes: a live bar
        Assert.True(text.Contains("epoch 2/2  20/20  100/s  ETA 0:00  accuracy 0.875", StringComparison.Ordinal), text.Replace("\u001b", "ESC", StringComparison.Ordinal));
        Assert.Contains("100%", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Elsewhere_progress_is_plain_lines_and_quiet_is_silent()
    {
        var error = new StringWriter();
        var plain = new RunReporter(new StringWriter(), error, quiet: false, isTerminal: false).TrainingProgress();
        foreach (var p in Run()) plain(p);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The first report, then one at each epoch's end (the lines in between wait two seconds).
        Assert.Equal(["epoch 1/2  10/20 samples  100 samples/s  ETA 0:00", "epoch 1/2  20/20 samples  100 samples/s  ETA 0:00  accuracy 0.75",
            "epoch 2/2  20/20 samples  100 samples/s  ETA 0:00  accuracy 0.875"], lines.Select(l => l.TrimEnd('\r')));

        var quietError = new StringWriter();
        var quiet = new RunReporter(new StringWriter(), quietError, quiet: true, isTerminal: false).TrainingProgress();
        foreach (var p in Run()) quiet(p);
        Assert.Equal("", quietError.ToString());
    }
}

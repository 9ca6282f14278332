using System.Text.RegularExpressions;
using Dendra.Cli.Reporting;
using Dendra.Simulator.Graph;

namespace Dendra.Cli.Tests;

public sealed class ReportingTests
{
    private static readonly RunSummary Summary = new(
        SimulatedSeconds: 0.2,
        Steps: 2000,
        Dt: 1e-4,
        BuildWallSeconds: 0.5,
        RunWallSeconds: 0.25,
        Populations:
        [
            new PopulationSummary("exc", 3200, 4800, 7.5),
            new PopulationSummary("inhibitory", 800, 1234, 7.7125),
            new PopulationSummary("silent", 2, 0, null),
        ])
    {
        Threads = 4,
        Precision = Precision.Double,
    };

    private static readonly string[] PlainSummaryLines =
    [
        "",
        "simulated 200 ms (2000 steps of 0.1 ms)",
        "population  neurons  spikes  mean rate (Hz)",
        "----------  -------  ------  --------------",
        "exc            3200    4800            7.50",
        "inhibitory      800    1234            7.71",
        "silent            2       0             n/a",
        "wall time 0.750 s (build 0.500 s, run 0.250 s, 0.80× real time)",
    ];

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static string[] Lines(StringWriter writer)
    {
        var lines = writer.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        return lines.Length > 0 && lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    private static void FeedRun(RunReporter reporter, long steps, double dt)
    {
        reporter.RunStarting(steps * dt, steps, dt);
        for (long done = steps / 100; done <= steps; done += steps / 100)
            reporter.Progress(new RunProgress(done, steps, done * dt, done * 3));
    }

    [Fact]
    public void Plain_progress_is_a_line_about_every_ten_percent_and_the_summary_is_the_aligned_table()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var reporter = new RunReporter(output, error, quiet: false, isTerminal: false);

        Assert.False(reporter.LiveProgress);
        Assert.False(reporter.RichSummary);
        FeedRun(reporter, 2000, 1e-4);
        reporter.RunFinished(Summary);

        var err = Lines(error);
        Assert.Equal("running 200 ms (2000 steps of 0.1 ms)", err[0]);
        Assert.Equal(11, err.Length);
        for (int i = 1; i <= 10; i++)
        {
            var m = Regex.Match(err[i], @"^\s+(\d+)%  t = (.+), (\d+) spikes, [0-9]+\.[0-9] s(, [0-9.]+× real time(, ETA [0-9]+\.[0-9] s)?)?$");
            Assert.True(m.Success, err[i]);
            Assert.Equal($"{i * 10}", m.Groups[1].Value);
            Assert.Equal($"{i * 200 * 3}", m.Groups[3].Value);
        }
        Assert.StartsWith("   50%  t = 100 ms, 3000 spikes, ", err[5], StringComparison.Ordinal);
        Assert.DoesNotContain("ETA", err[10], StringComparison.Ordinal); // nothing left at 100%
        Assert.Equal(PlainSummaryLines, Lines(output));
    }

    [Fact]
    public void Quiet_prints_no_progress_but_still_the_summary()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var reporter = new RunReporter(output, error, quiet: true, isTerminal: false);

        reporter.ScriptCompiled("net.csx", TimeSpan.FromSeconds(1));
        FeedRun(reporter, 1000, 1e-4);
        reporter.RunFinished(Summary);

        Assert.Equal("", error.ToString());
        Assert.Equal(PlainSummaryLines, Lines(output));
    }

    [Fact]
    public void Quiet_on_a_terminal_has_no_live_progress()
    {
        var reporter = new RunReporter(new StringWriter(), new StringWriter(), quiet: true, outputIsTerminal: true, errorIsTerminal: true, Env());

        Assert.False(reporter.LiveProgress);
        Assert.True(reporter.RichSummary);
    }

    [Theory]
    [InlineData("CI", "true")]
    [InlineData("CI", "TRUE")]
    [InlineData("CI", "1")]
    [InlineData("TERM", "dumb")]
    public void CI_or_a_dumb_terminal_picks_the_plain_form_even_on_a_terminal(string name, string value)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var reporter = new RunReporter(output, error, quiet: false, outputIsTerminal: true, errorIsTerminal: true, Env((name, value)));

        Assert.False(reporter.LiveProgress);
        Assert.False(reporter.RichSummary);
        FeedRun(reporter, 1000, 1e-4);
        reporter.RunFinished(Summary);

        Assert.Equal(11, Lines(error).Length);
        Assert.Contains("100%  t = 100 ms, 3000 spikes, ", Lines(error)[^1], StringComparison.Ordinal);
        Assert.Equal(PlainSummaryLines, Lines(output));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("0")]
    public void A_terminal_outside_CI_gets_the_live_bar_and_the_rich_table(string? ci)
    {
        var env = ci is null ? Env() : Env(("CI", ci));
        var reporter = new RunReporter(new StringWriter(), new StringWriter(), quiet: false, outputIsTerminal: true, errorIsTerminal: true, env);

        Assert.True(reporter.LiveProgress);
        Assert.True(reporter.RichSummary);
    }

    [Fact]
    public void Redirected_output_only_affects_its_own_half()
    {
        var toFile = new RunReporter(new StringWriter(), new StringWriter(), quiet: false, outputIsTerminal: false, errorIsTerminal: true, Env());
        Assert.True(toFile.LiveProgress);
        Assert.False(toFile.RichSummary);

        var errToFile = new RunReporter(new StringWriter(), new StringWriter(), quiet: false, outputIsTerminal: true, errorIsTerminal: false, Env());
        Assert.False(errToFile.LiveProgress);
        Assert.True(errToFile.RichSummary);
    }

    [Fact]
    public void Writers_that_are_not_the_console_are_not_terminals()
    {
        Assert.False(RunReporter.IsConsoleTerminal(new StringWriter()));
    }

    [Fact]
    public void The_rich_summary_is_a_table_with_the_run_facts()
    {
        var output = new StringWriter();
        var reporter = new RunReporter(output, new StringWriter(), quiet: true, outputIsTerminal: true, errorIsTerminal: false, Env());

        reporter.RunFinished(Summary);

        // Spectre may colour it (it reads TERM); the test looks at the text only.
        var text = Regex.Replace(output.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", "");
        Assert.Contains("simulated 200 ms (2000 steps of 0.1 ms)", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\W+population\W+neurons\W+spikes\W+mean rate \(Hz\)\W+$", text);
        Assert.Matches(@"(?m)^\W+exc\W+3,200\W+4,800\W+7\.50\W+$", text);
        Assert.Matches(@"(?m)^\W+inhibitory\W+800\W+1,234\W+7\.71\W+$", text);
        Assert.Matches(@"(?m)^\W+silent\W+2\W+0\W+n/a\W+$", text);
        Assert.Matches(@"(?m)^wall time\s+0\.750 s\s*$", text);
        Assert.Matches(@"(?m)^build\s+0\.500 s\s*$", text);
        Assert.Matches(@"(?m)^run\s+0\.250 s \(0\.80× real time\)\s*$", text);
        Assert.Matches(@"(?m)^backend\s+cpu\s*$", text);
        Assert.Matches(@"(?m)^threads\s+4\s*$", text);
        Assert.Matches(@"(?m)^precision\s+double\s*$", text);
    }

    [Fact]
    public void The_live_status_shows_time_speed_spike_rate_and_eta()
    {
        var status = LiveRunProgress.Status(stepsDone: 5000, stepsTotal: 20000, dt: 1e-4, spikes: 30000, elapsed: TimeSpan.FromSeconds(0.25));
        Assert.Equal("0.50 s / 2 s  2.00× real time  120.0k spikes/s  ETA 1s", status);

        var done = LiveRunProgress.Status(stepsDone: 20000, stepsTotal: 20000, dt: 1e-4, spikes: 5_000_000, elapsed: TimeSpan.FromSeconds(4));
        Assert.Equal("2.00 s / 2 s  0.50× real time  1.25M spikes/s", done);

        Assert.Equal("0.00 s / 2 s", LiveRunProgress.Status(0, 20000, 1e-4, 0, TimeSpan.Zero));
        Assert.Equal("50.0 ms / 200 ms  0.10× real time  0 spikes/s  ETA 2s", LiveRunProgress.Status(500, 2000, 1e-4, 0, TimeSpan.FromSeconds(0.5)));
    }

    [Fact]
    public void A_short_run_on_a_terminal_shows_no_bar_and_ends_cleanly()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var reporter = new RunReporter(output, error, quiet: false, outputIsTerminal: false, errorIsTerminal: true, Env());

        FeedRun(reporter, 1000, 1e-4);
        reporter.RunFinished(Summary);

        // Well under a second: only the "running" line, no bar and no plain progress lines.
        Assert.Equal(["running 100 ms (1000 steps of 0.1 ms)"], Lines(error));
        Assert.Equal(PlainSummaryLines, Lines(output));
    }

    [Fact]
    public void A_run_longer_than_a_second_on_a_terminal_draws_the_live_bar_to_its_end()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var reporter = new RunReporter(output, error, quiet: false, outputIsTerminal: false, errorIsTerminal: true, Env());

        reporter.RunStarting(3, 30000, 1e-4);
        for (long done = 300; done <= 30000; done += 300)
        {
            reporter.Progress(new RunProgress(done, 30000, done * 1e-4, done));
            Thread.Sleep(15);
        }
        reporter.RunFinished(Summary);

        var text = Regex.Replace(error.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", "");
        Assert.StartsWith("running 3 s (30000 steps of 0.1 ms)", text, StringComparison.Ordinal);
        Assert.Contains("100% 3.00 s / 3 s", text, StringComparison.Ordinal);
        Assert.DoesNotContain("  10%  t = ", text, StringComparison.Ordinal);
        Assert.Equal(PlainSummaryLines, Lines(output));
    }

    [Fact]
    public void An_error_during_a_run_ends_the_live_bar_before_it_is_written()
    {
        var error = new StringWriter();
        var reporter = new RunReporter(new StringWriter(), error, quiet: false, outputIsTerminal: false, errorIsTerminal: true, Env());

        reporter.RunStarting(2, 20000, 1e-4);
        for (long done = 200; done <= 10000; done += 200)
        {
            reporter.Progress(new RunProgress(done, 20000, done * 1e-4, done));
            Thread.Sleep(25);
        }
        new ErrorReporter(error).Warning("the run failed");
        var stopped = error.ToString();
        Thread.Sleep(300);

        // Nothing is drawn after the message: the bar was ended (at 50%) before it.
        Assert.Equal(stopped, error.ToString());
        var text = Regex.Replace(stopped, @"\x1b\[[0-9;?]*[A-Za-z]", "");
        Assert.Contains(" 50% 1.00 s / 2 s", text, StringComparison.Ordinal);
        Assert.EndsWith("warning: the run failed" + Environment.NewLine, text, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Dendra.Cli.Tests;

public sealed class CubaExampleTests
{
    private static readonly string Cuba = Path.Combine("examples", "cuba.csx");

    [Fact]
    public void Cuba_runs_and_prints_a_summary_per_population()
    {
        var r = DendraProcess.Run("run", Cuba, "--duration", "200ms");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("simulated 200 ms (2000 steps of 0.1 ms)", r.StdOut, StringComparison.Ordinal);
        var row = Regex.Match(r.StdOut, @"^P\s+4000\s+(\d+)\s+([0-9.]+)\s*$", RegexOptions.Multiline);
        Assert.True(row.Success, r.ToString());
        var spikes = long.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture);
        var rate = double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(spikes > 0, r.ToString());
        Assert.True(rate > 0, r.ToString());
        Assert.InRange(rate, 0.5, 100);
        Assert.Matches(@"wall time [0-9.]+ s \(build [0-9.]+ s, run [0-9.]+ s", r.StdOut);
        Assert.Matches(@"mean rate exc [0-9.]+ Hz, inh [0-9.]+ Hz", r.StdOut);
        // Progress goes to stderr.
        Assert.Contains("100%", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuba_with_the_same_seed_gives_the_same_spikes_and_params_reach_the_script()
    {
        string[] args = ["run", Cuba, "--duration", "50ms", "--seed", "5", "--set", "N=1000", "--set", "synapsesPerNeuron=80", "--quiet", "--threads", "1"];
        var a = DendraProcess.Run(args);
        var b = DendraProcess.Run(args);

        Assert.True(a.ExitCode == 0, a.ToString());
        Assert.True(b.ExitCode == 0, b.ToString());
        var row = Regex.Match(a.StdOut, @"^P\s+1000\s+(\d+)", RegexOptions.Multiline);
        Assert.True(row.Success, a.ToString());
        Assert.Contains("p = 0.08;", a.StdOut, StringComparison.Ordinal);
        Assert.Equal(row.Value, Regex.Match(b.StdOut, @"^P\s+1000\s+(\d+)", RegexOptions.Multiline).Value);
        Assert.DoesNotContain("%", a.StdErr, StringComparison.Ordinal);
    }
}

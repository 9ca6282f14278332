namespace Dendra.Cli.Tests;

public sealed class CommandLineTests
{
    private static readonly string Leaky = DendraProcess.Script("leaky.csx");

    [Fact]
    public void A_set_name_the_script_never_asks_for_is_an_error()
    {
        var r = DendraProcess.Run("run", Leaky, "--set", "tau=3ms", "--quiet");

        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the script has no parameter 'tau' (it asks for: tau_m, N)", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_value_of_the_wrong_type_is_a_usage_error()
    {
        var r = DendraProcess.Run("run", Leaky, "--set", "N=many", "--quiet");

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("--set N=many", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("integer", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_reach_the_network_and_args_the_script()
    {
        var r = DendraProcess.Run("run", Leaky, "--dt", "0.05ms", "--duration", "10ms", "--set", "N=7", "--precision", "double",
            "--seed", "3", "--threads", "1", "-q", "--", "a", "--b");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("simulated 10 ms (200 steps of 0.05 ms)", r.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^cells\s+7\s+\d+\s+[0-9.]+\s*$", r.StdOut);
        Assert.Contains("args: [a,--b] quiet: True", r.StdOut, StringComparison.Ordinal);
        Assert.Equal("", r.StdErr);
    }

    [Theory]
    [InlineData("--duration", "5 parsecs", "--duration")]
    [InlineData("--duration", "-1s", "--duration")]
    [InlineData("--dt", "0", "--dt")]
    [InlineData("--precision", "quad", "--precision")]
    [InlineData("--threads", "0", "--threads")]
    [InlineData("--seed", "-4", "--seed")]
    [InlineData("--set", "N", "--set")]
    public void Bad_option_values_are_usage_errors_that_name_the_option(string option, string value, string named)
    {
        var r = DendraProcess.Run("run", Leaky, option, value);

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains($"error: {named}", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_before_double_dash_is_not_passed_to_the_script()
    {
        var r = DendraProcess.Run("run", Leaky, "--durration", "1s");

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("unknown option '--durration'", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_shows_options_and_examples()
    {
        var r = DendraProcess.Run("run", "--help");

        Assert.True(r.ExitCode == 0, r.ToString());
        foreach (var option in new[] { "--duration", "--dt", "--seed", "--threads", "--precision", "--set", "--quiet", "Examples:", "dendra run examples/cuba.csx" })
            Assert.Contains(option, r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var r = DendraProcess.Run("--version");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", r.StdOut);
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        var r = DendraProcess.Run();

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("dendra --help", r.StdErr, StringComparison.Ordinal);
    }
}

namespace Dendra.Cli.Tests;

public sealed class ScriptErrorTests
{
    private static void AssertNoStackTrace(CliResult r)
    {
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", r.StdErr.Replace("IndexOutOfRangeException:", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_is_reported_as_file_line_col_with_exit_code_2()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("syntax_error.csx"));

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Matches(@"syntax_error\.csx:3:\d+: error CS\d{4}: ", r.StdErr);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void A_type_error_is_reported_with_exit_code_2()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("type_error.csx"));

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Matches(@"type_error\.csx:3:12: error CS0029: Cannot implicitly convert type 'string' to 'int'", r.StdErr);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void A_readout_of_a_population_with_no_monitored_variable_says_what_to_monitor_with_exit_code_1()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("readout_unmonitored.csx"));

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("readout_unmonitored.csx:6: error: a readout of population 'hidden' needs its activity, but no variable of 'hidden' is monitored: monitor one before running, e.g. net.MonitorState(hidden, \"r\", Enumerable.Range(0, 5))", r.StdErr, StringComparison.Ordinal);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void An_unknown_model_parameter_is_named_with_the_script_line_and_exit_code_1()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("unknown_model_parameter.csx"));

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("unknown_model_parameter.csx:7: error: ", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("'tau_x'", r.StdErr, StringComparison.Ordinal);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void A_bad_value_given_with_set_is_named_with_exit_code_1()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("leaky.csx"), "--set", "tau_m=-1");

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("'tau_m'", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("must be positive", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("--set tau_m=-1", r.StdErr, StringComparison.Ordinal);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void An_exception_in_the_script_itself_gives_its_line_and_exit_code_1()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("script_exception.csx"));

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("script_exception.csx:4: error: IndexOutOfRangeException", r.StdErr, StringComparison.Ordinal);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void A_missing_script_file_gives_exit_code_2()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("does_not_exist.csx"));

        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("script file not found", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("does_not_exist.csx", r.StdErr, StringComparison.Ordinal);
        AssertNoStackTrace(r);
    }
}

public sealed class RunGlobalTests
{
    [Fact]
    public void Network_options_without_a_Run_call_give_a_warning()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("no_run.csx"), "--duration", "1s", "--seed", "2");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("ran to t = 1 ms", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("warning: --duration, --seed had no effect", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Network_options_for_a_network_built_before_Run_are_an_error()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("built_before_run.csx"), "--dt", "0.05ms");

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("built_before_run.csx:6: error: --dt cannot be applied", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_network_built_before_Run_still_runs_without_network_options()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("built_before_run.csx"), "-q");

        Assert.True(r.ExitCode == 0, r.ToString());
        // Spikes are counted by the population itself, so the summary is complete even without a monitor.
        Assert.Matches(@"(?m)^P\s+2\s+0\s+0\.00\s*$", r.StdOut);
    }
}

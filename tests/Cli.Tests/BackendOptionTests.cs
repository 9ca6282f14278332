namespace Dendra.Cli.Tests;

/// <summary><c>dendra run --backend cpu|opencl|auto --device N</c>, with PoCL and with an ICD loader that finds no driver.</summary>
public class BackendOptionTests
{
    [SkippableFact]
    public void Opencl_runs_on_the_chosen_device_and_the_summary_names_it()
    {
        OpenClDriver.RequirePocl();
        var r = DendraProcess.Run("run", DendraProcess.Script("large_population.csx"), "--backend", "opencl", "--device", "0", "--duration", "1ms", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("opencl: ", r.StdOut);
        Assert.Contains("Portable Computing Language", r.StdOut);
    }

    [Fact]
    public void Auto_without_a_driver_runs_on_the_cpu_and_says_so_in_one_line()
    {
        var r = NoOpenClDriver.Run("run", DendraProcess.Script("large_population.csx"), "--backend", "auto", "--duration", "1ms", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var notes = r.StdErr.Split('\n').Where(l => l.Contains("backend auto", StringComparison.Ordinal)).ToList();
        Assert.Single(notes);
        Assert.Contains("runs on the CPU", notes[0]);
        Assert.Contains("pocl-opencl-icd", notes[0]);
        Assert.DoesNotContain("opencl:", r.StdOut);
    }

    [Fact]
    public void Opencl_without_a_driver_fails_naming_the_missing_driver_and_its_packages()
    {
        var r = NoOpenClDriver.Run("run", DendraProcess.Script("large_population.csx"), "--backend", "opencl", "--duration", "1ms", "--quiet");
        NoOpenClDriver.AssertReported(r);
    }

    [Fact]
    public void An_unknown_backend_is_a_usage_error()
    {
        var r = DendraProcess.Run("run", DendraProcess.Script("large_population.csx"), "--backend", "cuda");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--backend: 'cuda' is not a backend; use cpu, opencl or auto", r.StdErr);
    }
}

using System.Diagnostics;

namespace Dendra.Cli.Tests;

/// <summary>The compiled-script cache: each test has its own cache directory (DENDRA_CACHE_DIR) and verbose cache logging.</summary>
public sealed class ScriptCacheTests : IDisposable
{
    private const string Script = """
        var model = new NeuronModel("M", "dv/dt = -v/tau").WithParameter("tau", 10 * ms);
        var net = new Network();
        net.AddPopulation("P", 2, model);
        net.Run(1 * ms);
        Console.WriteLine($"answer {Param("x", 1)}");
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "dendra-cache-tests-" + Guid.NewGuid().ToString("N"));

    public ScriptCacheTests() => Directory.CreateDirectory(_root);

    private string CacheDir => Path.Combine(_root, "cache");

    private string[] Entries() => Directory.Exists(CacheDir) ? Directory.GetFiles(CacheDir, "*.dscache") : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string WriteScript(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs dendra like <see cref="DendraProcess.Run"/>, with this test's cache directory and verbose cache logging.</summary>
    private CliResult Run(bool cache = true, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = DendraProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) start.FileName = host;
        start.ArgumentList.Add(DendraProcess.CliPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DENDRA_STACKTRACE");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DENDRA_CACHE_DIR"] = CacheDir;
        start.Environment["DENDRA_CACHE_VERBOSE"] = "1";
        if (cache) start.Environment.Remove("DENDRA_NO_CACHE");
        else start.Environment["DENDRA_NO_CACHE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dendra {string.Join(' ', args)} did not finish");
        }
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    [Fact]
    public void The_second_run_of_an_unchanged_script_uses_the_cache()
    {
        var script = WriteScript("net.csx", Script);

        var first = Run(true, "run", script, "--set", "x=7");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("script cache: miss", first.StdErr, StringComparison.Ordinal);
        Assert.Contains("script cache: stored", first.StdErr, StringComparison.Ordinal);
        Assert.Contains("answer 7", first.StdOut, StringComparison.Ordinal);
        Assert.Single(Entries());

        var second = Run(true, "run", script, "--set", "x=8");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("script cache: hit", second.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("script cache: stored", second.StdErr, StringComparison.Ordinal);
        Assert.Contains("answer 8", second.StdOut, StringComparison.Ordinal);
        Assert.Single(Entries());
    }

    [Fact]
    public void A_changed_script_is_compiled_again()
    {
        var script = WriteScript("net.csx", Script);
        Assert.True(Run(true, "run", script).ExitCode == 0);

        File.WriteAllText(script, Script.Replace("answer", "changed", StringComparison.Ordinal));
        var r = Run(true, "run", script);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("script cache: miss", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("changed 1", r.StdOut, StringComparison.Ordinal);
        Assert.Equal(2, Entries().Length);
    }

    [Fact]
    public void A_corrupt_cache_entry_is_discarded_and_the_script_compiled_again()
    {
        var script = WriteScript("net.csx", Script);
        Assert.True(Run(true, "run", script).ExitCode == 0);
        var entry = Assert.Single(Entries());

        var bytes = File.ReadAllBytes(entry);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(entry, bytes);
        var r = Run(true, "run", script);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("script cache: discarding", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("script cache: stored", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("answer 1", r.StdOut, StringComparison.Ordinal);

        File.WriteAllText(entry, "not a cache entry");
        r = Run(true, "run", script);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("script cache: discarding", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("answer 1", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("script cache: hit", Run(true, "run", script).StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_in_a_cached_script_still_gives_its_line()
    {
        for (var i = 0; i < 2; i++)
        {
            var r = Run(true, "run", DendraProcess.Script("script_exception.csx"));

            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains(i == 0 ? "script cache: stored" : "script cache: hit", r.StdErr, StringComparison.Ordinal);
            Assert.Contains("script_exception.csx:4: error: IndexOutOfRangeException", r.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compile_errors_are_reported_every_time_and_never_cached()
    {
        for (var i = 0; i < 2; i++)
        {
            var r = Run(true, "run", DendraProcess.Script("type_error.csx"));

            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Matches(@"type_error\.csx:3:12: error CS0029: ", r.StdErr);
            Assert.DoesNotContain("script cache: stored", r.StdErr, StringComparison.Ordinal);
        }
        Assert.Empty(Entries());
    }

    [Fact]
    public void DENDRA_NO_CACHE_turns_the_cache_off()
    {
        var script = WriteScript("net.csx", Script);
        for (var i = 0; i < 2; i++)
        {
            var r = Run(false, "run", script);
            Assert.True(r.ExitCode == 0, r.ToString());
            Assert.DoesNotContain("script cache:", r.StdErr, StringComparison.Ordinal);
        }
        Assert.Empty(Entries());
    }
}

using System.Diagnostics;
using System.Reflection;

namespace Dendra.Cli.Tests;

/// <summary>What one run of the dendra command gave.</summary>
internal sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public string All => StdOut + StdErr;

    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

/// <summary>Runs the built dendra.dll as a separate process, the way a user runs it.</summary>
internal static class DendraProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly string TestCacheDirectory = Path.Combine(Path.GetTempPath(), $"dendra-test-cache-{Environment.ProcessId}");

    /// <summary>The repository root (where Dendra.sln is).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Full path of dendra.dll.</summary>
    public static string CliPath { get; } = FindCli();

    /// <summary>Path of a test script in tests/Cli.Tests/Scripts, relative to the repository root.</summary>
    public static string Script(string name) => Path.Combine("tests", "Cli.Tests", "Scripts", name);

    /// <summary>Runs <c>dotnet dendra.dll args...</c> in the repository root.</summary>
    public static CliResult Run(params string[] args) => RunIn(RepositoryRoot, args);

    /// <summary>Runs <c>dotnet dendra.dll args...</c> in <paramref name="workingDirectory"/>.</summary>
    public static CliResult RunIn(string workingDirectory, params string[] args) => RunWith(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs <c>dotnet dendra.dll args...</c> in <paramref name="workingDirectory"/> with extra environment variables.</summary>
    public static CliResult RunWith(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("DENDRA_STACKTRACE");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Compiled scripts are cached in a folder of the test run's own, not the user's cache.
        start.Environment["DENDRA_CACHE_DIR"] = TestCacheDirectory;
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dendra {string.Join(' ', args)} did not finish in {Timeout}");
        }
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string DotnetHost()
    {
        // Set by the dotnet CLI for the processes it starts (dotnet test); else the host running these tests.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
        return "dotnet";
    }

    private static string? Metadata(string key) =>
        typeof(DendraProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindRepositoryRoot()
    {
        var fromBuild = Metadata("RepositoryRoot");
        if (!string.IsNullOrEmpty(fromBuild) && File.Exists(Path.Combine(fromBuild, "Dendra.sln"))) return fromBuild;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dendra.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"cannot find the repository root (Dendra.sln) above {AppContext.BaseDirectory}");
    }

    private static string FindCli()
    {
        // 1. DENDRA_CLI_DLL, to test another build. 2. The path the build of this project recorded.
        // 3. The newest src/Cli/bin/*/net*/dendra.dll.
        var fromEnv = Environment.GetEnvironmentVariable("DENDRA_CLI_DLL");
        if (!string.IsNullOrEmpty(fromEnv)) return File.Exists(fromEnv) ? fromEnv : throw new FileNotFoundException($"DENDRA_CLI_DLL={fromEnv} does not exist");
        var fromBuild = Metadata("DendraCliPath");
        if (!string.IsNullOrEmpty(fromBuild) && File.Exists(fromBuild)) return fromBuild;
        var bin = Path.Combine(RepositoryRoot, "src", "Cli", "bin");
        var found = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, "dendra.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return found ?? throw new FileNotFoundException($"dendra.dll not found (looked for '{fromBuild}' and under {bin}); build src/Cli first");
    }
}

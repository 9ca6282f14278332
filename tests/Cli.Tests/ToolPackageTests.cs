namespace Dendra.Cli.Tests;

/// <summary>The dendra command installs as a .NET tool from a local <c>dotnet pack</c> and runs scripts from there.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dendra-tool-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Packed_tool_installs_and_runs_a_script_outside_the_checkout()
    {
        // Pack the build the other tests use (same configuration, no rebuild), then install it into a tool folder.
        var configuration = new DirectoryInfo(Path.GetDirectoryName(DendraProcess.CliPath)!).Parent!.Name;
        var packages = Path.Combine(_work, "packages");
        var tools = Path.Combine(_work, "tools");
        Dotnet(DendraProcess.RepositoryRoot, "pack", Path.Combine("src", "Cli"), "-c", configuration, "--no-build", "-o", packages);
        Assert.Single(Directory.GetFiles(packages, "Dendra.Cli.*.nupkg"));
        Dotnet(_work, "tool", "install", "--tool-path", tools, "--add-source", packages, "Dendra.Cli");

        var dendra = Path.Combine(tools, OperatingSystem.IsWindows() ? "dendra.exe" : "dendra");
        var version = Run(dendra, _work, "--version");
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Trim());

        // A script in a folder of its own: the installed tool must find Dendra's assemblies for the script compiler.
        var script = Path.Combine(_work, "leaky.csx");
        File.Copy(Path.Combine(DendraProcess.RepositoryRoot, DendraProcess.Script("leaky.csx")), script);
        var output = Run(dendra, _work, "run", "leaky.csx", "--duration", "20ms", "--quiet");
        Assert.Contains("simulated 20 ms (200 steps of 0.1 ms)", output, StringComparison.Ordinal);
    }

    private static void Dotnet(string workingDirectory, params string[] args) => ExternalProcess.Run("dotnet", workingDirectory, args);

    private static string Run(string program, string workingDirectory, params string[] args) => ExternalProcess.Run(program, workingDirectory, args).StdOut;
}

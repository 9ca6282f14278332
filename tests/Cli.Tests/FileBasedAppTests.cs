using System.Text.RegularExpressions;

namespace Dendra.Cli.Tests;

/// <summary>Networks written as .NET file-based apps (<c>dotnet run app.cs</c>), the documented alternative to scripts.</summary>
public sealed class FileBasedAppTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("dendra-app-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void The_cuba_app_runs_compiled_and_an_aot_app_is_warned_that_its_kernels_are_interpreted()
    {
        var root = DendraProcess.RepositoryRoot;
        var cuba = DotnetRun(root, Path.Combine("examples", "apps", "cuba.cs"));
        Assert.Matches(new Regex(@"^P: 4000 neurons, \d+ spikes, [0-9.]+ Hz", RegexOptions.Multiline), cuba.StdOut);
        Assert.DoesNotContain("interpreted", cuba.StdErr, StringComparison.Ordinal);

        // The same kind of app without the PublishAot=false line: Dendra says why it is slow and how to fix it.
        var app = Path.Combine(_work, "tiny.cs");
        File.WriteAllText(app, $$"""
            #:project {{Path.Combine(root, "src", "Simulator", "Dendra.Simulator.csproj")}}
            #:project {{Path.Combine(root, "src", "Neurons", "Dendra.Neurons.csproj")}}
            using Dendra.Neurons;
            using Dendra.Simulator.Graph;
            var net = new Network(dt: 1e-4);
            var p = net.AddPopulation("P", 10, Lif.Cuba());
            net.Run(0.01);
            Console.WriteLine($"steps {net.Step}");
            """);
        var aot = DotnetRun(_work, app);
        Assert.Contains("steps 100", aot.StdOut, StringComparison.Ordinal);
        Assert.Contains("#:property PublishAot=false", aot.StdErr, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(aot.StdErr, "kernels run interpreted"));
    }

    private static CliResult DotnetRun(string workingDirectory, string file) => ExternalProcess.Run("dotnet", workingDirectory, "run", "-c", "Release", file);
}

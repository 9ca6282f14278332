using Dendra.Cli.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;

namespace Dendra.Cli.Tests.Documentation;

/// <summary>
/// Every C# code block of README.md and docs/ runs as a script, the way a reader would paste it into a file and run it
/// with <c>dendra run</c> (see <see cref="DocumentationSample"/> for the rules and the markers that complete a fragment).
/// </summary>
public sealed class DocumentationSampleTests
{
    /// <summary>What <c>Run(net, …)</c> simulates in a sample, whatever the sample asks for.</summary>
    private const string Duration = "50ms";

    public static TheoryData<string> Samples() => [.. DocumentationSamples.All.Select(s => s.Location)];

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void Sample_runs(string location)
    {
        var sample = DocumentationSamples.At(location);
        Assert.True(sample.MarkerProblems.Count == 0, $"{location}: the sample marker before the block: {string.Join("; ", sample.MarkerProblems)}");
        if (sample.ExcerptOf is { } file)
        {
            AssertExcerpt(sample, file);
            return;
        }
        if (sample.CompileOnly)
        {
            AssertCompiles(sample);
            return;
        }
        if (sample.NeedsOpenCl || (sample.Continues && sample.Previous?.NeedsOpenCl == true)) OpenClDriver.Require();
        if (sample.NeedsMnist || (sample.Continues && sample.Previous?.NeedsMnist == true)) MnistFiles.Require();
        if (sample.NeedsOpenBlas || (sample.Continues && sample.Previous?.NeedsOpenBlas == true)) Prerequisite.Require(Dendra.Simulator.LinearAlgebra.OpenBlas.Unavailable);

        var work = Directory.CreateTempSubdirectory("dendra-doc-sample-");
        try
        {
            File.WriteAllText(Path.Combine(work.FullName, "sample.csx"), sample.ScriptText());
            var r = DendraProcess.RunIn(work.FullName, "run", "sample.csx", "--duration", Duration, "--quiet");
            Assert.True(r.ExitCode == 0, $"{location}: the sample failed (dendra run sample.csx --duration {Duration}, exit code {r.ExitCode})\n" +
                $"{r.StdErr}\n--- sample.csx ---\n{sample.ScriptListing()}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void Readme_and_every_page_with_csharp_are_searched()
    {
        var pages = DocumentationSamples.All.Select(s => s.File).Distinct().ToList();
        Assert.Contains("README.md", pages);
        Assert.Contains("docs/model-language.md", pages);
        Assert.Contains("docs/cli/run.md", pages);
        Assert.True(DocumentationSamples.All.Count >= 20, $"only {DocumentationSamples.All.Count} C# blocks found");
    }

    [Fact]
    public void Markers_complete_fragments_continue_pages_and_hide_their_code()
    {
        var page = DocumentationSamples.Read("page.md",
        [
            "```csharp", "var a = 1;", "```",
            "<!-- sample: continues, opencl", "before:", "var b = a;", "after:", "Console.WriteLine(b + c);", "-->",
            "```csharp", "var c = 2;", "```",
            "<!-- sample: compile-only (too slow) -->", "```cs", "var d = 4;", "```",
            "<!-- sample: sometimes -->", "```csharp", "```",
            "```bash", "```csharp inside a bash block is not a block", "```",
        ]);
        Assert.Equal(["page.md:1", "page.md:10", "page.md:14", "page.md:18"], page.Select(s => s.Location));
        var second = page[1];
        Assert.True(second.Continues && second.NeedsOpenCl && !second.CompileOnly);
        Assert.Equal("var a = 1;\nvar b = a;\nvar c = 2;\nConsole.WriteLine(b + c);\n", second.ScriptText());
        Assert.Equal(["page.md:2", "hidden code before page.md:10", "page.md:11", "hidden code after page.md:10"], second.Script().Select(l => l.Origin));
        Assert.True(page[2].CompileOnly);
        Assert.Equal("var d = 4;\n", page[2].ScriptText());
        Assert.Contains("unknown word 'sometimes'", Assert.Single(page[3].MarkerProblems), StringComparison.Ordinal);
    }

    /// <summary>Compiles the sample as <c>dendra run</c> would, without running it.</summary>
    private static void AssertCompiles(DocumentationSample sample)
    {
        var path = Path.Combine(DendraProcess.RepositoryRoot, sample.File + ".csx");
        var script = CSharpScript.Create(sample.ScriptText(), ScriptHost.CreateOptions(path), typeof(ScriptGlobals));
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{sample.Location}: the sample does not compile\n" +
            string.Join('\n', errors.Select(e => $"line {e.Location.GetLineSpan().StartLinePosition.Line + 1}: {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")) +
            $"\n--- the script ---\n{sample.ScriptListing()}");
    }

    /// <summary>Asserts that the sample's lines are lines of <paramref name="file"/>, in order and one after another.</summary>
    private static void AssertExcerpt(DocumentationSample sample, string file)
    {
        var path = Path.Combine(DendraProcess.RepositoryRoot, file);
        Assert.True(File.Exists(path), $"{sample.Location}: the block is marked as an excerpt of {file}, which does not exist");
        var lines = File.ReadAllLines(path);
        var excerpt = sample.Code.TrimEnd('\n').Split('\n');
        bool found = Enumerable.Range(0, Math.Max(0, lines.Length - excerpt.Length + 1)).Any(start => lines.Skip(start).Take(excerpt.Length).SequenceEqual(excerpt));
        Assert.True(found, $"{sample.Location}: the block is no longer an excerpt of {file}; copy the file's lines again");
    }
}

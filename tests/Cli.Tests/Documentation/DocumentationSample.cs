using System.Text;

namespace Dendra.Cli.Tests.Documentation;

/// <summary>
/// A C# code block (<c>```csharp</c>) of README.md or of a page under docs/, and how the tests run it.
/// </summary>
/// <remarks>
/// <para>A block is a script, run as <c>dendra run sample.csx --duration 50ms</c> in a folder of its own: <c>Run(net, …)</c>
/// then simulates 50 ms whatever the block says, so a sample may show the duration a real run would use.</para>
/// <para>An HTML comment right before the fence (invisible on the rendered page) says what else a block needs:</para>
/// <code>
/// &lt;!-- sample: continues, opencl
/// before:
/// var pop = new Network().AddPopulation("cells", 3, Izhikevich.Create());
/// after:
/// Run(pop.Network, 10 * ms);
/// --&gt;
/// </code>
/// <list type="bullet">
/// <item><c>before:</c> and <c>after:</c> start hidden code run before and after the block: what a fragment uses
/// (a population, a Build() function) and what makes its effect happen (a run that builds the network).</item>
/// <item><c>continues</c>: the block goes on from the previous block of the page (that block, with its hidden code and
/// what it continued, runs first, as one script).</item>
/// <item><c>opencl</c>: the block needs an OpenCL device; without one it is skipped (failed on CI).</item>
/// <item><c>mnist</c>: the block loads MNIST; where it is not in the data cache the block is skipped (failed on CI).</item>
/// <item><c>openblas</c>: the block's products go through OpenBLAS; where the library is missing the block is skipped (failed on CI).</item>
/// <item><c>compile-only</c>: compiled, not run, for a block whose run would take too long (say why, in words after
/// it in parentheses); an example that runs covers the same code.</item>
/// <item><c>excerpt of PATH</c>: the block is a piece of that file (a file-based app, say), line for line; the tests of
/// that file run it.</item>
/// </list>
/// </remarks>
/// <param name="File">The page, relative to the repository root, with forward slashes.</param>
/// <param name="Line">The line of the opening fence (1-based); the code starts on the next line.</param>
/// <param name="Code">The block's code.</param>
internal sealed record DocumentationSample(string File, int Line, string Code)
{
    /// <summary>Hidden code run before the block.</summary>
    public string Before { get; init; } = "";

    /// <summary>Hidden code run after the block.</summary>
    public string After { get; init; } = "";

    /// <summary>The block goes on from the previous block of its page.</summary>
    public bool Continues { get; init; }

    /// <summary>The block needs an OpenCL device.</summary>
    public bool NeedsOpenCl { get; init; }

    /// <summary>The block loads MNIST.</summary>
    public bool NeedsMnist { get; init; }

    /// <summary>The block needs OpenBLAS (<c>openblas</c>).</summary>
    public bool NeedsOpenBlas { get; init; }

    /// <summary>The block is compiled, not run.</summary>
    public bool CompileOnly { get; init; }

    /// <summary>The file (relative to the repository root) of which the block is an excerpt, or null.</summary>
    public string? ExcerptOf { get; init; }

    /// <summary>The previous block of the page, for <see cref="Continues"/>.</summary>
    public DocumentationSample? Previous { get; init; }

    /// <summary>What is wrong with the block's marker comment (an unknown word, say); empty when nothing.</summary>
    public IReadOnlyList<string> MarkerProblems { get; init; } = [];

    /// <summary>Where the block is, as an editor takes it: <c>docs/recording.md:38</c>.</summary>
    public string Location => $"{File}:{Line}";

    /// <summary>
    /// The script that runs the block: what it continues, its hidden code before, the block, its hidden code after;
    /// each line with where it comes from (a page's line, or the hidden code of the block at a location).
    /// </summary>
    public IReadOnlyList<(string Origin, string Text)> Script()
    {
        var lines = Continues && Previous is { } previous ? previous.Script().ToList() : [];
        lines.AddRange(SplitLines(Before).Select(l => ($"hidden code before {Location}", l)));
        lines.AddRange(SplitLines(Code).Select((l, k) => ($"{File}:{Line + 1 + k}", l)));
        lines.AddRange(SplitLines(After).Select(l => ($"hidden code after {Location}", l)));
        return lines;
    }

    /// <summary>The script's text.</summary>
    public string ScriptText() => string.Join('\n', Script().Select(l => l.Text)) + "\n";

    /// <summary>The script with its line numbers and where each line comes from, for a failure message.</summary>
    public string ScriptListing()
    {
        var text = new StringBuilder();
        var script = Script();
        for (int k = 0; k < script.Count; k++) text.Append($"{k + 1,4} | {script[k].Origin,-40} | {script[k].Text}\n");
        return text.ToString();
    }

    private static IEnumerable<string> SplitLines(string code) =>
        code.Length == 0 ? [] : code.TrimEnd('\n').Split('\n');

    public override string ToString() => Location;
}

using System.Text.RegularExpressions;

namespace Dendra.Cli.Tests.Documentation;

/// <summary>Finds the C# code blocks of README.md and of every page under docs/ (see <see cref="DocumentationSample"/>).</summary>
internal static partial class DocumentationSamples
{
    /// <summary>Every C# block of README.md and docs/**/*.md, page by page in path order, each page's blocks in order.</summary>
    public static IReadOnlyList<DocumentationSample> All { get; } = Find(DendraProcess.RepositoryRoot);

    /// <summary>The block at <paramref name="location"/> (<c>docs/recording.md:38</c>).</summary>
    public static DocumentationSample At(string location) => All.Single(s => s.Location == location);

    /// <summary>The pages searched: README.md and every Markdown file under docs/, relative to <paramref name="root"/>.</summary>
    public static IEnumerable<string> Pages(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Prepend("README.md");

    private static List<DocumentationSample> Find(string root)
    {
        var samples = new List<DocumentationSample>();
        foreach (var page in Pages(root)) samples.AddRange(Read(page, File.ReadAllLines(Path.Combine(root, page))));
        return samples;
    }

    /// <summary>The C# blocks of one page.</summary>
    /// <param name="page">The page's path, for <see cref="DocumentationSample.File"/>.</param>
    /// <param name="lines">Its lines.</param>
    public static List<DocumentationSample> Read(string page, IReadOnlyList<string> lines)
    {
        var samples = new List<DocumentationSample>();
        for (int k = 0; k < lines.Count; k++)
        {
            var fence = Fence().Match(lines[k]);
            if (!fence.Success) continue;
            // The block runs to the closing fence: at least as many backticks, nothing after them.
            int end = k + 1;
            while (end < lines.Count && !(lines[end].TrimStart().StartsWith(fence.Groups["ticks"].Value, StringComparison.Ordinal)
                && lines[end].Trim().Trim('`').Length == 0))
                end++;
            var language = fence.Groups["info"].Value.Trim().ToLowerInvariant();
            if (language is "csharp" or "cs" or "c#")
            {
                var code = string.Join('\n', lines.Skip(k + 1).Take(end - k - 1)) + "\n";
                samples.Add(WithMarker(new DocumentationSample(page, k + 1, code) { Previous = samples.LastOrDefault() }, lines, k));
            }
            k = end;
        }
        return samples;
    }

    /// <summary>The sample with what the <c>&lt;!-- sample … --&gt;</c> comment that ends on the line before its fence says.</summary>
    private static DocumentationSample WithMarker(DocumentationSample sample, IReadOnlyList<string> lines, int fence)
    {
        if (fence == 0 || !lines[fence - 1].TrimEnd().EndsWith("-->", StringComparison.Ordinal)) return sample;
        int start = fence - 1;
        while (start > 0 && !lines[start].Contains("<!--", StringComparison.Ordinal)) start--;
        var head = Marker().Match(lines[start]);
        if (!head.Success) return sample;

        var problems = new List<string>();
        foreach (var word in head.Groups["words"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Words may carry a reason in parentheses: "compile-only (minutes of dense products)".
            var bare = Reason().Replace(word, "").Trim();
            if (bare == "continues") sample = sample with { Continues = true };
            else if (bare == "opencl") sample = sample with { NeedsOpenCl = true };
            else if (bare == "mnist") sample = sample with { NeedsMnist = true };
            else if (bare == "openblas") sample = sample with { NeedsOpenBlas = true };
            else if (bare == "compile-only") sample = sample with { CompileOnly = true };
            else if (bare.StartsWith("excerpt of ", StringComparison.Ordinal)) sample = sample with { ExcerptOf = bare["excerpt of ".Length..].Trim() };
            else problems.Add($"unknown word '{bare}' (known: continues, opencl, mnist, openblas, compile-only, excerpt of PATH)");
        }
        if (sample.Continues && sample.Previous is null) problems.Add("'continues', but no block comes before it on the page");

        // The comment's other lines: sections of hidden code, each opened by "before:" or "after:".
        var sections = new Dictionary<string, List<string>> { ["before:"] = [], ["after:"] = [] };
        List<string>? current = null;
        for (int k = start + 1; k < fence; k++)
        {
            var text = k == fence - 1 ? lines[k][..lines[k].LastIndexOf("-->", StringComparison.Ordinal)] : lines[k];
            if (sections.TryGetValue(text.Trim(), out var section)) current = section;
            else if (current is not null) current.Add(text);
            else if (text.Trim().Length > 0) problems.Add($"line {k + 1}: '{text.Trim()}' comes before any 'before:' or 'after:'");
        }
        return sample with
        {
            Before = string.Join('\n', sections["before:"]),
            After = string.Join('\n', sections["after:"]),
            MarkerProblems = problems,
        };
    }

    [GeneratedRegex(@"^\s*(?<ticks>```+)(?<info>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!--\s*sample\b:?(?<words>[^\n]*?)(-->\s*)?$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Reason();
}

using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Dendra.Cli.Commands;
using Dendra.Cli.Reporting;
using Dendra.Simulator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Dendra.Cli.Scripting;

/// <summary>
/// Compiles and runs a Dendra script (<c>.csx</c>): C# with the Dendra assemblies referenced, the Dendra
/// namespaces and <c>Dendra.Units</c> imported, and <see cref="ScriptGlobals"/> as its globals.
/// </summary>
internal sealed class ScriptHost
{
    /// <summary>Namespaces every script imports (those that exist in the loaded assemblies).</summary>
    internal static readonly IReadOnlyList<string> WantedImports =
    [
        "System", "System.Linq", "System.Collections.Generic",
        "Dendra", "Dendra.Simulator", "Dendra.Simulator.Models", "Dendra.Simulator.Graph",
        "Dendra.Simulator.Inputs", "Dendra.Simulator.Monitors", "Dendra.Neurons", "Dendra.Plasticity", "Dendra.Plots",
    ];

    /// <summary>Static classes every script imports with <c>using static</c>.</summary>
    internal static readonly IReadOnlyList<string> WantedStaticImports = ["Dendra.Units"];

    /// <summary>Dendra assemblies every script references, by name (Neurons and Plasticity may still be empty).</summary>
    private static readonly string[] DendraAssemblyNames = ["Dendra.Simulator", "Dendra.Neurons", "Dendra.Plasticity", "Dendra.Plots"];

    private readonly ErrorReporter _errors;

    /// <summary>Creates a host that reports errors on <paramref name="error"/>.</summary>
    public ScriptHost(TextWriter error)
    {
        _errors = new ErrorReporter(error);
    }

    /// <summary>Compiles and runs the script of <paramref name="settings"/>; returns the exit code.</summary>
    public int Run(RunSettings settings, RunReporter reporter)
    {
        var path = settings.ScriptPath;
        if (Directory.Exists(path)) return _errors.Usage($"'{ErrorReporter.DisplayPath(path)}' is a directory, not a script file");
        if (!File.Exists(path)) return _errors.Usage($"script file not found: {ErrorReporter.DisplayPath(path)}");

        string code;
        try
        {
            code = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return _errors.Usage($"cannot read {ErrorReporter.DisplayPath(path)}: {e.Message}");
        }

        ScriptParameters parameters;
        try
        {
            parameters = new ScriptParameters(settings.Parameters);
        }
        catch (UsageException e)
        {
            return _errors.Usage(e.Message);
        }

        var compileClock = Stopwatch.StartNew();
        var script = CSharpScript.Create(code, CreateOptions(path), typeof(ScriptGlobals));
        var diagnostics = script.Compile();
        var compileErrors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (compileErrors.Count > 0)
        {
            _errors.CompileErrors(compileErrors, path);
            return ExitCodes.Usage;
        }
        reporter.ScriptCompiled(path, compileClock.Elapsed);

        var globals = new ScriptGlobals(settings, parameters, reporter);
        try
        {
            script.RunAsync(globals).GetAwaiter().GetResult();
        }
        catch (CompilationErrorException e)
        {
            _errors.CompileErrors(e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), path);
            return ExitCodes.Usage;
        }
#pragma warning disable CA1031 // Whatever the script throws is reported to the user, never rethrown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return _errors.ScriptException(e, path, parameters.NoteFor);
        }

        try
        {
            parameters.EnsureAllUsed();
        }
        catch (UsageException e)
        {
            return _errors.Usage(e.Message);
        }
        if (globals.RunCalls == 0 && globals.NetworkOptionsGiven is { Length: > 0 } ignored)
            _errors.Warning($"{ignored} had no effect: the script never calls Run(net, duration), which applies them");
        return ExitCodes.Success;
    }

    /// <summary>The compilation settings of every script at <paramref name="path"/>.</summary>
    internal static ScriptOptions CreateOptions(string path)
    {
        var directory = Path.GetDirectoryName(path) ?? Environment.CurrentDirectory;
        var assemblies = DendraAssemblies();
        var namespaces = NamespacesIn(assemblies.Append(typeof(object).Assembly).Append(typeof(Enumerable).Assembly).Append(typeof(List<>).Assembly));
        var imports = WantedImports.Where(namespaces.Contains)
            .Concat(WantedStaticImports.Where(t => assemblies.Any(a => a.GetType(t) is not null)));

        return ScriptOptions.Default
            .WithFilePath(path)
            .WithFileEncoding(Encoding.UTF8)
            .WithEmitDebugInformation(true)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .AddReferences(assemblies)
            .AddReferences(typeof(Enumerable).Assembly, typeof(List<>).Assembly, typeof(Console).Assembly)
            .WithImports(imports)
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, directory))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(directory));
    }

    private static List<Assembly> DendraAssemblies()
    {
        var list = new List<Assembly> { typeof(Network).Assembly };
        foreach (var name in DendraAssemblyNames.Skip(1))
        {
            try
            {
                list.Add(Assembly.Load(new AssemblyName(name)));
            }
            catch (FileNotFoundException)
            {
                // Not shipped with this build: scripts simply cannot use it.
            }
        }
        return list;
    }

    private static HashSet<string> NamespacesIn(IEnumerable<Assembly> assemblies)
    {
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var type in assembly.GetExportedTypes())
            {
                // A namespace "A.B.C" also makes "A.B" and "A" importable.
                for (var ns = type.Namespace; !string.IsNullOrEmpty(ns); ns = ns.LastIndexOf('.') is var dot and > 0 ? ns[..dot] : null)
                {
                    if (!namespaces.Add(ns)) break;
                }
            }
        }
        return namespaces;
    }
}

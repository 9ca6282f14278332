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
using Microsoft.CodeAnalysis.Emit;
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
        "System", "System.IO", "System.Linq", "System.Collections.Generic",
        "Dendra", "Dendra.Simulator", "Dendra.Simulator.Models", "Dendra.Simulator.Graph",
        "Dendra.Simulator.Inputs", "Dendra.Simulator.Monitors", "Dendra.Simulator.Recording", "Dendra.Neurons", "Dendra.Plasticity", "Dendra.Plots",
        "Dendra.Learning.Datasets", "Dendra.Learning.Readouts", "Dendra.Learning.Metrics", "Dendra.Learning.Learners", "Dendra.Learning.Encoders", "Dendra.Learning.Training",
        "Dendra.Networks.KrotovHopfield",
        "Dendra.Render.Activity", "Dendra.Render.Views", "Dendra.Render.Live",
    ];

    /// <summary>Static classes every script imports with <c>using static</c>.</summary>
    internal static readonly IReadOnlyList<string> WantedStaticImports = ["Dendra.Units"];

    /// <summary>Dendra assemblies every script references, by name (Neurons and Plasticity may still be empty).</summary>
    private static readonly string[] DendraAssemblyNames = ["Dendra.Simulator", "Dendra.Neurons", "Dendra.Plasticity", "Dendra.Plots", "Dendra.Render", "Dendra.Learning", "Dendra.Networks"];

    private readonly ErrorReporter _errors;
    private readonly TextWriter _error;

    /// <summary>Creates a host that reports errors on <paramref name="error"/>.</summary>
    public ScriptHost(TextWriter error)
    {
        _errors = new ErrorReporter(error);
        _error = error;
    }

    /// <summary>Compiles and runs the script of <paramref name="settings"/>; returns the exit code.
    /// <paramref name="prepare"/>, when given, sees the script's globals before the script starts (to set hooks).</summary>
    public int Run(RunSettings settings, RunReporter reporter, Action<ScriptGlobals>? prepare = null)
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
        var compiled = Load(code, path);
        if (compiled.ExitCode is { } failed) return failed;
        reporter.ScriptCompiled(path, compileClock.Elapsed);

        var globals = new ScriptGlobals(settings, parameters, reporter);
        prepare?.Invoke(globals);
        try
        {
            if (compiled.Factory is { } factory) factory([globals, null]).GetAwaiter().GetResult();
            else if (RunWithRoslyn(compiled.Script!, globals) is { } exitCode) return exitCode;
        }
#pragma warning disable CA1031 // Whatever the script throws is reported to the user, never rethrown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return _errors.ScriptException(e, path, parameters.NoteFor);
        }
        finally
        {
            globals.FinishRecording();
        }

        try
        {
            parameters.EnsureAllUsed();
        }
        catch (UsageException e)
        {
            return _errors.Usage(e.Message);
        }
        // Learn applies --seed (the learners' initial weights and order); the rest only Run applies.
        var ignored = globals.NetworkOptionsGiven.Where(o => globals.LearnCalls == 0 || o != "--seed").ToList();
        if (globals.RunCalls == 0 && ignored.Count > 0)
            _errors.Warning($"{string.Join(", ", ignored)} had no effect: the script never calls Run(net, duration), which applies them");
        if (globals.RunCalls == 0 && globals.LearnCalls == 0 && ShowingOrRecording(settings) is { Length: > 0 } unused)
            _errors.Warning($"{unused} had no effect: the script never calls Run(net, duration) nor Learn(learner, train, evaluation, ...), which show and record");
        return ExitCodes.Success;
    }

    /// <summary>The options given that only <c>Run</c> and <c>Learn</c> act on: display and recording.</summary>
    private static string ShowingOrRecording(RunSettings settings)
    {
        var names = new List<string>();
        if (settings.Display is { Window: true }) names.Add("--view");
        if (settings.Display?.FramesFolder is not null) names.Add("--frames");
        if (settings.Display?.Mp4Path is not null) names.Add("--mp4");
        if (settings.RecordPath is not null) names.Add("--record");
        return string.Join(", ", names);
    }

    /// <summary>What <see cref="Load"/> gives: an entry point to run, a script for Roslyn to run, or an exit code.</summary>
    private readonly record struct CompiledScript(Func<object?[], Task<object>>? Factory, Script<object>? Script, int? ExitCode);

    /// <summary>
    /// The compiled script: from the <see cref="ScriptCache"/> when it has it, else compiled (and then cached).
    /// Compile errors are reported here (never cached).
    /// </summary>
    private CompiledScript Load(string code, string path)
    {
        var cache = ScriptCache.FromEnvironment(_error);
        var key = cache is null ? null : ScriptCache.Key(code, path, CacheFingerprint());
        if (cache is not null && key is not null && cache.TryLoad(key) is { } cached) return new(AsFactory(cached), null, null);
        return Compile(code, path, cache, key);
    }

    /// <summary>Compiles with Roslyn; for a script that uses neither <c>#r</c> nor <c>#load</c>, emits and loads it ourselves and caches it.</summary>
    private CompiledScript Compile(string code, string path, ScriptCache? cache, string? key)
    {
        var script = CSharpScript.Create(code, CreateOptions(path), typeof(ScriptGlobals));
        var diagnostics = script.Compile();
        var compileErrors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (compileErrors.Count > 0)
        {
            _errors.CompileErrors(compileErrors, path);
            return new(null, null, ExitCodes.Usage);
        }

        var compilation = script.GetCompilation();
        // Other files (#load) and assemblies (#r) are not part of the cache key, and Roslyn's loader resolves the latter: leave those to Roslyn.
        if (compilation.SyntaxTrees.Skip(1).Any() || !compilation.DirectiveReferences.IsEmpty) return new(null, script, null);

        using var peStream = new MemoryStream();
        using var pdbStream = new MemoryStream();
        var emitted = compilation.Emit(peStream, pdbStream, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var entryPoint = compilation.GetEntryPoint(CancellationToken.None);
        if (!emitted.Success || entryPoint is null)
        {
            var emitErrors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (emitErrors.Count == 0) return new(null, script, null);
            _errors.CompileErrors(emitErrors, path);
            return new(null, null, ExitCodes.Usage);
        }

        var typeName = entryPoint.ContainingType.ContainingNamespace is { IsGlobalNamespace: false } ns ? $"{ns.ToDisplayString()}.{entryPoint.ContainingType.MetadataName}" : entryPoint.ContainingType.MetadataName;
        var assembly = Assembly.Load(peStream.ToArray(), pdbStream.ToArray());
        var factory = assembly.GetType(typeName, throwOnError: false)?.GetMethod(entryPoint.MetadataName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
        if (!ScriptCache.IsSubmissionFactory(factory)) return new(null, script, null);

        if (cache is not null && key is not null) cache.Store(key, peStream.GetBuffer().AsSpan(0, (int)peStream.Length), pdbStream.GetBuffer().AsSpan(0, (int)pdbStream.Length), typeName, entryPoint.MetadataName);
        return new(AsFactory(factory), null, null);
    }

    private static Func<object?[], Task<object>> AsFactory(MethodInfo method) => method.CreateDelegate<Func<object?[], Task<object>>>();

    /// <summary>Runs <paramref name="script"/> the way Roslyn runs scripts; returns an exit code when it did not compile after all.</summary>
    private int? RunWithRoslyn(Script<object> script, ScriptGlobals globals)
    {
        try
        {
            script.RunAsync(globals).GetAwaiter().GetResult();
            return null;
        }
        catch (CompilationErrorException e)
        {
            var path = script.Options.FilePath;
            _errors.CompileErrors(e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), path);
            return ExitCodes.Usage;
        }
    }

    /// <summary>
    /// What a compiled script depends on besides its text and path, for its cache key: the CLI and Dendra assemblies
    /// (by module version id), the assemblies the CLI references (the compiler's version among them), and the settings
    /// of <see cref="CreateOptions"/>. Computed without loading the compiler.
    /// </summary>
    private static string CacheFingerprint()
    {
        var cli = typeof(ScriptHost).Assembly;
        var referenced = string.Join(';', cli.GetReferencedAssemblies().Select(a => a.FullName).Order(StringComparer.Ordinal));
        var options = string.Join(';',
            "lang=Latest", "opt=Debug", "pdb=Portable", "globals=" + typeof(ScriptGlobals).FullName,
            "imports=" + string.Join(',', WantedImports), "static=" + string.Join(',', WantedStaticImports), "refs=" + referenced);
        return ScriptCache.EnvironmentFingerprint(DendraAssemblies().Prepend(cli), options);
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

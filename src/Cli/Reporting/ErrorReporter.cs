using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Dendra.Simulator;
using Dendra.Simulator.Expressions;
using Microsoft.CodeAnalysis;

namespace Dendra.Cli.Reporting;

/// <summary>
/// Turns what went wrong into messages a user can act on: compiler-style <c>file:line:col: error CSxxxx: message</c>
/// for scripts that do not compile, <c>file:line: error: message</c> for errors while a script runs, and no stack
/// trace unless the error is dendra's own (and <c>DENDRA_STACKTRACE=1</c> is set).
/// </summary>
internal sealed class ErrorReporter
{
    /// <summary>Environment variable that, set to 1, adds stack traces to internal errors.</summary>
    public const string StackTraceVariable = "DENDRA_STACKTRACE";

    private const int MaxCompileErrors = 50;
    private readonly TextWriter _err;

    /// <summary>Creates a reporter writing to <paramref name="error"/>.</summary>
    public ErrorReporter(TextWriter error) => _err = error;

    /// <summary>Writes one line on the error writer, ending first any live progress bar so the two do not mix.</summary>
    private void WriteLine(string line)
    {
        LiveRunProgress.StopActiveOn(_err);
        LiveTrainingProgress.StopActiveOn(_err);
        _err.WriteLine(line);
    }

    /// <summary>Reports a usage error and returns <see cref="ExitCodes.Usage"/>.</summary>
    public int Usage(string message)
    {
        WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }

    /// <summary>Reports something that is probably a mistake but did not stop the run.</summary>
    public void Warning(string message) => WriteLine($"warning: {message}");

    /// <summary>Reports compile errors, one per line, sorted by position.</summary>
    public void CompileErrors(IEnumerable<Diagnostic> diagnostics, string scriptPath)
    {
        var list = diagnostics
            .Select(d => (Diagnostic: d, Span: d.Location.GetMappedLineSpan()))
            .OrderBy(x => x.Span.Path, StringComparer.Ordinal)
            .ThenBy(x => x.Span.StartLinePosition.Line)
            .ThenBy(x => x.Span.StartLinePosition.Character)
            .ToList();
        foreach (var (d, span) in list.Take(MaxCompileErrors))
        {
            var message = d.GetMessage(CultureInfo.InvariantCulture);
            var file = DisplayPath(span.IsValid && !string.IsNullOrEmpty(span.Path) ? span.Path : scriptPath);
            var where = span.IsValid && d.Location != Location.None
                ? $"{file}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}"
                : file;
            WriteLine($"{where}: error {d.Id}: {message}");
        }
        if (list.Count > MaxCompileErrors) WriteLine($"... and {list.Count - MaxCompileErrors} more errors");
        WriteLine(list.Count == 1 ? "the script has 1 error; nothing was run" : $"the script has {list.Count} errors; nothing was run");
    }

    /// <summary>Reports an exception that escaped the script and returns the exit code it deserves.</summary>
    /// <param name="exception">What the script threw.</param>
    /// <param name="scriptPath">Full path of the script.</param>
    /// <param name="noteFor">Gives an extra line for an error message (e.g. that a value came from <c>--set</c>), or null.</param>
    public int ScriptException(Exception exception, string scriptPath, Func<string, string?>? noteFor = null)
    {
        var chain = new List<Exception> { exception };
        var e = exception;
        while (true)
        {
            var inner = e switch
            {
                AggregateException { InnerExceptions.Count: 1 } a => a.InnerExceptions[0],
                TargetInvocationException { InnerException: { } i } => i,
                TypeInitializationException { InnerException: { } i } => i,
                _ => null,
            };
            if (inner is null) break;
            e = inner;
            chain.Insert(0, e);
        }

        // The innermost script line on the way from the error up: where the script called what failed.
        var location = chain.Select(x => ScriptLocation(x, scriptPath)).FirstOrDefault(l => l is not null);
        var prefix = location is { } l ? $"{DisplayPath(l.File)}:{l.Line}: " : "";

        if (e is UsageException)
        {
            WriteLine($"{prefix}error: {e.Message}");
            return ExitCodes.Usage;
        }
        if (IsUserError(e))
        {
            WriteLine($"{prefix}error: {e.Message}");
            if (noteFor?.Invoke(e.Message) is { } note) WriteLine($"note: {note}");
            return ExitCodes.ScriptFailed;
        }
        if (ThrownByScript(e, scriptPath))
        {
            WriteLine($"{prefix}error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.ScriptFailed;
        }
        return Internal(e, location is { } at ? $"{DisplayPath(at.File)}:{at.Line}" : null);
    }

    /// <summary>Reports an error in dendra itself and returns <see cref="ExitCodes.Internal"/>.</summary>
    public int Internal(Exception e, string? scriptLocation = null)
    {
        WriteLine($"internal error: {e.GetType().FullName}: {e.Message}");
        if (scriptLocation is not null) WriteLine($"(while running the script at {scriptLocation})");
        if (Environment.GetEnvironmentVariable(StackTraceVariable) == "1") WriteLine(e.ToString());
        else WriteLine($"This is a bug in dendra. Set {StackTraceVariable}=1 to see where it happened, and please report it.");
        return ExitCodes.Internal;
    }

    /// <summary>The path as the user would type it: relative to the current directory when inside it.</summary>
    public static string DisplayPath(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException)
        {
            return path;
        }
    }

    private static bool IsUserError(Exception e) => e is ModelException or SimulationException or ExpressionSyntaxException or Render.RenderException
        or Simulator.Backends.OpenCl.OpenClException or Learning.Training.TrainingException
        or ArgumentException or InvalidOperationException or FormatException or NotSupportedException
        or KeyNotFoundException or IOException or UnauthorizedAccessException or OutOfMemoryException;

    private static bool ThrownByScript(Exception e, string scriptPath)
    {
        // Thrown by the script's own code, or by framework code it called directly (e.g. an index out of range).
        var frames = new StackTrace(e, true).GetFrames();
        foreach (var frame in frames)
        {
            var method = frame.GetMethod();
            var assembly = method?.DeclaringType?.Assembly;
            if (IsScriptFrame(frame, scriptPath)) return true;
            if (assembly is null) continue;
            var name = assembly.GetName().Name ?? "";
            if (name.StartsWith("Dendra", StringComparison.Ordinal) || name.Equals("dendra", StringComparison.Ordinal)) return false;
        }
        return false;
    }

    private static (string File, int Line)? ScriptLocation(Exception e, string scriptPath)
    {
        foreach (var frame in new StackTrace(e, true).GetFrames())
        {
            if (IsScriptFrame(frame, scriptPath) && frame.GetFileLineNumber() > 0)
                return (frame.GetFileName()!, frame.GetFileLineNumber());
        }
        return null;
    }

    private static bool IsScriptFrame(StackFrame frame, string scriptPath)
    {
        var file = frame.GetFileName();
        if (string.IsNullOrEmpty(file)) return false;
        return string.Equals(file, scriptPath, StringComparison.Ordinal)
            || file.EndsWith(".csx", StringComparison.OrdinalIgnoreCase);
    }
}

using System.Runtime.CompilerServices;

namespace Dendra.Simulator.Backends.Host;

/// <summary>
/// Says once per process when compiled kernels will run interpreted. That happens in a program built for native AOT
/// — and .NET file-based apps (<c>dotnet run app.cs</c>) are, by default — where expression trees cannot be compiled
/// to machine code: every step then runs about a hundred times slower, with no other sign of why.
/// </summary>
internal static class InterpretedCodeWarning
{
    private static int s_warned;

    /// <summary>The text of the warning.</summary>
    internal const string Message =
        "warning: Dendra's kernels run interpreted (about 100x slower) because this program cannot compile code at run time " +
        "(it is built for native AOT). In a file-based app (dotnet run app.cs), add the line '#:property PublishAot=false'; " +
        "in a project, set <PublishAot>false</PublishAot>.";

    /// <summary>Writes the warning to standard error the first time kernels are compiled without dynamic code.</summary>
    public static void WarnOnce()
    {
        if (RuntimeFeature.IsDynamicCodeCompiled) return;
        if (Interlocked.Exchange(ref s_warned, 1) == 0) Console.Error.WriteLine(Message);
    }
}

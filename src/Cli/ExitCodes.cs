namespace Dendra.Cli;

/// <summary>Exit codes of the <c>dendra</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The script ran but failed: a model error, a simulation that diverged, an exception in the script.</summary>
    public const int ScriptFailed = 1;

    /// <summary>Bad usage: unknown option or bad option value, missing script file, script that does not compile, unknown <c>--set</c> name.</summary>
    public const int Usage = 2;

    /// <summary>An internal error of dendra itself (a bug: please report it). Same as BSD's EX_SOFTWARE.</summary>
    public const int Internal = 70;
}

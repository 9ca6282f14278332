using System.Diagnostics;

namespace Dendra.Differential.Tests.Framework;

/// <summary>Where Brian2 is, and what a test does when it is not there.</summary>
internal static class Brian2Installation
{
    /// <summary>
    /// The system Python of Debian's <c>python3-brian</c> package. Not the <c>python3</c> on PATH: that may be another
    /// installation (a pyenv shim, a virtual environment) without Brian2.
    /// </summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Problem = new(FindProblem);

    /// <summary>
    /// Skips the calling test when Brian2 cannot be imported, except on CI (the environment variable CI is "true"),
    /// where the differential tests must run and a missing Brian2 fails them (see <see cref="Prerequisite"/>).
    /// </summary>
    public static void SkipOrFailWhenMissing() =>
        Prerequisite.Require(Problem.Value is { } problem ? $"Brian2: not available ({problem}); install python3-brian" : null);

    private static string? FindProblem()
    {
        if (!File.Exists(Python)) return $"{Python} does not exist";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import brian2"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            // Drain both pipes while waiting, so a chatty import cannot fill one and block.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                return $"{Python} -c \"import brian2\" did not finish within a minute";
            }
            return process.ExitCode == 0 ? null : $"{Python} -c \"import brian2\" failed: {LastLine(error.Result)}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{Python} could not be started: {e.Message}";
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
}

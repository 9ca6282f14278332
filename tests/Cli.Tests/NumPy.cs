using System.Diagnostics;

namespace Dendra.Cli.Tests;

/// <summary>
/// Whether the system Python can import NumPy (Debian's <c>python3-numpy</c>), which the export tests use to read
/// Dendra's <c>.npy</c> files back. See <see cref="Prerequisite"/> for what happens when it cannot.
/// </summary>
internal static class NumPy
{
    /// <summary>The Python of Debian's <c>python3-numpy</c>, not whatever <c>python3</c> comes first on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>Skips the calling test (fails it on CI) when NumPy cannot be imported.</summary>
    public static void Require() => Prerequisite.Require(Missing.Value);

    private static string? FindMissing()
    {
        if (!File.Exists(Python)) return $"NumPy: {Python} does not exist; install python3-numpy";
        using var python = Process.Start(new ProcessStartInfo(Python, ["-c", "import numpy"]) { RedirectStandardError = true })!;
        var error = python.StandardError.ReadToEndAsync();
        if (!python.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            python.Kill(entireProcessTree: true);
            return $"NumPy: {Python} -c \"import numpy\" did not finish within a minute; install python3-numpy";
        }
        return python.ExitCode == 0 ? null : $"NumPy: {Python} cannot import numpy; install python3-numpy";
    }
}

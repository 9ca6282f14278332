using Dendra.Cli.Commands;

namespace Dendra.Cli;

/// <summary>Entry point of the <c>dendra</c> command.</summary>
internal static class Program
{
    private static int Main(string[] args) => DendraCommand.Invoke(args, Console.Out, Console.Error);
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Dendra.Cli.Commands;

/// <summary>The standard help, followed by an "Examples:" section for commands that have examples.</summary>
internal sealed class HelpWithExamplesAction : SynchronousCommandLineAction
{
    private readonly HelpAction _help;
    private readonly IReadOnlyDictionary<Command, string[]> _examples;

    /// <summary>Wraps <paramref name="help"/>; <paramref name="examples"/> maps a command to its example lines.</summary>
    public HelpWithExamplesAction(HelpAction help, IReadOnlyDictionary<Command, string[]> examples)
    {
        _help = help;
        _examples = examples;
    }

    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        int result = _help.Invoke(parseResult);
        if (_examples.TryGetValue(parseResult.CommandResult.Command, out var lines) && lines.Length > 0)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var line in lines) output.WriteLine($"  {line}");
            output.WriteLine();
        }
        return result;
    }
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Dendra.Cli.Reporting;

namespace Dendra.Cli.Commands;

/// <summary>The root <c>dendra</c> command: its subcommands, help with examples, and how errors become exit codes.</summary>
internal static class DendraCommand
{
    /// <summary>Builds the command tree; <paramref name="context"/> is where commands write.</summary>
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand("Dendra: spiking and rate neural network simulator. Runs network scripts written in C# (.csx).");
        var examples = new Dictionary<Command, string[]>
        {
            [root] =
            [
                "dendra run examples/cuba.csx",
                "dendra run examples/cuba.csx --duration 200ms --seed 3 --set N=8000",
                "dendra run examples/cuba.csx --view --record cuba.dnr",
                "dendra replay cuba.dnr",
                "dendra demo",
                "dendra bench coba --n 4k,64k -k 80",
                "dendra run --help",
            ],
        };

        var run = RunCommand.Create(context);
        root.Subcommands.Add(run);
        examples[run] = RunCommand.Examples;
        var demo = DemoCommand.Create(context); root.Subcommands.Add(demo); examples[demo] = DemoCommand.Examples;
        var compare = CompareCommand.Create(context); root.Subcommands.Add(compare); examples[compare] = CompareCommand.Examples;
        var bench = BenchCommand.Create(context); root.Subcommands.Add(bench); examples[bench] = BenchCommand.Examples;
        var info = InfoCommand.Create(context); root.Subcommands.Add(info); examples[info] = InfoCommand.Examples;
        var export = ExportCommand.Create(context); root.Subcommands.Add(export); examples[export] = ExportCommand.Examples;
        var replay = ReplayCommand.Create(context); root.Subcommands.Add(replay); examples[replay] = ReplayCommand.Examples;
        var plot = PlotCommand.Create(context); root.Subcommands.Add(plot); examples[plot] = PlotCommand.Examples;
        var devices = DevicesCommand.Create(context); root.Subcommands.Add(devices); examples[devices] = DevicesCommand.Examples;
        var data = DataCommand.Create(context); root.Subcommands.Add(data); examples[data] = DataCommand.Examples;

        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action) help.Action = new HelpWithExamplesAction(action, examples);
        }
        return root;
    }

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static int Invoke(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error);
        var errors = new ErrorReporter(error);
        try
        {
            var root = Create(context);
            var parseResult = root.Parse(args);
            if (parseResult.Action is ParseErrorAction)
            {
                foreach (var e in parseResult.Errors) error.WriteLine($"error: {e.Message}");
                var command = parseResult.CommandResult.Command;
                var path = command == root ? "dendra" : $"dendra {command.Name}";
                error.WriteLine($"Try '{path} --help' for usage.");
                return ExitCodes.Usage;
            }
            var configuration = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            };
            return parseResult.Invoke(configuration);
        }
        catch (UsageException e)
        {
            return errors.Usage(e.Message);
        }
        catch (Exception e) when (e is Render.RenderException or Simulator.Backends.OpenCl.OpenClException)
        {
            // What this machine lacks (EGL, ffmpeg, an OpenCL driver) or its device refused: the message says what to
            // install or change. Not a bug in dendra, whichever command met it (a script's run reports it the same way).
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.ScriptFailed;
        }
#pragma warning disable CA1031 // The last line of defence: report, never crash with a raw stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return errors.Internal(e);
        }
    }
}

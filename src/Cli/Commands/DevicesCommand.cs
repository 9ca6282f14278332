using System.CommandLine;
using System.Globalization;
using Dendra.Simulator.Backends.OpenCl;
using Spectre.Console;

namespace Dendra.Cli.Commands;

/// <summary><c>dendra devices</c>: the OpenCL platforms and devices a network can run on.</summary>
internal static class DevicesCommand
{
    /// <summary>Example lines shown by <c>dendra devices --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra devices",
        "OCL_ICD_VENDORS=/etc/OpenCL/vendors dendra devices",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("devices", "List the OpenCL devices (index, name, type, memory, float64) that --backend opencl --device N can pick.");
        command.SetAction(_ =>
        {
            IReadOnlyList<OpenClDevice> devices;
            try
            {
                devices = OpenClDevices.List();
            }
            catch (OpenClException e)
            {
                context.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.ScriptFailed;
            }
            var table = new Table().AddColumns("#", "device", "platform", "type", "units", "memory", "max buffer", "float64");
            foreach (var d in devices)
            {
                table.AddRow(d.Index.ToString(CultureInfo.InvariantCulture), Markup.Escape(d.Name), Markup.Escape(d.Platform),
                    d.Type.ToString().ToLowerInvariant(), d.ComputeUnits.ToString(CultureInfo.InvariantCulture),
                    Bytes(d.GlobalMemoryBytes), Bytes(d.MaxAllocationBytes), d.SupportsFloat64 ? "yes" : "no");
            }
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Out) });
            console.Write(table);
            return 0;
        });
        return command;
    }

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)(1L << 20)).ToString("0", CultureInfo.InvariantCulture) + " MiB";
}

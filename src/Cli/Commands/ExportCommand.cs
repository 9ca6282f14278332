using System.CommandLine;
using System.Globalization;
using System.Text;
using Dendra.Cli.Export;
using Dendra.Simulator.Recording;

namespace Dendra.Cli.Commands;

/// <summary><c>dendra export FILE --format npy|csv</c>: writes recorded data as NumPy arrays or CSV tables.</summary>
internal static class ExportCommand
{
    /// <summary>Example lines shown by <c>dendra export --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra export run.dnr --format npy",
        "dendra export run.dnr --format csv --what rates --from 1s --to 2s --out rates/",
        "dendra export run.dnr --format npy --what state --out arrays/",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The recording (.dnr)." };
        var format = new Option<string>("--format", "-f") { Description = "npy (NumPy arrays, read with numpy.load) or csv.", HelpName = "npy|csv", Required = true };
        format.AcceptOnlyFromAmong("npy", "csv");
        var what = new Option<string>("--what", "-w") { Description = "What to export: spikes (default), state, rates or weights.", HelpName = "spikes|state|rates|weights", DefaultValueFactory = _ => "spikes" };
        what.AcceptOnlyFromAmong("spikes", "state", "rates", "weights");
        var from = CommonOptions.Time("--from", "Start of the time window (default: the start).", allowZero: true);
        var to = CommonOptions.Time("--to", "End of the time window, exclusive (default: the end).", allowZero: false);
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the files (created if missing). Default: the current folder.", HelpName = "DIR" };
        var command = new Command("export",
            "Export recorded spikes, sampled state, population rates or weight snapshots as NumPy .npy files or CSV, one file per population, variable or projection.")
        {
            file, format, what, from, to, output,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetRequiredValue(file), parseResult.GetRequiredValue(format),
            parseResult.GetValue(what) ?? "spikes", parseResult.GetValue(from) ?? 0, parseResult.GetValue(to) ?? double.PositiveInfinity,
            parseResult.GetValue(output) is { Length: > 0 } dir ? dir : "."));
        return command;
    }

    private static int Run(CliContext context, string path, string format, string what, double from, double to, string outputFolder)
    {
        if (to <= from) throw new UsageException($"--to must come after --from (got {from} s to {to} s)");
        using var recording = RecordingFiles.Open(path);
        try
        {
            Directory.CreateDirectory(outputFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot create the output folder {outputFolder}: {e.Message}");
        }
        var tables = RecordingFiles.Read(() => Tables(recording, what, from, to).ToList());
        if (tables.Count == 0) throw new UsageException($"{path} holds no {what}; run 'dendra info {path}' to see what it holds");
        foreach (var table in tables)
        {
            var file = Path.Combine(outputFolder, $"{table.Name}.{format}");
            if (format == "npy") NpyWriter.WriteFloat64(file, table.Values, table.Rows, table.Columns.Length);
            else WriteCsv(file, table);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {file} ({table.Rows} × {table.Columns.Length}: {string.Join(", ", table.Columns)})"));
        }
        if (RecordingFiles.CutShortNote(recording) is { } note) context.Error.WriteLine(note);
        return ExitCodes.Success;
    }

    /// <summary>A row-major float64 table with named columns.</summary>
    private sealed record Table(string Name, string[] Columns, double[] Values)
    {
        public int Rows => Values.Length / Columns.Length;
    }

    private static IEnumerable<Table> Tables(RecordingReader recording, string what, double from, double to)
    {
        var h = recording.Header;
        switch (what)
        {
            case "spikes":
                foreach (var p in h.SpikeStreams.Select(i => h.Populations[i].Name))
                {
                    var s = recording.ReadSpikes(p, from, to);
                    yield return new Table($"spikes_{RecordingFiles.SafeName(p)}", ["time_s", "neuron"],
                        Interleave(s.Count, k => s.Steps[k] * h.Dt, k => s.Neurons[k]));
                }
                break;
            case "rates":
                foreach (var p in h.RateStreams.Select(i => h.Populations[i].Name))
                {
                    var r = recording.ReadRates(p, from, to);
                    var rates = r.Rates;
                    yield return new Table($"rates_{RecordingFiles.SafeName(p)}", ["time_s", "rate_hz"],
                        Interleave(rates.Length, k => r.Steps[k] * h.Dt, k => rates[k]));
                }
                break;
            case "state":
                foreach (var stream in h.StateStreams)
                {
                    var p = h.Populations[stream.Population].Name;
                    var s = recording.ReadState(p, stream.Variable, from, to);
                    int width = s.Neurons.Length;
                    var values = new double[s.Steps.Length * (width + 1)];
                    for (int i = 0; i < s.Steps.Length; i++)
                    {
                        values[i * (width + 1)] = (s.Steps[i] + 1) * h.Dt;
                        Array.Copy(s.Values, i * width, values, i * (width + 1) + 1, width);
                    }
                    yield return new Table($"state_{RecordingFiles.SafeName(p)}_{RecordingFiles.SafeName(stream.Variable)}",
                        ["time_s", .. s.Neurons.Select(n => string.Create(CultureInfo.InvariantCulture, $"neuron_{n}"))], values);
                }
                break;
            default:
                foreach (var stream in h.WeightStreams)
                {
                    var name = h.ProjectionOf(stream);
                    var snapshots = recording.ReadWeights(name, stream.Variable, from, to);
                    var rows = snapshots.SelectMany(s => Enumerable.Range(0, s.Values.Length)
                        .SelectMany(k => new double[] { s.Step * h.Dt, s.Pre[k], s.Post[k], s.Values[k] })).ToArray();
                    yield return new Table($"weights_{RecordingFiles.SafeName(name)}_{RecordingFiles.SafeName(stream.Variable)}", ["time_s", "pre", "post", stream.Variable], rows);
                }
                break;
        }
    }

    private static double[] Interleave(int rows, Func<int, double> first, Func<int, double> second)
    {
        var values = new double[rows * 2];
        for (int k = 0; k < rows; k++)
        {
            values[2 * k] = first(k);
            values[2 * k + 1] = second(k);
        }
        return values;
    }

    private static void WriteCsv(string path, Table table)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(',', table.Columns));
        var line = new StringBuilder();
        for (int r = 0; r < table.Rows; r++)
        {
            line.Clear();
            for (int c = 0; c < table.Columns.Length; c++)
            {
                if (c > 0) line.Append(',');
                line.Append(table.Values[r * table.Columns.Length + c].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.WriteLine(line);
        }
    }
}

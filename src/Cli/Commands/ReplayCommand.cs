using System.CommandLine;
using System.Globalization;
using Dendra.Cli.Parsing;
using Dendra.Simulator.Recording;

namespace Dendra.Cli.Commands;

/// <summary><c>dendra replay FILE</c>: steps through a recording window by window and prints spikes and rates per population.</summary>
internal static class ReplayCommand
{
    /// <summary>Example lines shown by <c>dendra replay --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra replay run.dnr",
        "dendra replay run.dnr --window 500ms --from 1s --to 5s",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The recording (.dnr)." };
        var window = CommonOptions.Time("--window", "Length of each window (default 100ms).", allowZero: false);
        var from = CommonOptions.Time("--from", "Start (default: the start of the recording).", allowZero: true);
        var to = CommonOptions.Time("--to", "End (default: the end of the recording).", allowZero: false);
        var command = new Command("replay",
            "Replay a recording window by window: spikes and mean rate of every recorded population in each window, read chunk by chunk.")
        {
            file, window, from, to,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetRequiredValue(file), parseResult.GetValue(window) ?? 0.1,
            parseResult.GetValue(from), parseResult.GetValue(to)));
        return command;
    }

    private static int Run(CliContext context, string path, double window, double? from, double? to)
    {
        using var recording = RecordingFiles.Open(path);
        var h = recording.Header;
        double start = from ?? recording.FirstStep * h.Dt;
        double end = to ?? (recording.FirstStep + recording.StepCount) * h.Dt;
        if (end <= start) throw new UsageException($"nothing to replay: the window {Quantity.FormatTime(start)} to {Quantity.FormatTime(end)} is empty");
        var populations = h.RateStreams.Length > 0 ? h.RateStreams : h.SpikeStreams;
        if (populations.Length == 0) throw new UsageException($"{path} holds neither spikes nor rates to replay");

        var o = context.Out;
        o.WriteLine(string.Join(" ", new[] { $"{"from",10} {"to",10}" }.Concat(populations.Select(i => $"{h.Populations[i].Name + " spikes",16} {"Hz",8}"))));
        long steps = (long)Math.Round(window / h.Dt);
        long first = (long)Math.Round(start / h.Dt), last = (long)Math.Round(end / h.Dt);
        for (long a = first; a < last; a += steps)
        {
            long b = Math.Min(a + steps, last);
            double t0 = a * h.Dt, t1 = b * h.Dt;
            var cells = populations.Select(i =>
            {
                var name = h.Populations[i].Name;
                long spikes = RecordingFiles.Read(() => h.RateStreams.Contains(i)
                    ? recording.ReadRates(name, t0, t1).Counts.Sum(c => (long)c)
                    : recording.ReadSpikes(name, t0, t1).Count);
                double rate = spikes / (h.Populations[i].Size * (t1 - t0));
                return string.Create(CultureInfo.InvariantCulture, $"{spikes,16} {rate,8:0.00}");
            });
            o.WriteLine(string.Join(" ", new[] { $"{Quantity.FormatTime(t0),10} {Quantity.FormatTime(t1),10}" }.Concat(cells)));
        }
        if (RecordingFiles.CutShortNote(recording) is { } note) context.Error.WriteLine(note);
        return ExitCodes.Success;
    }
}

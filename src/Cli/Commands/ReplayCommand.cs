using System.CommandLine;
using System.Globalization;
using Dendra.Cli.Parsing;
using Dendra.Render.Activity;
using Dendra.Render.Live;
using Dendra.Render.Output;
using Dendra.Render.Replay;
using Dendra.Simulator.Recording;

namespace Dendra.Cli.Commands;

/// <summary><c>dendra replay FILE</c>: steps through a recording window by window and prints spikes and rates per population.</summary>
internal static class ReplayCommand
{
    /// <summary>Example lines shown by <c>dendra replay --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra replay run.dnr                          (a window where there is a display, else the table)",
        "dendra replay run.dnr --speed 0.25",
        "dendra replay run.dnr --mp4 run.mp4 --frame-interval 5ms",
        "dendra replay run.dnr --table --window 500ms --from 1s --to 5s",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The recording (.dnr)." };
        var rows = CommonOptions.Time("--window", "Length of each table row (default 100ms).", allowZero: false);
        var from = CommonOptions.Time("--from", "Start (default: the start of the recording).", allowZero: true);
        var to = CommonOptions.Time("--to", "End (default: the end of the recording).", allowZero: false);
        var table = new Option<bool>("--table") { Description = "Print spikes and mean rate per population per window instead of drawing." };
        var view = new Option<bool>("--view") { Description = "Play it in a window (the default where there is a display)." };
        var frames = new Option<string?>("--frames") { Description = "Render it offscreen into PNG frames in this folder.", HelpName = "DIR" };
        var mp4 = new Option<string?>("--mp4") { Description = "Render it offscreen into an MP4 video (needs ffmpeg).", HelpName = "FILE" };
        var frameInterval = CommonOptions.Time("--frame-interval", "Recorded time between offscreen frames (default 10ms).", allowZero: false);
        var speed = new Option<double?>("--speed") { Description = "Playback speed in the window, as a multiple of real time (default 1; Up/Down change it).", HelpName = "X" };
        var command = new Command("replay",
            "Replay a recording: in a window (play, pause, seek, scrub, change speed), rendered offscreen into a video or frames, " +
            "or as a table of spikes and mean rate per population per window.")
        {
            file, rows, from, to, table, view, frames, mp4, frameInterval, speed,
        };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetRequiredValue(file);
            if (parseResult.GetValue(speed) is { } x && (!(x > 0) || !double.IsFinite(x)))
                throw new UsageException($"--speed must be a positive multiple of real time, got {x.ToString(CultureInfo.InvariantCulture)}");
            if (parseResult.GetValue(table))
                return Table(context, path, parseResult.GetValue(rows) ?? 0.1, parseResult.GetValue(from), parseResult.GetValue(to));
            // --frames/--mp4 render offscreen; --view insists on a window; with neither, a window where there is a display.
            bool window = parseResult.GetValue(view) || (Display.Available && parseResult.GetValue(frames) is null && parseResult.GetValue(mp4) is null);
            var display = DisplaySettings.Resolve(window, offscreen: false, parseResult.GetValue(frames), parseResult.GetValue(mp4),
                parseResult.GetValue(frameInterval), DisplaySettings.DisplayAvailable);
            if (display is null)
            {
                context.Error.WriteLine("no display: printing the replay as a table; --mp4 FILE or --frames DIR render it, --view plays it where there is a display");
                return Table(context, path, parseResult.GetValue(rows) ?? 0.1, parseResult.GetValue(from), parseResult.GetValue(to));
            }
            return Draw(context, path, display, parseResult.GetValue(speed) ?? 1, parseResult.GetValue(from), parseResult.GetValue(to));
        });
        return command;
    }

    private static int Draw(CliContext context, string path, DisplaySettings display, double speed, double? from, double? to)
    {
        using var recording = RecordingFiles.Open(path);
        var options = new ViewOptions();
        var player = new ReplayPlayer(new RecordingActivity(recording, options), options);
        if (display.Window)
        {
            context.Error.WriteLine($"replay window: {ReplayPlayer.KeyHelp}");
            var result = RecordingFiles.Read(() => player.Play(speed));
            foreach (var shot in result.Screenshots) context.Error.WriteLine($"screenshot: {shot}");
        }
        else
        {
            using IFrameSink sink = display.Mp4Path is { } file
                ? new Mp4Video(file, options.Width, options.Height)
                : new PngFrames(display.FramesFolder!);
            int written = RecordingFiles.Read(() => player.Render(sink, display.FrameInterval, from, to));
            if (sink is Mp4Video video) video.Close();
            context.Error.WriteLine($"wrote {written} frames to {sink.Destination}");
        }
        if (RecordingFiles.CutShortNote(recording) is { } note) context.Error.WriteLine(note);
        return ExitCodes.Success;
    }

    private static int Table(CliContext context, string path, double window, double? from, double? to)
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

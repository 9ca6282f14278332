using System.Globalization;
using Dendra.Cli.Commands;
using Dendra.Render.Activity;
using Dendra.Render.Live;
using Dendra.Render.Output;
using Dendra.Simulator.Graph;

namespace Dendra.Cli.Reporting;

/// <summary>A reported run that is also shown: in a live window, or rendered offscreen into PNG frames or an MP4.</summary>
internal static class ViewedRun
{
    /// <summary>Runs <paramref name="net"/> (not built yet) for <paramref name="duration"/> seconds with <paramref name="display"/>.</summary>
    public static RunSummary Execute(Network net, double duration, DisplaySettings display, ViewOptions options, RunReporter reporter, TextWriter messages)
    {
        if (net.IsBuilt)
            throw new InvalidOperationException("the run cannot be shown: the network was built before Run(net, ...) was called; let Run build it (remove net.Build() / net.Run(...) before it)");
        if (display.Window)
        {
            var view = new LiveView(net, options);
            messages.WriteLine($"live window: {LiveView.KeyHelp}");
            LiveViewResult? result = null;
            var summary = ReportedRun.Execute(net, duration, reporter, (n, d, _) => result = view.Run(d));
            if (result is { } r)
            {
                messages.WriteLine($"drew {r.Frames} frames{(r.StoppedEarly ? "; the window was closed before the run ended" : "")}");
                messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"the simulation thread spent {100 * r.RendererShare:0.0}% of its time on the window ({r.RendererSeconds:0.000} s of {r.SimulationSeconds + r.RendererSeconds:0.000} s)"));
                foreach (var shot in r.Screenshots) messages.WriteLine($"screenshot: {shot}");
            }
            return summary;
        }

        var recorder = new FrameRecorder(net, options, display.FrameInterval);
        using IFrameSink sink = display.Mp4Path is { } mp4
            ? new Mp4Video(mp4, options.Width, options.Height)
            : new PngFrames(display.FramesFolder!);
        var run = ReportedRun.Execute(net, duration, reporter, (_, d, progress) => recorder.Run(d, sink, progress));
        if (sink is Mp4Video video) video.Close();
        messages.WriteLine($"wrote {sink.Frames} frames to {sink.Destination}");
        return run;
    }
}

using System.Diagnostics;
using Dendra.Cli.Commands;
using Dendra.Learning.Learners;
using Dendra.Render.Activity;
using Dendra.Render.Live;
using Dendra.Render.Output;
using Dendra.Render.Views;

namespace Dendra.Cli.Reporting;

/// <summary>A learner's training that is also shown: its receptive-field mosaic, beside its units' activity when it has
/// any, in a live window, or rendered offscreen into PNG frames or an MP4.</summary>
internal static class ViewedLearning
{
    /// <summary>Wall time between two copies of the weights for the window: at most 10 a second, whatever the minibatch costs.</summary>
    public static readonly TimeSpan WindowInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Trains with <paramref name="train"/> (given the watchers to train with) while showing <paramref name="learner"/> as <paramref name="display"/> asks.</summary>
    public static LearnerRun Execute(Learner learner, DisplaySettings display, ViewOptions options, TextWriter messages,
        IReadOnlyList<ILearnerWatcher> others, Func<IReadOnlyList<ILearnerWatcher>, LearnerRun> train)
    {
        var views = LearnerFrames.Views(learner);
        if (display.Window)
        {
            messages.WriteLine($"live window: {SnapshotWindow.KeyHelp}");
            LearnerRun? run = null;
            var result = SnapshotWindow.Run(mailbox =>
            {
                var clock = Stopwatch.StartNew();
                TimeSpan? shown = null; // when the last copy was handed to the window; none yet
                var frames = new LearnerFrames(step =>
                {
                    if (!mailbox.Wanted || (shown is { } previous && clock.Elapsed - previous < WindowInterval)) return false;
                    shown = clock.Elapsed;
                    return true;
                }, mailbox.Publish);
                run = train([.. others, frames]);
                if (!mailbox.Closed && frames.LastStep is { } last) mailbox.Publish(frames.Snapshot(last, finished: true));
            }, views, options);
            messages.WriteLine($"drew {result.Frames} frames{(result.ClosedEarly ? "; the window was closed before training ended, which went on without it" : "")}");
            foreach (var shot in result.Screenshots) messages.WriteLine($"screenshot: {shot}");
            return run!;
        }

        // Offscreen: frames at fixed minibatches (the recording's cadence), so the same run gives the same frames.
        using var renderer = new OffscreenRenderer(options.Width, options.Height);
        var layout = new Layout(views, columns: 2); // the activity beside the mosaic, as in the window
        using IFrameSink sink = display.Mp4Path is { } mp4 ? new Mp4Video(mp4, options.Width, options.Height) : new PngFrames(display.FramesFolder!);
        var offscreen = new LearnerFrames(step => step.Minibatches == 0 || SnapshotCadence.IsSnapshot(step), snapshot => sink.Write(renderer.Render(snapshot, layout)));
        var trained = train([.. others, offscreen]);
        if (sink is Mp4Video video) video.Close();
        messages.WriteLine($"wrote {sink.Frames} frames to {sink.Destination} (the initial weights, then one every {SnapshotCadence.Every(offscreen.LastStep?.TotalMinibatches ?? 0)} minibatches)");
        return trained;
    }
}

using System.Diagnostics;
using Dendra.Learning.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dendra.Cli.Reporting;

/// <summary>
/// The live progress bar of a training run on a terminal (Spectre.Console), in the style of <see cref="LiveRunProgress"/>:
/// the training thread only stores the latest <see cref="TrainingProgress"/> (a value, boxed once per report into one
/// reference), and the bar, on its own task, polls it. The status reads <c>epoch 2/3  1200/6000  850/s  ETA 0:07  accuracy 0.8312</c>
/// (shorter than the plain lines, so that bar and status fit 80 columns). It ends itself when the last epoch ends.
/// </summary>
internal sealed class LiveTrainingProgress
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Room kept for the percentage and the status text (a typical status is about 55 characters).</summary>
    private const int StatusWidth = 70;
    private static LiveTrainingProgress? s_active;

    private readonly IAnsiConsole _console;
    private readonly TextWriter _writer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private StrongBox<TrainingProgress>? _latest;

    private LiveTrainingProgress(IAnsiConsole console, TextWriter writer)
    {
        _console = console;
        _writer = writer;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>A progress callback for <see cref="Trainer.Run"/>: a live bar on <paramref name="console"/> (whose output is
    /// <paramref name="writer"/>), started at the first report.</summary>
    public static Action<TrainingProgress> Reporter(Func<IAnsiConsole> console, TextWriter writer)
    {
        LiveTrainingProgress? live = null;
        return progress =>
        {
            if (live is null)
            {
                live = new LiveTrainingProgress(console(), writer);
                Interlocked.Exchange(ref s_active, live)?.Stop();
            }
            Volatile.Write(ref live._latest, new StrongBox<TrainingProgress>(progress));
            if (progress.Epoch >= progress.Epochs) live.Stop();
        };
    }

    /// <summary>Ends the bar drawn on <paramref name="writer"/>, if any, so an error written there next does not mix with it.</summary>
    public static void StopActiveOn(TextWriter writer)
    {
        if (Volatile.Read(ref s_active) is { } live && ReferenceEquals(live._writer, writer)) live.Stop();
    }

    private void Stop()
    {
        Interlocked.CompareExchange(ref s_active, null, this);
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
#pragma warning disable CA1031 // A failure to draw progress must never fail the training.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        await _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new ProgressBarColumn { Width = Math.Clamp(_console.Profile.Width - StatusWidth, 10, 40) }, new PercentageColumn(), new StatusColumn(this))
            .StartAsync(async context =>
            {
                var task = context.AddTask("training", maxValue: 1);
                while (!token.IsCancellationRequested)
                {
                    task.Value = Volatile.Read(ref _latest)?.Value.Fraction ?? 0;
                    try
                    {
                        await Task.Delay(PollInterval, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                task.Value = Volatile.Read(ref _latest)?.Value.Fraction ?? 0;
                if (task.Value >= task.MaxValue) task.StopTask();
            }).ConfigureAwait(false);
    }

    private sealed class StrongBox<T>(T value)
    {
        public T Value { get; } = value;
    }

    /// <summary>The status text after the bar.</summary>
    private sealed class StatusColumn(LiveTrainingProgress owner) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(Volatile.Read(ref owner._latest) is { } p ? Status(p.Value) : "starting") { Overflow = Overflow.Ellipsis };
    }

    /// <summary>The status after the bar: <c>epoch 2/3  1200/6000  850/s  ETA 0:07  accuracy 0.8312</c>.</summary>
    internal static string Status(TrainingProgress p)
    {
        // The plain line without its words "samples": the bar already says how far the run is.
        var line = TrainingProgressLines.Format(p);
        return line.Replace(" samples/s", "/s", StringComparison.Ordinal).Replace(" samples", "", StringComparison.Ordinal);
    }
}

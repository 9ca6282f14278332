using System.Diagnostics;
using System.Globalization;
using Dendra.Cli.Parsing;
using Dendra.Simulator.Graph;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dendra.Cli.Reporting;

/// <summary>
/// The live progress bar of one run on a terminal (Spectre.Console), on its own background task: the simulation
/// thread only stores the latest <see cref="RunProgress"/> (<see cref="Report"/>), and the bar polls it. The bar
/// appears only once the run looks like it will take longer than about a second, so short runs print nothing.
/// </summary>
internal sealed class LiveRunProgress
{
    /// <summary>Wall time after which the bar appears in any case.</summary>
    internal static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(1);

    /// <summary>Earliest wall time at which the bar appears, when the run's projected length exceeds <see cref="ShowAfter"/>.</summary>
    internal static readonly TimeSpan ShowEarliest = TimeSpan.FromSeconds(0.3);

    /// <summary>Room kept for the status text (a typical one is about 60 characters).</summary>
    private const int StatusWidth = 64;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static LiveRunProgress? s_active;
    private static int s_exitHooked;

    private readonly IAnsiConsole _console;
    private readonly TextWriter _writer;
    private readonly long _steps;
    private readonly double _dt;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private RunProgress? _latest;
    private string _status = "";

    private LiveRunProgress(IAnsiConsole console, TextWriter writer, long steps, double dt)
    {
        _console = console;
        _writer = writer;
        _steps = steps;
        _dt = dt;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Starts watching a run of <paramref name="steps"/> steps of <paramref name="dt"/> seconds, drawing on
    /// <paramref name="console"/>, whose output is <paramref name="writer"/>.
    /// </summary>
    public static LiveRunProgress Start(IAnsiConsole console, TextWriter writer, long steps, double dt)
    {
        StopActive();
        if (Interlocked.Exchange(ref s_exitHooked, 1) == 0)
        {
            // Ctrl+C or SIGTERM during a run: end the bar first, so the terminal gets its cursor back.
            Console.CancelKeyPress += (_, _) => StopActive();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopActive();
        }
        var live = new LiveRunProgress(console, writer, steps, dt);
        Volatile.Write(ref s_active, live);
        return live;
    }

    /// <summary>Ends the bar that is on screen, if any (on Ctrl+C, at exit, or when another run starts).</summary>
    public static void StopActive() => Interlocked.Exchange(ref s_active, null)?.Stop();

    /// <summary>
    /// Ends the bar drawn on <paramref name="writer"/>, if any, so that what is written there next (an error, say)
    /// does not mix with it. Called by <see cref="ErrorReporter"/> before it writes.
    /// </summary>
    public static void StopActiveOn(TextWriter writer)
    {
        if (Volatile.Read(ref s_active) is { } live && ReferenceEquals(live._writer, writer)) live.Stop();
    }

    /// <summary>Takes the latest progress; called from the simulation thread, so it only stores a reference.</summary>
    public void Report(RunProgress progress) => Volatile.Write(ref _latest, progress);

    /// <summary>Ends the bar (leaving its last state on screen) and waits until it is drawn.</summary>
    public void Stop()
    {
        Interlocked.CompareExchange(ref s_active, null, this);
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
#pragma warning disable CA1031 // A failure to draw progress must never fail the run.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The status text after the bar: <c>0.84 s / 2 s  2.10× real time  1.23M spikes/s  ETA 1s</c>.</summary>
    internal static string Status(long stepsDone, long stepsTotal, double dt, long spikes, TimeSpan elapsed)
    {
        var wall = elapsed.TotalSeconds;
        var simulated = stepsDone * dt;
        var total = stepsTotal * dt;
        // Simulated time in the unit of the total, with fixed decimals so that the text does not jitter.
        var now = Math.Abs(total) switch
        {
            >= 1 or 0 => string.Create(CultureInfo.InvariantCulture, $"{simulated:0.00} s"),
            >= 1e-5 => string.Create(CultureInfo.InvariantCulture, $"{simulated * 1e3:0.0} ms"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{simulated * 1e6:0.0} µs"),
        };
        var text = $"{now} / {Quantity.FormatTime(total)}";
        if (wall > 0 && stepsDone > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"  {simulated / wall:0.00}× real time  {SiCount(spikes / wall)} spikes/s");
            if (stepsDone < stepsTotal)
                text += $"  ETA {FormatEta(TimeSpan.FromSeconds(wall * (stepsTotal - stepsDone) / stepsDone))}";
        }
        return text;
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        try
        {
            // Wait until the run has lasted a second, or is far enough along to tell that it will.
            while (true)
            {
                var elapsed = _clock.Elapsed;
                if (elapsed >= ShowAfter) break;
                if (elapsed >= ShowEarliest && Volatile.Read(ref _latest) is { StepsDone: > 0, StepsTotal: > 0 } p
                    && p.StepsDone < p.StepsTotal
                    && elapsed.TotalSeconds * p.StepsTotal / p.StepsDone >= ShowAfter.TotalSeconds)
                    break;
                await Task.Delay(TimeSpan.FromMilliseconds(20), token).ConfigureAwait(false);
            }

            Update(null);
            await _console.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(
                    new ProgressBarColumn { Width = Math.Clamp(_console.Profile.Width - StatusWidth - 8, 10, 40) },
                    new PercentageColumn(),
                    new StatusColumn(this))
                .StartAsync(async context =>
                {
                    var task = context.AddTask("simulating", maxValue: Math.Max(1, _steps));
                    while (!token.IsCancellationRequested)
                    {
                        Update(task);
                        try
                        {
                            await Task.Delay(PollInterval, token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            break;
                        }
                    }
                    Update(task);
                    if (task.Value >= task.MaxValue) task.StopTask();
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The run ended before the bar was worth showing.
        }
    }

    private void Update(ProgressTask? task)
    {
        var p = Volatile.Read(ref _latest);
        long done = p?.StepsDone ?? 0;
        Volatile.Write(ref _status, Status(done, _steps, _dt, p?.Spikes ?? 0, _clock.Elapsed));
        if (task is not null) task.Value = _steps > 0 ? done : (p is null ? 0 : 1);
    }

    private static string SiCount(double value) => value switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e9:0.00}G"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e6:0.00}M"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{value / 1e3:0.0}k"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0}"),
    };

    private static string FormatEta(TimeSpan t)
    {
        var seconds = (long)Math.Ceiling(t.TotalSeconds);
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m{seconds % 60:00}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h{seconds % 3600 / 60:00}m"),
        };
    }

    /// <summary>Shows the status text that the poll loop last computed.</summary>
    private sealed class StatusColumn(LiveRunProgress owner) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(Volatile.Read(ref owner._status), new Style(Color.Grey)) { Overflow = Overflow.Ellipsis };
    }
}

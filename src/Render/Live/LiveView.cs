using System.Globalization;
using Dendra.Render.Activity;
using Dendra.Render.Drawing;
using Dendra.Render.Output;
using Dendra.Render.Views;
using Dendra.Simulator.Graph;
using Silk.NET.OpenGL;

namespace Dendra.Render.Live;

/// <summary>What a live view did.</summary>
/// <param name="Frames">Frames drawn.</param>
/// <param name="StepsDone">Steps simulated.</param>
/// <param name="StoppedEarly">True when the window was closed before the run ended.</param>
/// <param name="SimulationSeconds">Wall time the simulation thread spent simulating.</param>
/// <param name="SnapshotsPublished">Snapshots handed to the renderer.</param>
/// <param name="Screenshots">Screenshots written.</param>
/// <param name="DrawSeconds">Wall time spent drawing and presenting frames (what limits the frame rate, apart from the 60 FPS cap).</param>
/// <param name="WallSeconds">Wall time the window was open.</param>
public sealed record LiveViewResult(int Frames, long StepsDone, bool StoppedEarly, double SimulationSeconds, long SnapshotsPublished,
    IReadOnlyList<string> Screenshots, double DrawSeconds, double WallSeconds)
{
    /// <summary>Mean time to draw one frame, in milliseconds.</summary>
    public double MillisecondsPerFrame => Frames > 0 ? DrawSeconds * 1e3 / Frames : double.NaN;

    /// <summary>Wall time the simulation thread spent on the window's behalf (collecting activity, copying snapshots), outside <see cref="SimulationSeconds"/>.</summary>
    public double RendererSeconds { get; init; }

    /// <summary>
    /// The share of the simulation thread's running time spent on the window's behalf: <see cref="RendererSeconds"/> ÷
    /// (<see cref="SimulationSeconds"/> + <see cref="RendererSeconds"/>). Both are measured on that thread within one run,
    /// so other programs on the machine hardly move it; CPU time the drawing itself takes from the simulation's cores is
    /// not in it (see docs/benchmarks.md).
    /// </summary>
    public double RendererShare => SimulationSeconds + RendererSeconds > 0 ? RendererSeconds / (SimulationSeconds + RendererSeconds) : double.NaN;
}

/// <summary>
/// Runs a network with a live window: the simulation on a thread of its own, the window drawing the newest snapshot
/// at up to <see cref="ViewOptions.MaxFramesPerSecond"/>. Keys: Space pause/resume, Right or S one step, Up/+ faster, Down/- slower,
/// 1–9 show/hide a view, P or F12 screenshot, Q or Esc close (which ends the run).
/// </summary>
public sealed class LiveView
{
    private readonly Network _network;
    private readonly ViewOptions _options;
    private readonly ActivityFeed _feed;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Key> _scriptedKeys = new();

    /// <summary>Attaches a live view to <paramref name="network"/>, which must not be built yet.</summary>
    public LiveView(Network network, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _options = options ?? new ViewOptions();
        _feed = new ActivityFeed(network, _options);
    }
    /// <summary>The key help shown in the title bar.</summary>
    public const string KeyHelp = "Space pause  S/Right step  Up/Down speed  1-9 views  P screenshot  Q quit";

    /// <summary>Runs the network for <paramref name="duration"/> simulated seconds in a live window.</summary>
    /// <param name="duration">Simulated time.</param>
    /// <param name="closeWhenDone">Close the window when the run ends (else it stays until closed, showing the end).</param>
    /// <param name="closeAfter">Close the window after this much wall time (for tests and demos); null never.</param>
    /// <exception cref="RenderException">No display, GLFW missing, or no OpenGL 3.3.</exception>
    public LiveViewResult Run(double duration, bool closeWhenDone = false, TimeSpan? closeAfter = null)
    {
        var options = _options;
        var views = new ViewSelection(_feed.Views());
        var driver = new SimulationDriver(_network, _feed, duration, options.MaxFramesPerSecond);

        using var window = Window.Open(options.Width, options.Height, $"Dendra   {KeyHelp}");
        using var renderer = new FrameRenderer(window.Gl);
        var loop = new WindowLoop(window, renderer, options, views, _scriptedKeys)
        {
            HandleKey = key =>
            {
                switch (key)
                {
                    case Key.Space: driver.TogglePause(); return true;
                    case Key.S or Key.Right: driver.StepOnce(); return true;
                    case Key.Up or Key.Equal: driver.ChangeSpeed(faster: true); return true;
                    case Key.Down or Key.Minus: driver.ChangeSpeed(faster: false); return true;
                    default: return false;
                }
            },
        };

        // Keys pressed before the window opened (scripted ones) act before the first step.
        loop.HandleKeys();
        var simulation = new Thread(driver.Run) { IsBackground = true, Name = "dendra-simulation" };
        simulation.Start();

        ActivitySnapshot? current = null;
        loop.Run(
            nextFrame: () => current = driver.TakeSnapshot() ?? current,
            done: () => (driver.Finished && (closeWhenDone || driver.Error is not null)) || (closeAfter is { } limit && loop.Elapsed >= limit));

        bool early = !driver.Finished;
        driver.Stop();
        simulation.Join();
        // The simulation's own error (a NaN blow-up naming its neuron, say), as if the run had not been in a window.
        if (driver.Error is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return new LiveViewResult(loop.Frames, driver.StepsDone, early, driver.SimulationTime.TotalSeconds, driver.SnapshotsPublished, loop.Screenshots,
            loop.DrawTime.TotalSeconds, loop.Elapsed.TotalSeconds) { RendererSeconds = driver.RendererTime.TotalSeconds };
    }

    /// <summary>Acts as if <paramref name="key"/> were pressed in the window (for tests and demos).</summary>
    internal void Press(Key key) => _scriptedKeys.Enqueue(key);

    internal static string Screenshot(GL gl, FrameRenderer renderer, ActivitySnapshot snapshot, Layout layout, ViewOptions options)
    {
        using var target = new Drawing.Framebuffer(gl, options.Width, options.Height);
        target.Bind();
        renderer.Draw(snapshot, layout, options.Width, options.Height, double.NaN);
        var image = new RgbaImage(options.Width, options.Height);
        target.ReadRgba().CopyTo(image.Pixels, 0);
        var path = Path.GetFullPath(string.Create(CultureInfo.InvariantCulture, $"dendra-screenshot-{DateTime.Now:yyyyMMdd-HHmmss-fff}.png"));
        PngFile.Write(path, image);
        return path;
    }
}

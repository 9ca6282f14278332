using System.Collections.Concurrent;
using System.Diagnostics;
using Dendra.Render.Activity;
using Dendra.Render.Drawing;
using Silk.NET.OpenGL;

namespace Dendra.Render.Live;

/// <summary>
/// The loop the live window and the replay player share: each turn polls events, hands every key (pressed or
/// scripted) to the caller, draws the snapshot the caller prepares, takes a screenshot when asked, and then sleeps
/// out the rest of the frame, so neither draws faster than <see cref="ViewOptions.MaxFramesPerSecond"/>.
/// Q/Esc (close), P/F12 (screenshot) and the digits (views) mean the same in both, and are handled here.
/// </summary>
internal sealed class WindowLoop(Window window, FrameRenderer renderer, ViewOptions options, ViewSelection views, ConcurrentQueue<Key> scriptedKeys)
{
    private readonly Stopwatch _clock = new();
    private readonly Queue<double> _frameTimes = new();
    private bool _quit;
    private bool _screenshotWanted;

    /// <summary>The caller's keys; returns false for a key it does not use.</summary>
    public required Func<Key, bool> HandleKey { get; init; }

    /// <summary>Frames drawn.</summary>
    public int Frames { get; private set; }

    /// <summary>Wall time spent drawing and presenting frames.</summary>
    public TimeSpan DrawTime { get; private set; }

    /// <summary>Wall time since <see cref="Run"/> started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Screenshots written.</summary>
    public List<string> Screenshots { get; } = [];

    /// <summary>Hands every key waiting (in the window, or scripted) to <see cref="HandleKey"/>, or acts on it here.</summary>
    public void HandleKeys()
    {
        while (window.TryReadKey(out var key) || scriptedKeys.TryDequeue(out key))
        {
            if (HandleKey(key) || views.Toggle(key)) continue;
            if (key is Key.P or Key.F12) _screenshotWanted = true;
            else if (key is Key.Q or Key.Escape) _quit = true;
        }
    }

    /// <summary>Turns until the window is closed, Q is pressed or <paramref name="done"/> says so.</summary>
    /// <param name="nextFrame">After the keys: the snapshot to draw this turn, or null to draw nothing.</param>
    /// <param name="done">After the frame is prepared, before it is drawn: true ends the loop.</param>
    public void Run(Func<ActivitySnapshot?> nextFrame, Func<bool> done)
    {
        _clock.Start();
        while (!window.ShouldClose)
        {
            var turnStart = _clock.Elapsed;
            Window.PollEvents();
            HandleKeys();
            if (_quit) break;
            var snapshot = nextFrame();
            if (done()) break;
            if (snapshot is not null) Draw(snapshot);
            var rest = TimeSpan.FromSeconds(1.0 / options.MaxFramesPerSecond) - (_clock.Elapsed - turnStart);
            if (rest > TimeSpan.Zero) Thread.Sleep(rest);
        }
    }

    private void Draw(ActivitySnapshot snapshot)
    {
        var drawStart = _clock.Elapsed;
        var (width, height) = window.FramebufferSize;
        var layout = views.Layout();
        window.Gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
        double fps = _frameTimes.Count > 1 ? (_frameTimes.Count - 1) / (_frameTimes.Last() - _frameTimes.Peek()) : double.NaN;
        renderer.Draw(snapshot, layout, width, height, fps);
        window.SwapBuffers();
        window.Gl.Finish();
        DrawTime += _clock.Elapsed - drawStart;
        Frames++;
        _frameTimes.Enqueue(_clock.Elapsed.TotalSeconds);
        while (_frameTimes.Count > 30) _frameTimes.Dequeue();
        if (_screenshotWanted)
        {
            Screenshots.Add(LiveView.Screenshot(window.Gl, renderer, snapshot, layout, options));
            _screenshotWanted = false;
        }
    }
}

using Dendra.Render.Activity;
using Dendra.Render.Drawing;
using Dendra.Render.Live;
using Dendra.Render.Output;
using Dendra.Render.Views;
using Silk.NET.OpenGL;

namespace Dendra.Render.Replay;

/// <summary>What a replay in a window did.</summary>
/// <param name="Frames">Frames drawn.</param>
/// <param name="LastPosition">The step the replay stood at when the window closed.</param>
/// <param name="Screenshots">Screenshots written.</param>
public sealed record ReplayResult(int Frames, long LastPosition, IReadOnlyList<string> Screenshots);

/// <summary>
/// Plays a recording in a window at any speed. Keys: Space pause/play, ← / → seek back / forward by half a window,
/// ↑ / ↓ double / halve the speed, Home / End jump to the start / end, 1–9 show/hide a view, P screenshot, Q or Esc
/// close. Clicking or dragging on the bar at the bottom scrubs to that time.
/// </summary>
public sealed class ReplayPlayer
{
    /// <summary>The key help shown in the title bar.</summary>
    public const string KeyHelp = "Space play/pause  Left/Right seek  Up/Down speed  Home/End  drag the bar to scrub  P screenshot  Q quit";

    private readonly RecordingActivity _activity;
    private readonly ViewOptions _options;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Key> _scriptedKeys = new();

    /// <summary>A player for <paramref name="activity"/>, drawing frames of the size <paramref name="options"/> gives.</summary>
    public ReplayPlayer(RecordingActivity activity, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _activity = activity;
        _options = options ?? new ViewOptions();
    }

    /// <summary>Opens the window and plays from the start at <paramref name="speed"/> × real time until the window is closed
    /// (or, with <paramref name="closeAtEnd"/>, until the end of the recording).</summary>
    /// <exception cref="RenderException">No display, GLFW missing, or no OpenGL 3.3.</exception>
    public ReplayResult Play(double speed = 1, bool closeAtEnd = false)
    {
        if (!(speed > 0) || !double.IsFinite(speed)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "the speed must be a positive multiple of real time");
        var views = new ViewSelection(_activity.Views());
        using var window = Window.Open(_options.Width, _options.Height, $"Dendra replay   {KeyHelp}");
        using var renderer = new FrameRenderer(window.Gl);
        double position = _activity.FirstStep;
        bool playing = true;
        long seek = Math.Max(1, _activity.WindowSteps / 2);
        var last = TimeSpan.Zero;

        var loop = new WindowLoop(window, renderer, _options, views, _scriptedKeys)
        {
            HandleKey = key =>
            {
                switch (key)
                {
                    case Key.Space: playing = !playing; return true;
                    case Key.Left: position -= seek; return true;
                    case Key.Right: position += seek; return true;
                    case Key.Up or Key.Equal: speed = Math.Min(speed * 2, 1024); return true;
                    case Key.Down or Key.Minus: speed = Math.Max(speed / 2, 1.0 / 1024); return true;
                    case Key.Home: position = _activity.FirstStep; return true;
                    case Key.End: position = _activity.EndStep; return true;
                    default: return false;
                }
            },
        };

        ActivitySnapshot NextFrame()
        {
            var now = loop.Elapsed;
            if (window.MouseDown)
            {
                var (width, height) = window.FramebufferSize;
                var bar = FrameRenderer.TimelineArea(width, height);
                var (x, y) = window.Cursor;
                if (y >= bar.Y - 4 && bar.Width > 0)
                    position = _activity.FirstStep + Math.Clamp((x - bar.X) / bar.Width, 0, 1) * (_activity.EndStep - _activity.FirstStep);
            }
            // A stalled frame (a slow first draw, a busy machine) advances at most 100 ms, so playback never jumps ahead.
            if (playing) position += Math.Min((now - last).TotalSeconds, 0.1) * speed / _activity.Dt;
            last = now;
            position = Math.Clamp(position, _activity.FirstStep, _activity.EndStep);
            var status = new RunStatus((long)position * _activity.Dt, playing ? speed : 0, double.NaN, "replay", Paused: !playing, Finished: position >= _activity.EndStep);
            return _activity.Snapshot((long)position, status);
        }

        loop.Run(NextFrame, done: () => closeAtEnd && position >= _activity.EndStep);
        return new ReplayResult(loop.Frames, (long)position, loop.Screenshots);
    }

    /// <summary>Acts as if <paramref name="key"/> were pressed (for tests and demos).</summary>
    internal void Press(Key key) => _scriptedKeys.Enqueue(key);

    /// <summary>Renders the recording offscreen into <paramref name="sink"/>: one frame per <paramref name="frameInterval"/> of recorded time.</summary>
    /// <returns>Frames written.</returns>
    public int Render(IFrameSink sink, double frameInterval = 0.01, double? from = null, double? to = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (!(frameInterval > 0)) throw new ArgumentOutOfRangeException(nameof(frameInterval), frameInterval, "frames need a positive interval of recorded time");
        using var renderer = new OffscreenRenderer(_options.Width, _options.Height);
        var layout = new Layout(_activity.Views(), columns: 2);
        long step = Math.Max(1, (long)Math.Round(frameInterval / _activity.Dt));
        long first = from is { } f ? Math.Max(_activity.FirstStep, (long)Math.Round(f / _activity.Dt)) : _activity.FirstStep;
        long end = to is { } t ? Math.Min(_activity.EndStep, (long)Math.Round(t / _activity.Dt)) : _activity.EndStep;
        int frames = 0;
        for (long now = first + step; now <= end; now += step)
        {
            var status = new RunStatus(now * _activity.Dt, double.NaN, double.NaN, "replay");
            sink.Write(renderer.Render(_activity.Snapshot(now, status), layout));
            frames++;
        }
        return frames;
    }
}

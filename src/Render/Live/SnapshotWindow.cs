using Dendra.Render.Activity;
using Dendra.Render.Drawing;
using Dendra.Render.Views;

namespace Dendra.Render.Live;

/// <summary>What a <see cref="SnapshotWindow"/> did.</summary>
/// <param name="Frames">Frames drawn.</param>
/// <param name="ClosedEarly">True when the window was closed before the work ended (the work then went on without it).</param>
/// <param name="Screenshots">Screenshots written.</param>
/// <param name="DrawSeconds">Wall time spent drawing and presenting frames.</param>
public sealed record SnapshotWindowResult(int Frames, bool ClosedEarly, IReadOnlyList<string> Screenshots, double DrawSeconds);

/// <summary>
/// A live window for work that is not a network run — a learner's training, say: the work runs on a thread of its own
/// and publishes snapshots through a <see cref="SnapshotMailbox"/>; the window draws the newest at up to
/// <see cref="ViewOptions.MaxFramesPerSecond"/>. Keys: 1–9 show/hide a view, P or F12 screenshot, Q or Esc close. Closing
/// the window does not stop the work: it goes on without it, and <see cref="Run"/> returns when it ends.
/// </summary>
public static class SnapshotWindow
{
    /// <summary>The key help shown in the title bar.</summary>
    public const string KeyHelp = "1-9 views  P screenshot  Q close (the work goes on)";

    /// <summary>Runs <paramref name="work"/> on a thread of its own while a window draws what it publishes.</summary>
    /// <param name="work">The work; it publishes snapshots into the mailbox it is given.</param>
    /// <param name="views">The views to draw.</param>
    /// <param name="options">Frame size and rate.</param>
    /// <param name="closeWhenDone">Close the window when the work ends (else it stays, showing the end, until closed).</param>
    /// <param name="closeAfter">Close the window after this much wall time (for tests and demos); null never.</param>
    /// <exception cref="RenderException">No display, GLFW missing, or no OpenGL 3.3 (the work does not start).</exception>
    public static SnapshotWindowResult Run(Action<SnapshotMailbox> work, IReadOnlyList<IView> views, ViewOptions options, bool closeWhenDone = false, TimeSpan? closeAfter = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(options);
        var mailbox = new SnapshotMailbox();
        using var window = Window.Open(options.Width, options.Height, $"Dendra   {KeyHelp}");
        using var renderer = new FrameRenderer(window.Gl);
        var loop = new WindowLoop(window, renderer, options, new ViewSelection(views), new System.Collections.Concurrent.ConcurrentQueue<Key>()) { HandleKey = _ => false };
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                work(mailbox);
            }
#pragma warning disable CA1031 // The error is handed to the thread that started the work.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = e;
            }
        }) { IsBackground = true, Name = "dendra-work" };
        thread.Start();
        ActivitySnapshot? current = null;
        loop.Run(
            nextFrame: () => current = mailbox.Take() ?? current,
            done: () => (!thread.IsAlive && (closeWhenDone || error is not null)) || (closeAfter is { } limit && loop.Elapsed >= limit));
        bool early = thread.IsAlive;
        mailbox.Close();
        thread.Join();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return new SnapshotWindowResult(loop.Frames, early, loop.Screenshots, loop.DrawTime.TotalSeconds);
    }
}

using Dendra.Render.Activity;
using Dendra.Render.Views;
using Silk.NET.OpenGL;

namespace Dendra.Render.Drawing;

/// <summary>Draws whole frames — background, HUD and every view of a layout — on the current OpenGL target.</summary>
internal sealed class FrameRenderer : IDisposable
{
    private readonly Canvas _canvas;

    /// <summary>Creates the renderer's shaders and textures on the current context.</summary>
    public FrameRenderer(GL gl) => _canvas = new Canvas(gl);

    /// <summary>Height of a line of text.</summary>
    public int LineHeight => _canvas.TextHeight;

    /// <summary>Height of the replay scrub bar at the bottom of the frame.</summary>
    internal const int TimelineHeight = 14;

    /// <summary>Where the replay scrub bar lies in a <paramref name="width"/> × <paramref name="height"/> frame.</summary>
    public static Area TimelineArea(int width, int height) =>
        new(Layout.Padding, height - Layout.Padding - TimelineHeight, Math.Max(0, width - 2 * Layout.Padding), TimelineHeight);

    /// <summary>Draws <paramref name="snapshot"/> with <paramref name="layout"/> into a <paramref name="width"/> × <paramref name="height"/> target.</summary>
    public void Draw(ActivitySnapshot snapshot, Layout layout, int width, int height, double fps)
    {
        _canvas.Begin(width, height);
        _canvas.Clear(Rgba.Background);
        // A replay keeps a strip at the bottom for its scrub bar.
        int viewsHeight = snapshot.Timeline is null ? height : height - TimelineHeight - Layout.Padding;
        var (hud, panels) = layout.Arrange(width, viewsHeight, _canvas.TextHeight);
        if (snapshot.Timeline is { } timeline) DrawTimeline(timeline, snapshot.Dt, TimelineArea(width, height));
        _canvas.Text(hud.X, hud.Y, HudView.Text(snapshot.Status, fps), Rgba.Text);
        for (int k = 0; k < layout.Views.Count; k++)
        {
            var view = layout.Views[k];
            var (x, y, plot) = panels[k];
            _canvas.Text(x, y, view.Title, Rgba.Axis);
            if (plot.Width > 0 && plot.Height > 0) view.Draw(_canvas, plot, snapshot);
        }
        _canvas.Flush();
    }

    private void DrawTimeline(Timeline timeline, double dt, Area bar)
    {
        if (bar.Width < 4) return;
        _canvas.Fill(bar, new Rgba(35, 35, 45));
        int done = (int)Math.Round(timeline.Fraction * bar.Width);
        _canvas.Fill(bar with { Width = done }, new Rgba(70, 90, 130));
        _canvas.Fill(new Area(bar.X + Math.Min(done, bar.Width - 2), bar.Y, 2, bar.Height), Rgba.Text);
        var label = System.FormattableString.Invariant($"{timeline.Position * dt:0.000} s / {timeline.EndStep * dt:0.000} s");
        _canvas.Text(bar.Right - _canvas.MeasureText(label) - 4, bar.Y + (bar.Height - _canvas.TextHeight) / 2, label, Rgba.Text);
    }

    /// <inheritdoc/>
    public void Dispose() => _canvas.Dispose();
}

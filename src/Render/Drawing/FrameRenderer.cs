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

    /// <summary>Draws <paramref name="snapshot"/> with <paramref name="layout"/> into a <paramref name="width"/> × <paramref name="height"/> target.</summary>
    public void Draw(ActivitySnapshot snapshot, Layout layout, int width, int height, double fps)
    {
        _canvas.Begin(width, height);
        _canvas.Clear(Rgba.Background);
        var (hud, panels) = layout.Arrange(width, height, _canvas.TextHeight);
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

    /// <inheritdoc/>
    public void Dispose() => _canvas.Dispose();
}

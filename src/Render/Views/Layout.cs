using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>
/// How views share a frame: the HUD line across the top, then the views in a grid of <see cref="Columns"/> columns,
/// filled row by row, each panel a title line above its plot.
/// </summary>
public sealed class Layout
{
    /// <summary>Pixels between panels and around the frame.</summary>
    internal const int Padding = 6;

    /// <summary>Creates a layout of <paramref name="views"/> in <paramref name="columns"/> columns.</summary>
    public Layout(IEnumerable<IView> views, int columns = 2)
    {
        ArgumentNullException.ThrowIfNull(views);
        Views = [.. views];
        if (Views.Count == 0) throw new ArgumentException("a layout needs at least one view", nameof(views));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "at least one column");
        Columns = Math.Min(columns, Views.Count);
    }

    /// <summary>The views, in order.</summary>
    public IReadOnlyList<IView> Views { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>The panels of a <paramref name="width"/> × <paramref name="height"/> frame whose text lines are
    /// <paramref name="lineHeight"/> tall: the HUD line, and per view its title's position and its plot area.</summary>
    internal (Area Hud, IReadOnlyList<(int TitleX, int TitleY, Area Plot)> Panels) Arrange(int width, int height, int lineHeight)
    {
        var hud = new Area(Padding, Padding, Math.Max(0, width - 2 * Padding), lineHeight);
        int top = hud.Bottom + Padding;
        int rows = (Views.Count + Columns - 1) / Columns;
        int panelWidth = Math.Max(0, (width - Padding * (Columns + 1)) / Columns);
        int panelHeight = Math.Max(0, (height - top - Padding * rows) / rows);
        var panels = new List<(int, int, Area)>();
        for (int k = 0; k < Views.Count; k++)
        {
            int x = Padding + k % Columns * (panelWidth + Padding);
            int y = top + k / Columns * (panelHeight + Padding);
            var plot = new Area(x, y + lineHeight + 2, panelWidth, Math.Max(0, panelHeight - lineHeight - 2));
            panels.Add((x, y, plot));
        }
        return (hud, panels);
    }
}

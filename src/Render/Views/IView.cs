using Dendra.Render.Activity;
using Dendra.Render.Drawing;

namespace Dendra.Render.Views;

/// <summary>One panel of the display: draws a snapshot into its area of the frame.</summary>
public interface IView
{
    /// <summary>Title drawn at the top of the panel.</summary>
    string Title { get; }

    /// <summary>Draws <paramref name="snapshot"/> into <paramref name="plot"/>, the panel's area below its title.</summary>
    internal void Draw(Canvas canvas, Area plot, ActivitySnapshot snapshot);
}

namespace Dendra.Render.Drawing;

/// <summary>An axis-aligned rectangle in pixels, origin at the top left of the frame.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct Area(int X, int Y, int Width, int Height)
{
    /// <summary>Right edge (exclusive).</summary>
    public int Right => X + Width;

    /// <summary>Bottom edge (exclusive).</summary>
    public int Bottom => Y + Height;

    /// <summary>This area shrunk by <paramref name="left"/>, <paramref name="top"/>, <paramref name="right"/>, <paramref name="bottom"/> pixels (never below zero size).</summary>
    public Area Inset(int left, int top, int right, int bottom) =>
        new(X + left, Y + top, Math.Max(0, Width - left - right), Math.Max(0, Height - top - bottom));

    /// <summary>True when the pixel (<paramref name="x"/>, <paramref name="y"/>) lies inside.</summary>
    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;
}

using System.Globalization;

namespace Dendra.Render.Drawing;

/// <summary>A colour with 8 bits per channel.</summary>
/// <param name="R">Red.</param>
/// <param name="G">Green.</param>
/// <param name="B">Blue.</param>
/// <param name="A">Opacity.</param>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>The background of every view.</summary>
    public static Rgba Background { get; } = new(12, 12, 18);

    /// <summary>Axis lines, frames and labels.</summary>
    public static Rgba Axis { get; } = new(110, 110, 125);

    /// <summary>Text.</summary>
    public static Rgba Text { get; } = new(225, 225, 230);

    /// <summary>One colour per population, in order (repeating after eight): distinguishable on the dark background.</summary>
    public static IReadOnlyList<Rgba> Populations { get; } =
    [
        new(255, 140, 40), new(70, 160, 255), new(120, 220, 90), new(235, 80, 160),
        new(250, 220, 70), new(170, 120, 255), new(80, 220, 210), new(240, 90, 70),
    ];

    /// <summary>The colour of population number <paramref name="index"/>.</summary>
    public static Rgba Population(int index) => Populations[index % Populations.Count];

    /// <summary>Linear interpolation from <paramref name="a"/> to <paramref name="b"/>.</summary>
    public static Rgba Lerp(Rgba a, Rgba b, double t)
    {
        t = Math.Clamp(t, 0, 1);
        static byte Mix(byte x, byte y, double t) => (byte)Math.Round(x + (y - x) * t);
        return new Rgba(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t), Mix(a.A, b.A, t));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{R:X2}{G:X2}{B:X2}{A:X2}");
}

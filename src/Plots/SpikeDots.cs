using ScottPlot;
using SkiaSharp;

namespace Dendra.Plots;

/// <summary>
/// Many same-coloured square dots drawn in one Skia call, without anti-aliasing: ScottPlot's own markers draw
/// one shape per point, which takes seconds for 10⁶ spikes; this takes milliseconds.
/// </summary>
internal sealed class SpikeDots : IPlottable
{
    private readonly double[] _xs;
    private readonly double[] _ys;
    private readonly Color _color;
    private readonly float _size;

    /// <summary>Dots at (<paramref name="xs"/>[k], <paramref name="ys"/>[k]), <paramref name="size"/> pixels wide.</summary>
    public SpikeDots(double[] xs, double[] ys, Color color, float size)
    {
        if (xs.Length != ys.Length) throw new ArgumentException("xs and ys differ in length", nameof(ys));
        _xs = xs;
        _ys = ys;
        _color = color;
        _size = size;
    }

    /// <summary>The legend label; none when null.</summary>
    public string? LegendText { get; set; }

    /// <inheritdoc />
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc />
    public IAxes Axes { get; set; } = new ScottPlot.Axes();

    /// <inheritdoc />
    public IEnumerable<LegendItem> LegendItems => LegendText is null
        ? []
        : [new LegendItem { LabelText = LegendText, MarkerShape = MarkerShape.FilledSquare, MarkerSize = 8, MarkerFillColor = _color, MarkerLineColor = _color }];

    /// <inheritdoc />
    public AxisLimits GetAxisLimits() => _xs.Length == 0
        ? AxisLimits.NoLimits
        : new AxisLimits(_xs.Min(), _xs.Max(), _ys.Min(), _ys.Max());

    /// <inheritdoc />
    public void Render(RenderPack rp)
    {
        if (_xs.Length == 0) return;
        var data = rp.DataRect;
        var points = new SKPoint[_xs.Length];
        for (int k = 0; k < points.Length; k++)
        {
            // Pixel centres, so that 1-pixel dots land on exactly one pixel.
            points[k] = new SKPoint(MathF.Floor(Axes.GetPixelX(_xs[k])) + 0.5f, MathF.Floor(Axes.GetPixelY(_ys[k])) + 0.5f);
        }
        using var paint = new SKPaint
        {
            Color = new SKColor(_color.R, _color.G, _color.B, _color.A),
            StrokeWidth = _size,
            StrokeCap = SKStrokeCap.Square,
            Style = SKPaintStyle.Stroke,
            IsAntialias = false,
        };
        var canvas = rp.Canvas;
        canvas.Save();
        canvas.ClipRect(new SKRect(data.Left, data.Top, data.Right, data.Bottom));
        canvas.DrawPoints(SKPointMode.Points, points, paint);
        canvas.Restore();
    }
}

using Dendra.Render.Views;

namespace Dendra.Render.Activity;

/// <summary>What a live view or a rendered video shows and how: the time window, the frame size, traces, receptive
/// fields, weight histograms and the grid layout of populations. Methods return the options, so they chain.</summary>
public sealed class ViewOptions
{
    private readonly List<(string Population, string Variable, int[] Neurons)> _traces = [];
    private readonly List<(string Projection, int Width, int Height)> _fields = [];
    private readonly List<string> _histograms = [];
    private readonly Dictionary<string, (int Width, int Height)> _grids = new(StringComparer.Ordinal);

    /// <summary>Simulated time the raster and rate plots span, in seconds (default 1 s).</summary>
    public double WindowSeconds { get; set; } = 1.0;

    /// <summary>Simulated time between two samples of the weights that receptive fields and weight histograms show, in
    /// seconds (default 10 ms): a weight monitor takes them, so the views never read the backend.</summary>
    public double WeightSampleSeconds { get; set; } = 0.01;

    /// <summary>Frame width in pixels (default 1280).</summary>
    public int Width { get; set; } = 1280;

    /// <summary>Frame height in pixels (default 720).</summary>
    public int Height { get; set; } = 720;

    /// <summary>The frame rate a window does not exceed (default 40); lower leaves more of a small machine to the simulation.</summary>
    public int MaxFramesPerSecond
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "at least one frame per second");
    } = 40;

    /// <summary>The views in order; null picks them from what is asked for (raster, activity heatmap, rates, then
    /// traces, receptive fields and weight histograms when given).</summary>
    public IReadOnlyList<IView>? Views { get; set; }

    /// <summary>Traces to show.</summary>
    public IReadOnlyList<(string Population, string Variable, int[] Neurons)> Traces => _traces;

    /// <summary>Receptive fields to show.</summary>
    public IReadOnlyList<(string Projection, int Width, int Height)> ReceptiveFields => _fields;

    /// <summary>Weight histograms to show.</summary>
    public IReadOnlyList<string> WeightHistograms => _histograms;

    /// <summary>Grid shapes of populations for the activity heatmap.</summary>
    public IReadOnlyDictionary<string, (int Width, int Height)> Grids => _grids;

    /// <summary>Shows <paramref name="variable"/> of <paramref name="neurons"/> of a population as traces.</summary>
    public ViewOptions Trace(string population, string variable, params int[] neurons)
    {
        _traces.Add((population, variable, neurons.Length > 0 ? neurons : [0]));
        return this;
    }

    /// <summary>Shows the incoming weights of every target unit of <paramref name="projection"/> as a
    /// <paramref name="width"/> × <paramref name="height"/> image (the presynaptic population's layout, e.g. 28 × 28).</summary>
    public ViewOptions ReceptiveField(string projection, int width, int height)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"a receptive field is at least 1×1, got {width}×{height}");
        _fields.Add((projection, width, height));
        return this;
    }

    /// <summary>Shows a histogram of the weights of <paramref name="projection"/>.</summary>
    public ViewOptions WeightHistogram(string projection)
    {
        _histograms.Add(projection);
        return this;
    }

    /// <summary>Lays population <paramref name="population"/> out on a <paramref name="width"/> × <paramref name="height"/> grid in the heatmap.</summary>
    public ViewOptions Grid(string population, int width, int height)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"a grid is at least 1×1, got {width}×{height}");
        _grids[population] = (width, height);
        return this;
    }

    /// <summary>The views to draw for a network with these populations.</summary>
    internal IReadOnlyList<IView> ResolveViews(IReadOnlyList<PopulationSpikes> populations)
    {
        if (Views is { Count: > 0 } chosen) return chosen;
        var views = new List<IView> { new RasterView() };
        if (populations.Count > 0)
            views.Add(new HeatmapView(populations.FirstOrDefault(p => _grids.ContainsKey(p.Name))?.Name ?? populations.MaxBy(p => p.Size)!.Name));
        views.Add(new RateView());
        if (_traces.Count > 0) views.Add(new TraceView());
        views.AddRange(_fields.Select(f => new ReceptiveFieldView(f.Projection)));
        views.AddRange(_histograms.Select(h => new WeightHistogramView(h)));
        return views;
    }
}

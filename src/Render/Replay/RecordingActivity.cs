using Dendra.Render.Activity;
using Dendra.Simulator.Recording;

namespace Dendra.Render.Replay;

/// <summary>
/// Builds the snapshots views draw from a recording: for a window ending at any step, the spikes of every recorded
/// population, traces of the first neurons of every state stream, and the latest weight snapshot of every weight
/// stream (as histograms, and as receptive fields where asked for). Reads only the chunks the window touches.
/// </summary>
public sealed class RecordingActivity
{
    /// <summary>Most neurons traced per state stream.</summary>
    private const int TracedNeurons = 3;

    private readonly RecordingReader _recording;
    private readonly ViewOptions _options;
    private readonly Dictionary<string, (SpikeWindow Spikes, long From, long To)> _cache = new(StringComparer.Ordinal);

    /// <summary>Reads from <paramref name="recording"/>, showing what <paramref name="options"/> asks for.</summary>
    public RecordingActivity(RecordingReader recording, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recording);
        _recording = recording;
        _options = options ?? new ViewOptions();
        foreach (var (projection, width, height) in _options.ReceptiveFields)
        {
            var slices = Slices(recording.Header, projection) ?? throw new ArgumentException($"{recording.Path} has no projection '{projection}'");
            if (slices.PreCount != width * height)
                throw new ArgumentException($"receptive fields of '{projection}' are {width}×{height} = {width * height} weights, but its presynaptic side has {slices.PreCount} neurons");
        }
        // A training recording says which of its rate projections' weights are images: show those as receptive fields
        // unless the options already ask for them.
        _fields = [.. _options.ReceptiveFields, .. recording.Header.RateProjections
            .Where(p => p.FieldWidth > 0 && !_options.ReceptiveFields.Any(f => f.Projection == p.Name))
            .Select(p => (p.Name, p.FieldWidth, p.FieldHeight))];
    }

    private readonly List<(string Projection, int Width, int Height)> _fields;

    /// <summary>The neurons a spiking or rate projection couples, by name; null when the recording has no such projection.</summary>
    private static (int PreStart, int PreCount, int PostStart, int PostCount)? Slices(RecordingHeader header, string name) =>
        header.Projections.FirstOrDefault(p => p.Name == name) is { } spiking ? (spiking.PreStart, spiking.PreCount, spiking.PostStart, spiking.PostCount)
        : header.RateProjections.FirstOrDefault(p => p.Name == name) is { } rate ? (rate.PreStart, rate.PreCount, rate.PostStart, rate.PostCount)
        : null;

    /// <summary>Time step of the recording.</summary>
    public double Dt => _recording.Header.Dt;

    /// <summary>First recorded step.</summary>
    public long FirstStep => _recording.FirstStep;

    /// <summary>Step after the last recorded one.</summary>
    public long EndStep => _recording.FirstStep + _recording.StepCount;

    /// <summary>Steps in the window.</summary>
    public long WindowSteps => Math.Max(1, (long)Math.Round(_options.WindowSeconds / Dt));

    /// <summary>The views for what this recording holds: raster, activity and rates, then traces and weights when recorded.</summary>
    public IReadOnlyList<Views.IView> Views()
    {
        if (_options.Views is { Count: > 0 } chosen) return chosen;
        var h = _recording.Header;
        var views = new List<Views.IView>();
        // A learner's recording holds weights, its units' activity and metrics only: it shows what its window showed, the
        // mosaic and beside it the activity when recorded, without empty raster and rate panels or a histogram that would
        // take half the mosaic's height; weights that are no images are shown as their histogram.
        if (IsLearner)
        {
            views.AddRange(_fields.Select(f => new Views.ReceptiveFieldView(f.Projection)));
            views.AddRange(h.StateStreams.Select(s => new Views.UnitActivityView(LearnerName, s.Variable)));
            if (_fields.Count == 0) views.AddRange(h.WeightStreams.Select(w => new Views.WeightHistogramView(h.ProjectionOf(w))));
            return views.Count > 0 ? views : [new Views.RasterView()];
        }
        views.Add(new Views.RasterView());
        var spiking = h.SpikeStreams.Select(i => h.Populations[i]).ToList();
        if (spiking.Count > 0)
            views.Add(new Views.HeatmapView(spiking.FirstOrDefault(p => _options.Grids.ContainsKey(p.Name))?.Name ?? spiking.MaxBy(p => p.Size)!.Name));
        views.Add(new Views.RateView());
        if (h.StateStreams.Length > 0) views.Add(new Views.TraceView());
        views.AddRange(_fields.Select(f => new Views.ReceptiveFieldView(f.Projection)));
        views.AddRange(h.WeightStreams.Select(w => new Views.WeightHistogramView(h.ProjectionOf(w))));
        return views;
    }

    /// <summary>What the views show with the window ending at step <paramref name="now"/>.</summary>
    public ActivitySnapshot Snapshot(long now, RunStatus status)
    {
        var h = _recording.Header;
        now = Math.Clamp(now, FirstStep, EndStep);
        long start = Math.Max(FirstStep, now - WindowSteps);
        double from = start * Dt, to = now * Dt;
        var populations = h.SpikeStreams.Select(i =>
        {
            var p = h.Populations[i];
            var (steps, neurons) = Spikes(p.Name, start, now);
            return new PopulationSpikes(p.Name, p.Size, steps, neurons)
            {
                Grid = _options.Grids.TryGetValue(p.Name, out var g) ? g : null,
            };
        }).ToList();
        // In a learner's recording a state stream is its units' activity, one sample per image of the minibatch before
        // each snapshot, not a trace over time.
        var traces = IsLearner ? [] : h.StateStreams.SelectMany(s =>
        {
            var p = h.Populations[s.Population];
            var state = _recording.ReadState(p.Name, s.Variable, from, to);
            return Enumerable.Range(0, Math.Min(TracedNeurons, state.Neurons.Length))
                .Select(k => new TraceSeries($"{p.Name}[{state.Neurons[k]}].{s.Variable}", state.Times, state.Trace(k)));
        }).ToList();
        // The newest snapshot at or before now: only its chunk is read, not every one since the start.
        var weights = h.WeightStreams.Select((w, stream) => (Name: h.ProjectionOf(w), w.Variable, Step: Latest(ChunkKind.Weights, stream, now)))
            .Where(w => w.Step is not null)
            .Select(w => (w.Name, Snapshot: _recording.ReadWeights(w.Name, w.Variable, w.Step!.Value * Dt, (w.Step.Value + 1) * Dt).LastOrDefault()))
            .Where(w => w.Snapshot is not null).ToList();
        // A learner's steps are minibatches: the HUD counts those, not seconds.
        if (IsLearner)
            status = status with { Description = FormattableString.Invariant($"{LearnerName}   minibatch {Math.Min(now, EndStep - 1)} of {EndStep - 1}   replay") };
        return new ActivitySnapshot(Dt, start, Math.Max(now, start + WindowSteps), populations, status)
        {
            Now = now,
            Traces = traces,
            Weights = weights.Select(w => new WeightSet(w.Name, w.Snapshot!.Values)).ToList(),
            Fields = _fields.Select(f =>
            {
                var snapshot = weights.FirstOrDefault(w => w.Name == f.Projection).Snapshot;
                return Fields(f.Projection, Slices(h, f.Projection)!.Value, f.Width, f.Height, snapshot);
            }).ToList(),
            Activities = IsLearner ? Activities(now) : [],
            Timeline = new Timeline(FirstStep, EndStep, now),
        };
    }

    /// <summary>True for a learner's recording (<see cref="RecordingHeader.Learner"/>): steps are minibatches.</summary>
    private bool IsLearner => _recording.Header.Learner.Length > 0;

    /// <summary>The learner's name: its rate projection's, which its receptive fields and activity are shown under.</summary>
    private string LearnerName => _recording.Header.RateProjections.Length > 0 ? _recording.Header.RateProjections[0].Name : "learner";

    /// <summary>The step of the newest chunk of <paramref name="kind"/> and <paramref name="stream"/> at or before <paramref name="now"/>; null when none.</summary>
    private long? Latest(ChunkKind kind, int stream, long now)
    {
        long? latest = null;
        foreach (var chunk in _recording.Chunks)
            if (chunk.Kind == kind && chunk.Stream == stream && chunk.FirstStep <= now && (latest is null || chunk.FirstStep > latest)) latest = chunk.FirstStep;
        return latest;
    }

    /// <summary>A learner's units' activity in the minibatch before the newest snapshot at or before <paramref name="now"/>: one
    /// recorded sample per image, all at that step. Empty before the first (the initial weights have none) and in recordings
    /// that hold none.</summary>
    private List<UnitActivity> Activities(long now)
    {
        var h = _recording.Header;
        var shown = new List<UnitActivity>();
        for (int s = 0; s < h.StateStreams.Length; s++)
        {
            if (Latest(ChunkKind.State, s, now) is not { } step) continue;
            var stream = h.StateStreams[s];
            var state = _recording.ReadState(h.Populations[stream.Population].Name, stream.Variable, step * Dt, (step + 1) * Dt);
            int units = state.Neurons.Length, images = state.Steps.Length;
            if (images == 0) continue;
            shown.Add(new UnitActivity(LearnerName, stream.Variable, images, units, [.. state.Values.Select(v => (float)v)]));
        }
        return shown;
    }

    /// <summary>
    /// The spikes of <paramref name="population"/> in steps [<paramref name="start"/>, <paramref name="end"/>). Playing forward,
    /// the windows of successive frames overlap: only the steps not read for the last frame are read from the file.
    /// </summary>
    private (long[] Steps, int[] Neurons) Spikes(string population, long start, long end)
    {
        double dt = Dt;
        if (!_cache.TryGetValue(population, out var cached) || start < cached.From || start > cached.To || end < cached.To)
            cached = (new SpikeWindow(), start, start);
        if (end > cached.To)
        {
            var read = _recording.ReadSpikes(population, cached.To * dt, end * dt);
            for (int k = 0; k < read.Count; k++) cached.Spikes.Add(read.Steps[k], read.Neurons[k]);
        }
        cached.Spikes.DropBefore(start);
        _cache[population] = (cached.Spikes, start, Math.Max(end, cached.To));
        return cached.Spikes.ToArrays();
    }

    private static ReceptiveFields Fields(string name, (int PreStart, int PreCount, int PostStart, int PostCount) projection, int width, int height, RecordedWeights? weights)
    {
        var values = new float[projection.PostCount * width * height];
        if (weights is not null)
        {
            for (int k = 0; k < weights.Values.Length; k++)
            {
                int unit = weights.Post[k] - projection.PostStart, input = weights.Pre[k] - projection.PreStart;
                if (unit >= 0 && unit < projection.PostCount && input >= 0 && input < width * height)
                    values[unit * width * height + input] += (float)weights.Values[k];
            }
        }
        return new ReceptiveFields(name, projection.PostCount, width, height, values);
    }
}

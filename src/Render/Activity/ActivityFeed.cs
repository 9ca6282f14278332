using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;

namespace Dendra.Render.Activity;

/// <summary>
/// Gathers what the views show from a network as it runs: monitors of its own (so the script's monitors are left
/// alone) whose contents are moved, after each stretch of simulation, into windows that keep only the last
/// <see cref="ViewOptions.WindowSeconds"/>; memory stays bounded however long the run. Call <see cref="Collect"/> and
/// <see cref="Snapshot"/> on the thread that runs the network, between runs.
/// </summary>
public sealed class ActivityFeed
{
    private readonly Network _network;
    private readonly ViewOptions _options;
    private readonly (Population Population, SpikeMonitor Monitor, SpikeWindow Window)[] _spikes;
    private readonly (string Label, StateMonitor Monitor, int Column, SampleWindow Window)[] _traces;
    private readonly (string Name, WeightMonitor Monitor, int Width, int Height)[] _fields;
    private readonly (string Name, WeightMonitor Monitor)[] _histograms;
    /// <summary>The newest weights of each monitored projection, kept when its monitor is emptied.</summary>
    private readonly Dictionary<WeightMonitor, double[]> _latestWeights = [];

    /// <summary>Attaches to <paramref name="network"/>, which must not be built yet.</summary>
    public ActivityFeed(Network network, ViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        if (network.IsBuilt) throw new InvalidOperationException("attach the view before the network is built (before its first Run)");
        _network = network;
        _options = options;
        // A batch runs rate networks only, which have no spikes to show (and refuse spike monitors).
        _spikes = network.BatchSize > 1 ? [] : network.Populations.Select(p => (p, network.MonitorSpikes(p), new SpikeWindow())).ToArray();
        _traces = options.Traces.SelectMany(t =>
        {
            var population = FindPopulation(t.Population);
            var monitor = network.MonitorState(population, t.Variable, t.Neurons);
            return t.Neurons.Select((n, column) => ($"{t.Population}[{n}].{t.Variable}", monitor, column, new SampleWindow()));
        }).ToArray();
        // One weight monitor per projection (spiking or rate), however many views show it.
        var monitors = new Dictionary<string, WeightMonitor>();
        WeightMonitor MonitorOf(string projection)
        {
            if (!monitors.TryGetValue(projection, out var monitor))
                monitors[projection] = monitor = WeightMonitorOf(projection, options.WeightSampleSeconds);
            return monitor;
        }
        _fields = options.ReceptiveFields.Select(f =>
        {
            var monitor = MonitorOf(f.Projection);
            if (monitor.PreSide.Count != f.Width * f.Height)
                throw new ArgumentException($"receptive fields of '{f.Projection}' are {f.Width}×{f.Height} = {f.Width * f.Height} weights, but its presynaptic side has {monitor.PreSide.Count} neurons");
            return (f.Projection, monitor, f.Width, f.Height);
        }).ToArray();
        _histograms = options.WeightHistograms.Select(h => (h, MonitorOf(h))).ToArray();
    }

    /// <summary>Moves what the monitors recorded since the last call into the windows and drops what fell out of them.</summary>
    public void Collect()
    {
        long end = _network.Step;
        long keepFrom = end - WindowSteps;
        foreach (var (_, monitor, window) in _spikes)
        {
            for (int k = 0; k < monitor.Count; k++) window.Add(monitor.Steps[k], monitor.Neurons[k]);
            monitor.Clear();
            window.DropBefore(keepFrom);
        }
        foreach (var group in _traces.GroupBy(t => t.Monitor))
        {
            var monitor = group.Key;
            var times = monitor.Times;
            foreach (var (_, _, column, window) in group)
            {
                for (int s = 0; s < monitor.Count; s++) window.Add(times[s], monitor.Sample(s)[column]);
                window.DropBefore(keepFrom * _network.Dt);
            }
            monitor.Clear();
        }
        foreach (var monitor in _fields.Select(f => f.Monitor).Concat(_histograms.Select(h => h.Monitor)).Distinct())
        {
            if (monitor.Latest is { } latest) _latestWeights[monitor] = [.. latest];
            monitor.Clear();
        }
    }

    /// <summary>Steps in the window.</summary>
    public long WindowSteps => Math.Max(1, (long)Math.Round(_options.WindowSeconds / _network.Dt));

    /// <summary>An immutable copy of what the views show now, with <paramref name="status"/> for the HUD.</summary>
    /// <param name="status">What the HUD reports.</param>
    /// <param name="withWeights">Also show the newest weight samples in receptive fields and histograms (costs a copy of each).</param>
    public ActivitySnapshot Snapshot(RunStatus status, bool withWeights = true)
    {
        long end = _network.Step;
        var populations = _spikes.Select(s =>
        {
            var (steps, neurons) = s.Window.ToArrays();
            return new PopulationSpikes(s.Population.Name, s.Population.Size, steps, neurons)
            {
                Grid = _options.Grids.TryGetValue(s.Population.Name, out var g) ? g : null,
            };
        }).ToList();
        var snapshot = new ActivitySnapshot(_network.Dt, Math.Max(0, end - WindowSteps), Math.Max(end, WindowSteps), populations, status)
        {
            Now = end,
            Traces = _traces.Select(t => { var (x, y) = t.Window.ToArrays(); return new TraceSeries(t.Label, x, y); }).ToList(),
        };
        if (!withWeights) return snapshot;
        return snapshot with
        {
            Fields = _fields.Where(f => _latestWeights.ContainsKey(f.Monitor))
                .Select(f => ReceptiveFieldsOf(f.Name, f.Monitor, _latestWeights[f.Monitor], f.Width, f.Height)).ToList(),
            Weights = _histograms.Where(h => _latestWeights.ContainsKey(h.Monitor))
                .Select(h => new WeightSet(h.Name, (double[])_latestWeights[h.Monitor].Clone())).ToList(),
        };
    }

    /// <summary>The views these options ask for, for this network's populations.</summary>
    public IReadOnlyList<Views.IView> Views() =>
        _options.ResolveViews(_spikes.Select(s => new PopulationSpikes(s.Population.Name, s.Population.Size, [], []) { Grid = _options.Grids.TryGetValue(s.Population.Name, out var g) ? g : null }).ToList());

    private static ReceptiveFields ReceptiveFieldsOf(string name, WeightMonitor monitor, double[] values, int width, int height)
    {
        var (pre, post) = (monitor.Pre, monitor.Post);
        int units = monitor.PostSide.Count;
        var field = new float[units * width * height];
        for (int k = 0; k < values.Length; k++)
        {
            int unit = post[k] - monitor.PostSide.Start, input = pre[k] - monitor.PreSide.Start;
            if (unit >= 0 && unit < units && input >= 0 && input < width * height) field[unit * width * height + input] += (float)values[k];
        }
        return new ReceptiveFields(name, units, width, height, field);
    }

    private Population FindPopulation(string name) =>
        _network.Populations.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"the network has no population '{name}' (it has {string.Join(", ", _network.Populations.Select(p => p.Name))})");

    /// <summary>A new weight monitor of the spiking or rate projection named <paramref name="name"/>.</summary>
    private WeightMonitor WeightMonitorOf(string name, double interval)
    {
        if (_network.Projections.FirstOrDefault(p => p.Name == name) is { } projection) return _network.MonitorWeights(projection, interval);
        if (_network.RateProjections.FirstOrDefault(p => p.Name == name) is { } rate) return _network.MonitorWeights(rate, interval);
        var names = _network.Projections.Select(p => p.Name).Concat(_network.RateProjections.Select(r => r.Name));
        throw new ArgumentException($"the network has no projection '{name}' (it has {string.Join(", ", names)})");
    }
}

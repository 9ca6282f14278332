using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Monitors;

/// <summary>
/// Samples a synaptic variable (the weight <c>w</c> by default) of every synapse of a projection, or the weights of a rate
/// projection, at the end of every <see cref="Every"/>-th step, as <see cref="StateMonitor"/> does for neurons. The values
/// come through the backend's own read path at those steps only (on OpenCL, one copy of the device buffer per sample), so
/// a reader (a live view, a plot) never reaches into the backend and costs the run nothing between samples.
/// </summary>
public sealed class WeightMonitor
{
    private readonly List<long> _steps = [];
    private readonly List<double[]> _samples = [];

    internal WeightMonitor(Projection projection, string variable, int every)
        : this(projection.Name, projection.Pre, projection.Post, variable, every) => Projection = projection;

    internal WeightMonitor(RateProjection projection, int every)
        : this(projection.Name, projection.Pre, projection.Post, "w", every) => RateProjection = projection;

    private WeightMonitor(string name, PopulationSlice pre, PopulationSlice post, string variable, int every)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "sample every 1 or more steps");
        Name = name;
        PreSide = pre;
        PostSide = post;
        Variable = variable;
        Every = every;
    }

    /// <summary>The monitored spiking projection; null when the monitor samples a rate projection.</summary>
    public Projection? Projection { get; }

    /// <summary>The monitored rate projection; null when the monitor samples a spiking projection.</summary>
    public RateProjection? RateProjection { get; }

    /// <summary>The monitored projection's name.</summary>
    public string Name { get; }

    /// <summary>The projection's presynaptic neurons.</summary>
    public PopulationSlice PreSide { get; }

    /// <summary>The projection's postsynaptic neurons.</summary>
    public PopulationSlice PostSide { get; }

    /// <summary>The synaptic variable sampled (<c>w</c> for a rate projection's weights).</summary>
    public string Variable { get; }

    /// <summary>Sampling period in steps.</summary>
    public int Every { get; }

    /// <summary>Presynaptic neuron of each synapse, in the order of each sample's values (empty before the first sample).</summary>
    public IReadOnlyList<int> Pre { get; private set; } = [];

    /// <summary>Postsynaptic neuron of each synapse, in the order of each sample's values (empty before the first sample).</summary>
    public IReadOnlyList<int> Post { get; private set; } = [];

    /// <summary>Number of samples held.</summary>
    public int Count => _steps.Count;

    /// <summary>Step of each sample.</summary>
    public IReadOnlyList<long> Steps => _steps;

    /// <summary>Time of each sample in seconds (the end of the step it was taken at).</summary>
    public double[] Times => _steps.Select(s => (s + 1) * PreSide.Population.Network.Dt).ToArray();

    /// <summary>The values of sample <paramref name="sample"/>, one per synapse (see <see cref="Pre"/> and <see cref="Post"/>).</summary>
    public IReadOnlyList<double> Sample(int sample) => _samples[sample];

    /// <summary>The newest sample's values, or null before the first.</summary>
    public IReadOnlyList<double>? Latest => _samples.Count > 0 ? _samples[^1] : null;

    /// <summary>Forgets the samples taken so far, so that a monitor consumed as it goes holds only what arrived since.</summary>
    public void Clear()
    {
        _steps.Clear();
        _samples.Clear();
    }

    /// <summary>The first step at or after <paramref name="step"/> whose end is sampled.</summary>
    internal long NextDue(long step) => (step + Every - 1) / Every * Every;

    internal void Record(long step, (int[] Pre, int[] Post, double[] Values) synapses)
    {
        // The connectivity is fixed once built: keep one copy of it, not one per sample.
        if (Pre.Count == 0)
        {
            Pre = synapses.Pre;
            Post = synapses.Post;
        }
        _steps.Add(step);
        _samples.Add(synapses.Values);
    }
}

using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Monitors;

/// <summary>Records the spikes of a population (all neurons, or a chosen subset) as (time, neuron) pairs.</summary>
public sealed class SpikeMonitor
{
    private readonly List<long> _steps = [];
    private readonly List<int> _neurons = [];
    private readonly bool[]? _mask;

    internal SpikeMonitor(Population population, IEnumerable<int>? neurons)
    {
        Population = population;
        if (neurons is not null)
        {
            _mask = new bool[population.Size];
            foreach (var n in neurons)
            {
                if (n < 0 || n >= population.Size)
                    throw new ArgumentOutOfRangeException(nameof(neurons), n, $"population '{population.Name}' has neurons 0..{population.Size - 1}");
                _mask[n] = true;
            }
        }
    }

    /// <summary>The monitored population.</summary>
    public Population Population { get; }

    /// <summary>True when every neuron of the population is recorded (no subset was chosen).</summary>
    public bool RecordsAllNeurons => _mask is null;

    /// <summary>Number of recorded spikes.</summary>
    public int Count => _neurons.Count;

    /// <summary>Step of each spike, in order.</summary>
    public IReadOnlyList<long> Steps => _steps;

    /// <summary>Neuron of each spike, in order (ascending within a step).</summary>
    public IReadOnlyList<int> Neurons => _neurons;

    /// <summary>Time of each spike in seconds.</summary>
    public double[] Times => _steps.Select(s => s * Population.Network.Dt).ToArray();

    /// <summary>Spikes per neuron.</summary>
    public int[] CountsPerNeuron()
    {
        var counts = new int[Population.Size];
        foreach (var n in _neurons) counts[n]++;
        return counts;
    }

    /// <summary>Spike times (seconds) of one neuron.</summary>
    public double[] TimesOf(int neuron)
    {
        var dt = Population.Network.Dt;
        var times = new List<double>();
        for (int k = 0; k < _neurons.Count; k++)
            if (_neurons[k] == neuron) times.Add(_steps[k] * dt);
        return times.ToArray();
    }

    /// <summary>
    /// Mean coefficient of variation of the inter-spike intervals over neurons with at least three spikes
    /// (standard deviation with ddof = 0, as Brian2's cross-check script computes it); NaN if no neuron qualifies.
    /// </summary>
    public double MeanIsiCv()
    {
        var last = new Dictionary<int, long>();
        var intervals = new Dictionary<int, List<long>>();
        for (int k = 0; k < _neurons.Count; k++)
        {
            int n = _neurons[k];
            if (last.TryGetValue(n, out var previous))
            {
                if (!intervals.TryGetValue(n, out var list)) intervals[n] = list = [];
                list.Add(_steps[k] - previous);
            }
            last[n] = _steps[k];
        }
        var cvs = intervals.Values.Where(l => l.Count >= 2).Select(l =>
        {
            double mean = l.Average();
            double variance = l.Sum(x => (x - mean) * (x - mean)) / l.Count;
            return Math.Sqrt(variance) / mean;
        }).ToList();
        return cvs.Count == 0 ? double.NaN : cvs.Average();
    }

    /// <summary>
    /// Forgets the spikes recorded so far (counts and ISI statistics start again), so that a monitor whose spikes are
    /// consumed as they come — by a live view, say — holds only what arrived since.
    /// </summary>
    public void Clear()
    {
        _steps.Clear();
        _neurons.Clear();
    }

    internal void Record(long step, ReadOnlySpan<int> spikes)
    {
        foreach (var n in spikes)
        {
            if (_mask is not null && !_mask[n]) continue;
            _steps.Add(step);
            _neurons.Add(n);
        }
    }
}

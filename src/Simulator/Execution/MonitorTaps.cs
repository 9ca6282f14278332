using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;

namespace Dendra.Simulator.Execution;

/// <summary>
/// Which monitors read which population, looked up once rather than searched every step, and how a step's spikes reach
/// them; every backend feeds its monitors through these taps, in the same order.
/// </summary>
internal sealed class MonitorTaps
{
    private readonly Graph.Network _network;
    private readonly Func<Population, bool> _runs;
    private SpikeMonitor[][] _spikes = [];
    private PopulationRateMonitor[][] _rates = [];
    private (int Spikes, int Rates) _seen = (-1, -1);

    public MonitorTaps(Graph.Network network, Func<Population, bool> runs)
    {
        _network = network;
        _runs = runs;
        // State monitors are fixed once the network is built; spike and rate monitors may be added between runs.
        States = network.StateMonitors.Where(m => runs(m.Population)).ToArray();
    }

    /// <summary>The state monitors of populations stepped here, in the order they were added.</summary>
    public IReadOnlyList<StateMonitor> States { get; }

    /// <summary>The spike monitors of a population (none when it is stepped elsewhere).</summary>
    public IReadOnlyList<SpikeMonitor> SpikeMonitorsOf(Population population) => Current()._spikes[population.Index];

    /// <summary>Hands a population's spikes of a step (ascending neuron ids; empty when only the count is known) and their
    /// count to its spike and rate monitors.</summary>
    public void Spikes(int population, long step, ReadOnlySpan<int> spikes, int count)
    {
        Current();
        foreach (var m in _spikes[population]) m.Record(step, spikes);
        foreach (var m in _rates[population]) m.Record(step, count);
    }

    /// <summary>The taps, looked up again when monitors were added since.</summary>
    private MonitorTaps Current()
    {
        var now = (_network.SpikeMonitors.Count, _network.RateMonitors.Count);
        if (now == _seen) return this;
        _spikes = [.. _network.Populations.Select(p => _runs(p) ? _network.SpikeMonitors.Where(m => m.Population == p).ToArray() : [])];
        _rates = [.. _network.Populations.Select(p => _runs(p) ? _network.RateMonitors.Where(m => m.Population == p).ToArray() : [])];
        _seen = now;
        return this;
    }
}

using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Execution;

/// <summary>The fallback: every watched variable read into reused double arrays each step and compared with the last read.</summary>
internal sealed class ReadStateChanges : IStateChanges
{
    private readonly ISimulationBackend _simulation;
    private readonly (Population Population, string Variable)[] _watch;
    private readonly double[][] _previous, _now;
    private readonly int _instances;

    public ReadStateChanges(ISimulationBackend simulation, IReadOnlyList<(Population Population, string Variable)> watch, int instances)
    {
        (_simulation, _watch, _instances) = (simulation, watch.ToArray(), instances);
        _previous = _watch.Select(w => new double[w.Population.Size * instances]).ToArray();
        _now = _watch.Select(w => new double[w.Population.Size * instances]).ToArray();
        for (int k = 0; k < _watch.Length; k++) simulation.Read(_watch[k].Population, _watch[k].Variable, _previous[k]);
    }

    public void Measure(Span<double> largest)
    {
        largest.Clear();
        for (int k = 0; k < _watch.Length; k++)
        {
            _simulation.Read(_watch[k].Population, _watch[k].Variable, _now[k]);
            int size = _watch[k].Population.Size;
            for (int b = 0; b < _instances; b++)
                largest[b] = StateChange.Larger(largest[b], StateChange.LargestChange<double>(_now[k].AsSpan(b * size, size), _previous[k].AsSpan(b * size, size)));
        }
    }
}

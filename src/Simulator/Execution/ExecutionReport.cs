namespace Dendra.Simulator.Execution;

/// <summary>
/// What an executor tells the graph about the network it runs: the one path by which counts reach
/// <see cref="Graph.Population.SpikeCount"/> and <see cref="Graph.Projection.SynapseCount"/>, so no backend writes into graph objects.
/// Backends that share a host build (a split placement) share one report.
/// </summary>
internal sealed class ExecutionReport
{
    private readonly long[] _spikes;
    private readonly long[] _synapses;

    /// <param name="populations">How many populations the network has (indexed by <see cref="Graph.Population.Index"/>).</param>
    /// <param name="projections">How many spiking projections it has (indexed by <see cref="Graph.Projection.Index"/>).</param>
    public ExecutionReport(int populations, int projections)
    {
        _spikes = new long[populations];
        _synapses = new long[projections];
    }

    /// <summary>Spikes emitted by a population since the network was built (every instance of a batch).</summary>
    public long SpikesOf(int population) => _spikes[population];

    /// <summary>Counts <paramref name="count"/> more spikes of a population.</summary>
    public void AddSpikes(int population, long count) => _spikes[population] += count;

    /// <summary>Puts back a population's spike count from a checkpoint.</summary>
    public void RestoreSpikes(int population, long count) => _spikes[population] = count;

    /// <summary>Synapses a projection's connectivity drew.</summary>
    public long SynapsesOf(int projection) => _synapses[projection];

    /// <summary>Records how many synapses a projection's connectivity drew.</summary>
    public void SetSynapses(int projection, long count) => _synapses[projection] = count;
}

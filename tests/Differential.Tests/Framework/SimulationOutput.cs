namespace Dendra.Differential.Tests.Framework;

/// <summary>What one simulator recorded for one case, in the shape both simulators' outputs share.</summary>
/// <param name="Spikes">Per population, its spikes sorted by step, then neuron.</param>
/// <param name="Traces">Per <see cref="TraceRequest.Key"/>, one row per requested neuron, one value per step.</param>
/// <param name="SynapseTraces">Per <see cref="SynapseTraceRequest.Key"/>, every synapse's trace.</param>
/// <param name="Rates">Per population, the rate (Hz) at every step.</param>
/// <param name="RateBins">Per population, the rate averaged over bins of the requested number of steps.</param>
internal sealed record SimulationOutput(
    IReadOnlyDictionary<string, IReadOnlyList<SpikeEvent>> Spikes,
    IReadOnlyDictionary<string, double[][]> Traces,
    IReadOnlyDictionary<string, SynapseTrace> SynapseTraces,
    IReadOnlyDictionary<string, double[]> Rates,
    IReadOnlyDictionary<string, double[]> RateBins);

/// <summary>A spike of <paramref name="Neuron"/> at step <paramref name="Step"/> (Brian2: round(t/dt)).</summary>
internal readonly record struct SpikeEvent(int Neuron, long Step) : IComparable<SpikeEvent>
{
    /// <inheritdoc />
    public int CompareTo(SpikeEvent other) => Step != other.Step ? Step.CompareTo(other.Step) : Neuron.CompareTo(other.Neuron);

    /// <inheritdoc />
    public override string ToString() => $"neuron {Neuron} at step {Step}";
}

/// <summary>Every synapse's trace of one variable, synapses sorted by (pre, post) so both simulators list them alike.</summary>
/// <param name="Pre">Presynaptic neuron of each synapse, relative to the projection's source.</param>
/// <param name="Post">Postsynaptic neuron of each synapse, relative to the projection's target.</param>
/// <param name="Values">Per synapse, one value per step.</param>
internal sealed record SynapseTrace(int[] Pre, int[] Post, double[][] Values)
{
    /// <summary>The same synapses sorted by (pre, post).</summary>
    public static SynapseTrace Sorted(int[] pre, int[] post, double[][] values)
    {
        var order = Enumerable.Range(0, pre.Length).OrderBy(k => pre[k]).ThenBy(k => post[k]).ToArray();
        return new SynapseTrace(order.Select(k => pre[k]).ToArray(), order.Select(k => post[k]).ToArray(), order.Select(k => values[k]).ToArray());
    }
}

namespace Dendra.Differential.Tests.Framework;

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

using Dendra.Simulator.Compilation;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// The synapses of an additive projection grouped by postsynaptic neuron, each group in synapse order (which is
/// presynaptic order, then row order): the order in which the CPU backend adds them into any one target.
/// </summary>
/// <param name="Start">Per postsynaptic neuron of the slice (and one past the end): where its synapses start.</param>
/// <param name="Pre">Per entry, the presynaptic neuron.</param>
/// <param name="Synapse">Per entry, the synapse id.</param>
internal sealed record IncomingSynapses(int[] Start, int[] Pre, int[] Synapse)
{
    public static IncomingSynapses Of(SynapseTable table, int preStart, int postStart, int postCount)
    {
        var start = new int[postCount + 1];
        foreach (var post in table.Post) start[post - postStart + 1]++;
        for (int j = 0; j < postCount; j++) start[j + 1] += start[j];
        var next = (int[])start.Clone();
        var pre = new int[table.Count];
        var synapse = new int[table.Count];
        for (int r = 0; r + 1 < table.RowStart.Length; r++)
            for (int s = table.RowStart[r]; s < table.RowStart[r + 1]; s++)
            {
                int k = next[table.Post[s] - postStart]++;
                pre[k] = preStart + r;
                synapse[k] = s;
            }
        return new IncomingSynapses(start, pre, synapse);
    }

    /// <summary>Values of a per-synapse array in this order.</summary>
    public TValue[] Gather<TValue>(TValue[] bySynapse) => Array.ConvertAll(Synapse, s => bySynapse[s]);
}

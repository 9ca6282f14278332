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
        var (start, synapse) = table.IncomingOf(postStart, postCount);
        return From(table, preStart, start, synapse);
    }

    /// <summary>The order <see cref="SynapseTable.IncomingOf"/> gave (kept as given, so a device copy made of it serves every
    /// kernel that walks the same synapses), with each entry's presynaptic neuron.</summary>
    public static IncomingSynapses From(SynapseTable table, int preStart, int[] start, int[] synapse)
    {
        var preOf = table.PreOfEachSynapse(preStart);
        return new IncomingSynapses(start, Array.ConvertAll(synapse, s => preOf[s]), synapse);
    }

    /// <summary>Values of a per-synapse array in this order.</summary>
    public TValue[] Gather<TValue>(TValue[] bySynapse) => Array.ConvertAll(Synapse, s => bySynapse[s]);
}

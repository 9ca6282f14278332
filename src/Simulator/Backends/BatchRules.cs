using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends;

/// <summary>
/// What a network may hold when it runs as a batch of instances (<see cref="Network.BatchSize"/> above 1). Batches are for
/// rate networks, where every instance is the same arrays one block further on; spikes would need one spike list, ring
/// buffer and event queue per instance, which no backend keeps yet. Checked before anything is compiled, so a refused
/// network costs nothing.
/// </summary>
internal static class BatchRules
{
    public static void Check(Network network)
    {
        int instances = network.BatchSize;
        foreach (var m in network.StateMonitors.Where(m => m.Instance >= instances))
            throw new InvalidOperationException(
                $"the monitor of '{m.Variable}' in population '{m.Population.Name}' samples instance {m.Instance}, but the network runs {instances} instance(s) (BatchSize): instances are numbered 0..{instances - 1}");
        foreach (var r in network.RateProjections)
            if (instances == 1 && r.Rule is { RequestedReduction: { } reduction } rule)
                throw new ModelException(rule.Name, $"rule '{rule.Name}' of rate projection '{r.Name}' asks for the {reduction.ToString().ToLowerInvariant()} " +
                    "over a batch, but the network runs one instance; set Network.BatchSize, or drop ReducedBy");
        if (instances == 1) return;
        string batch = $"the network runs a batch of {instances} instances (BatchSize), which is for rate networks";
        foreach (var p in network.Populations)
        {
            if ((long)p.Size * instances > Array.MaxLength)
                throw new InvalidOperationException($"population '{p.Name}' has {p.Size:N0} neurons in each of {instances:N0} instances, {(long)p.Size * instances:N0} values per variable: more than one array holds ({Array.MaxLength:N0}); use a smaller batch");
            if (p.SpikeTimes is not null || p.Model.Threshold is not null)
                throw new ModelException(p.Model.Name, $"population '{p.Name}' spikes, but {batch}: run spiking populations with BatchSize = 1");
        }
        if (network.Projections.Count > 0)
            throw new NotSupportedException($"projection '{network.Projections[0].Name}' carries spikes, but {batch}: connect rate populations with ConnectRate, or run with BatchSize = 1");
        if (network.SpikeMonitors.Count > 0 || network.RateMonitors.Count > 0)
            throw new NotSupportedException($"a spike or rate monitor has nothing to record: {batch}");
    }

    /// <summary>Refuses a batch split between the CPU and a device: the spike exchange between the parts has no instances.</summary>
    public static void CheckNotSplit(Network network)
    {
        if (network.BatchSize > 1)
            throw new NotSupportedException($"the network runs a batch of {network.BatchSize} instances and would be split between the CPU and OpenCL; " +
                "place every population on one side (Population.Placement) or choose Backend = Cpu or OpenCl");
    }
}

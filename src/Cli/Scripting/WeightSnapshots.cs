using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using Dendra.Simulator.Recording;

namespace Dendra.Cli.Scripting;

/// <summary>
/// What <c>dendra run --record FILE --record-weights INTERVAL</c> adds to the recording: a snapshot of the weight
/// <c>w</c> of every plastic projection (one whose synapse model changes <c>w</c>) every INTERVAL of simulated time.
/// Static projections are left out: their weights never change, and <c>dendra export</c> of one snapshot would do.
/// </summary>
internal static class WeightSnapshots
{
    /// <summary>The synaptic variable snapshotted: the weight every synapse model has.</summary>
    private const string Weight = "w";

    /// <summary>Whether <paramref name="synapse"/> changes its weight: event code assigns <c>w</c>, or <c>w</c> has a differential equation.</summary>
    public static bool IsPlastic(SynapseModel synapse) =>
        synapse.PreCode.Concat(synapse.PostCode).Any(s => s.Target == Weight)
        || synapse.Equations.Any(e => e.Name == Weight && e.Kind == EquationKind.Differential);

    /// <summary>Steps between snapshots for an interval in seconds: the nearest whole number of steps, at least one.</summary>
    public static int Every(double interval, double dt) => (int)Math.Clamp(Math.Round(interval / dt), 1, int.MaxValue);

    /// <summary>Adds the snapshots to <paramref name="what"/>; a network without a plastic projection is an error, not an empty stream.</summary>
    public static RecordingSelection Add(RecordingSelection what, Network net, double interval)
    {
        var plastic = net.Projections.Where(p => IsPlastic(p.Synapse)).ToList();
        if (plastic.Count == 0)
            throw new UsageException(net.Projections.Count == 0
                ? "--record-weights: the network has no projections, so there are no weights to record"
                : $"--record-weights: no projection of the network is plastic (none of {string.Join(", ", net.Projections.Select(p => $"'{p.Name}'"))} changes its weight w); leave the option out");
        int every = Every(interval, net.Dt);
        foreach (var projection in plastic) what.WithWeights(projection, Weight, every);
        return what;
    }
}

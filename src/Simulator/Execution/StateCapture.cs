using Dendra.Simulator.Compilation;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Execution;

/// <summary>
/// A checkpoint's backend-neutral state, taken from and put back into the host arrays of the compiled network, the same
/// way on every backend: which arrays a population and a projection save, in what form, and what a saved state must hold
/// to fit. A backend brings its host arrays up to date before <see cref="Capture"/> (a device downloads them) and gives
/// what it keeps in its own form: the input in flight of its delay rings, its queued spikes, its learned rate weights.
/// </summary>
internal static class StateCapture
{
    /// <summary>What a backend keeps in its own form, asked for while the state is captured.</summary>
    /// <param name="InFlight">A stepped population's delay-ring contents by input variable (by population index).</param>
    /// <param name="Pending">A projection's queued synapse arrivals per coming step, or null where it is not kept here (by projection index).</param>
    /// <param name="PendingNeurons">A projection's arriving presynaptic neurons per coming step, or null (by projection index).</param>
    /// <param name="RateWeights">The learned weights of the plastic rate projections stepped here, by name.</param>
    public sealed record Own(Func<int, Dictionary<string, double[]>> InFlight, Func<int, int[][]?> Pending, Func<int, int[][]?> PendingNeurons,
        Dictionary<string, double[]> RateWeights);

    /// <summary>The state of a whole network at <paramref name="step"/>.</summary>
    public static SimulationState Capture(Graph.Network network, long step, string backend, ExecutionReport report,
        IReadOnlyList<CompiledPopulation> populations, IReadOnlyList<CompiledProjection> projections, Own own)
    {
        var state = SimulationState.Of(network, step, backend);
        state.Populations = network.Populations.Select(p =>
        {
            var compiled = populations[p.Index];
            return new PopulationState
            {
                Name = p.Name,
                Size = p.Size,
                Model = p.Model.Name,
                SpikeCount = report.SpikesOf(p.Index),
                Arrays = compiled.Arrays.ToDictionary(kv => kv.Key, kv => ToDoubles(kv.Value)),
                LastSpikeStep = (long[]?)compiled.Refractory?.LastSpikeStep.Clone(),
                InFlight = own.InFlight(p.Index),
            };
        }).ToArray();
        state.Projections = network.Projections.Select(pr =>
        {
            var compiled = projections[pr.Index];
            return new ProjectionState
            {
                Name = pr.Name,
                SynapseCount = compiled.Table.Count,
                Arrays = compiled.Arrays.ToDictionary(kv => kv.Key, kv => ToDoubles(kv.Value)),
                EventClock = (long[]?)compiled.EventClock?.Clone(),
                Pending = own.Pending(pr.Index),
                NeuronArrays = compiled.NeuronLevel.SelectMany(n => n.Arrays).ToDictionary(kv => kv.Key, kv => ToDoubles(kv.Value)),
                PresynapticClock = (long[]?)compiled.Presynaptic?.Clock?.Clone(),
                PostsynapticClock = (long[]?)compiled.Postsynaptic?.Clock?.Clone(),
                PendingNeurons = own.PendingNeurons(pr.Index),
            };
        }).ToArray();
        state.RateWeights = own.RateWeights;
        return state;
    }

    /// <summary>
    /// Puts a saved state's arrays and clocks back into the host arrays (every value checked to fit first, so a state
    /// that does not fit is refused naming what is missing) and its spike counts into the report. Calls
    /// <paramref name="written"/> with every array it changed, so a device can upload its copy.
    /// </summary>
    public static void RestoreArrays(SimulationState state, ExecutionReport report, IReadOnlyList<CompiledPopulation> populations,
        IReadOnlyList<CompiledProjection> projections, Action<Array> written)
    {
        for (int k = 0; k < populations.Count; k++)
        {
            var (compiled, saved) = (populations[k], state.Populations[k]);
            report.RestoreSpikes(k, saved.SpikeCount);
            foreach (var (name, array) in compiled.Arrays) Copy(saved.Arrays, name, array, compiled.Name, written);
            if (compiled.Refractory is { } refractory) CopyExact(saved.LastSpikeStep, refractory.LastSpikeStep, compiled.Name, "refractory clock", written);
        }
        for (int k = 0; k < projections.Count; k++)
        {
            var (compiled, saved) = (projections[k], state.Projections[k]);
            string name = compiled.Name;
            foreach (var (variable, array) in compiled.Arrays) Copy(saved.Arrays, variable, array, name, written);
            if (compiled.EventClock is { } clock) CopyExact(saved.EventClock, clock, name, "event clock", written);
            foreach (var (variable, array) in compiled.NeuronLevel.SelectMany(n => n.Arrays)) Copy(saved.NeuronArrays, variable, array, name, written);
            if (compiled.Presynaptic?.Clock is { } preClock) CopyExact(saved.PresynapticClock, preClock, name, "presynaptic clock", written);
            if (compiled.Postsynaptic?.Clock is { } postClock) CopyExact(saved.PostsynapticClock, postClock, name, "postsynaptic clock", written);
        }
    }

    /// <summary>Saved values of <paramref name="name"/> of <paramref name="owner"/>, checked to have <paramref name="length"/> elements.</summary>
    public static double[] Saved(Dictionary<string, double[]> saved, string name, int length, string owner) =>
        saved.TryGetValue(name, out var values) && values.Length == length ? values
            : throw new CheckpointException($"the checkpoint has no values of '{name}' of '{owner}' for {length} elements");

    /// <summary>An array of the network's precision (or float64) as float64 values.</summary>
    public static double[] ToDoubles(Array values) => values switch
    {
        float[] f => Array.ConvertAll(f, v => (double)v),
        double[] d => (double[])d.Clone(),
        _ => throw new InvalidOperationException($"an array of {values.GetType().GetElementType()} cannot be saved in a checkpoint"),
    };

    private static void Copy(Dictionary<string, double[]> saved, string name, Array into, string owner, Action<Array> written)
    {
        var values = Saved(saved, name, into.Length, owner);
        switch (into)
        {
            case float[] f:
                for (int i = 0; i < f.Length; i++) f[i] = (float)values[i];
                break;
            case double[] d:
                values.CopyTo(d, 0);
                break;
            default:
                throw new InvalidOperationException($"an array of {into.GetType().GetElementType()} cannot be restored from a checkpoint");
        }
        written(into);
    }

    private static void CopyExact(long[]? saved, long[] into, string owner, string what, Action<Array> written)
    {
        if (saved is null || saved.Length != into.Length)
            throw new CheckpointException($"the checkpoint has no {what} of '{owner}' for {into.Length} elements");
        saved.CopyTo(into, 0);
        written(into);
    }
}

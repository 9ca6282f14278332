using System.Buffers;
using System.Numerics;
using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Execution;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// A spiking projection's synaptic variable normalised per postsynaptic neuron on the CPU (<see cref="PlannedNormalisation"/>):
/// each neuron's synapses are gathered in the plan's order, scaled by <see cref="LpRow.Normalise"/> and written back.
/// Neurons spread over the threads; each one's values are formed by the same code whichever thread takes it, so the
/// result does not depend on the thread count.
/// </summary>
internal sealed class IncomingNormalisation<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ProjectionRuntime<T> _projection;
    private readonly T[] _values;
    private readonly int _largestInDegree;

    public IncomingNormalisation(PlannedNormalisation plan, ProjectionRuntime<T> projection)
    {
        Plan = plan;
        _projection = projection;
        _values = (T[])plan.Values;
        for (int j = 0; j + 1 < plan.Start.Length; j++) _largestInDegree = Math.Max(_largestInDegree, plan.Start[j + 1] - plan.Start[j]);
    }

    /// <summary>What is normalised, and when.</summary>
    public PlannedNormalisation Plan { get; }

    /// <summary>Normalises every postsynaptic neuron's synapses now, as of the end of <paramref name="step"/> (named in the
    /// error a scale that is not finite gives).</summary>
    public void Apply(Chunks chunks, long step)
    {
        var (start, synapses) = (Plan.Start, Plan.Synapses);
        var (p, radius) = (Plan.Normalisation.P, Plan.Normalisation.Radius);
        bool finite = true;
        chunks.ForRows(start.Length - 1, synapses.Length, (a, b) =>
        {
            var scratch = ArrayPool<T>.Shared.Rent(_largestInDegree);
            for (int j = a; j < b; j++)
            {
                var row = scratch.AsSpan(0, start[j + 1] - start[j]);
                var ids = synapses.AsSpan(start[j], row.Length);
                for (int k = 0; k < row.Length; k++) row[k] = _values[ids[k]];
                if (!LpRow.Normalise(row, p, radius)) finite = false;
                for (int k = 0; k < row.Length; k++) _values[ids[k]] = row[k];
            }
            ArrayPool<T>.Shared.Return(scratch);
        });
        if (finite) return;
        int bad = Array.FindIndex(_values, v => !T.IsFinite(v));
        throw _projection.Describe(new NonFiniteStoreException(Plan.Normalisation.Variable, bad, step, double.CreateTruncating(_values[bad])), null);
    }
}

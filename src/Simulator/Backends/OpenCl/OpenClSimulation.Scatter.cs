using Dendra.Simulator.Backends.Host;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Spike-driven (scatter) propagation of additive synapses for float32 networks: each presynaptic neuron that fired
/// walks its outgoing synapses, so a step costs what its spikes deliver rather than a walk over every synapse. The
/// concurrent adds go into an int64 fixed-point ring with 64-bit integer atomics, which keeps runs bitwise repeatable;
/// float64 networks, and devices without <c>cl_khr_int64_base_atomics</c>, keep the gather (which sums in the CPU
/// backend's order). Additive synapses run no code, so their weights only change when a checkpoint is restored, which
/// writes the weights buffer planned here.
/// </summary>
internal sealed partial class OpenClSimulation<T>
{
    /// <summary>How many (population, target) rings are filled by the scatter, for tests and run summaries.</summary>
    internal int ScatteredRings { get; private set; }

    private bool Scatters => typeof(T) == typeof(float) && _device.SupportsInt64Atomics;

    /// <summary>Plans the fixed-point ring of one (post population, target) and the scatter of every projection into it.</summary>
    private void PlanScatter(int population, string variable, IReadOnlyList<ProjectionRuntime<T>> projections, List<Action> bindings)
    {
        var postHost = _hosts[population];
        var target = (T[])postHost.Compiled.Arrays[variable];
        int n = target.Length, ringLength = projections.Max(p => p.MaxDelay) + 1;
        var targetBuffer = _memory.MirrorOf(target)!;
        double quantum = FixedPoint.QuantumFor(FixedPoint.LargestSum(n,
            projections.Select(p => (p.Compiled.Table.Post, p.Weights, p.ConstantWeight))));
        var ring = _memory.Scratch($"fixed-point delay ring of '{variable}' in population '{postHost.Population.Name}'", (long)n * ringLength * sizeof(long));
        // Without delays a slot is delivered in the step it is filled: nothing is in flight between steps to checkpoint.
        _rings.Add(new DeviceRing(population, variable, ringLength == 1 ? null : ring, ringLength, n, quantum));
        ScatteredRings++;
        foreach (var projection in projections)
        {
            var pr = projection.Projection;
            var table = projection.Compiled.Table;
            var rowStart = _memory.Mirror(table.RowStart, $"outgoing synapses of '{pr.Name}'");
            var post = _memory.Mirror(table.Post, $"postsynaptic neurons of '{pr.Name}'");
            var weights = projection.Weights is null ? null : _memory.Mirror(projection.Weights, $"weights of '{pr.Name}'");
            var delays = projection.DelaySteps is null ? null : _memory.Mirror(projection.DelaySteps, $"delays of '{pr.Name}'");
            var fired = FiredOf(pr.Pre.Population.Index, bindings);
            int preCount = table.RowStart.Length - 1;
            bindings.Add(() =>
            {
                var kernel = Kernel("scatter").Set(0, pr.Pre.Start).Set(1, preCount).Set(2, rowStart).Set(3, post)
                    .Set(4, weights).Set(5, projection.ConstantWeight).Set(6, delays).Set(7, projection.Compiled.Delay)
                    .Set(8, fired).Set(10, ring).Set(11, ringLength).Set(12, n).Set(13, (float)(1 / quantum));
                _propagation.Add(step => kernel.Set(9, step).Run(_queue, preCount));
            });
        }
        bindings.Add(() =>
        {
            var deliver = Kernel("deliver_fixed").Set(0, targetBuffer).Set(1, ring).Set(2, n).Set(3, ringLength).Set(5, (float)quantum);
            _deliveries.Add(step => deliver.Set(4, step).Run(_queue, n));
        });
    }

    private long[] ReadFixed(DeviceRing ring)
    {
        var counts = new long[(long)ring.Length * ring.Size];
        ring.Buffer!.Read(_queue, counts);
        return counts;
    }
}

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>Additive synapses on the device: one delay ring per ring group of the plan, filled by gather kernels from the presynaptic spike flags.</summary>
internal sealed partial class OpenClSimulation<T>
{
    /// <summary>Plans ring buffers and gather tables; returns the binding steps to run once buffers exist.</summary>
    private List<Action> PlanPropagation()
    {
        var bindings = new List<Action>();
        foreach (var group in _plan.Rings)
        {
            var projections = group.Projections.Select(p => _projectionHosts[p]).ToList();
            if (Scatters)
            {
                PlanScatter(group.Population, group.Variable, projections, bindings);
                continue;
            }
            var postHost = _hosts[group.Population];
            var target = (T[])postHost.Compiled.Arrays[group.Variable];
            int ringLength = group.Length;
            int n = target.Length;
            var targetBuffer = _memory.MirrorOf(target)!;
            var ring = ringLength == 1 ? null
                : _memory.Scratch($"delay ring of '{group.Variable}' in population '{postHost.Population.Name}'", (long)n * ringLength * SizeOfT);
            _rings.Add(new DeviceRing(group.Population, group.Variable, ring, ringLength, n));
            foreach (var projection in projections)
            {
                var pr = projection.Projection;
                var incoming = IncomingSynapses.Of(projection.Compiled.Table, pr.Pre.Start, pr.Post.Start, pr.Post.Count);
                var start = _memory.Mirror(incoming.Start, $"incoming synapses of '{pr.Name}'");
                var pre = _memory.Mirror(incoming.Pre, $"presynaptic neurons of '{pr.Name}'");
                var weights = projection.Weights is null ? null : _memory.Mirror(incoming.Gather(projection.Weights), $"weights of '{pr.Name}'");
                if (weights is not null) _gatheredWeights[pr.Index] = (incoming, weights);
                var delays = projection.DelaySteps is null ? null : _memory.Mirror(incoming.Gather(projection.DelaySteps), $"delays of '{pr.Name}'");
                var fired = FiredOf(pr.Pre.Population.Index, bindings);
                bindings.Add(() =>
                {
                    var kernel = Kernel("propagate").Set(0, pr.Post.Start).Set(1, pr.Post.Count).Set(2, start).Set(3, pre)
                        .Set(4, weights).Set(5, projection.ConstantWeight).Set(6, delays).Set(7, projection.Compiled.Delay)
                        .Set(8, fired).Set(10, targetBuffer).Set(11, ring).Set(12, ringLength).Set(13, n);
                    _propagation.Add(step => kernel.Set(9, step).Run(_queue, pr.Post.Count));
                });
            }
            if (ring is not null)
                bindings.Add(() =>
                {
                    var deliver = Kernel("deliver").Set(0, targetBuffer).Set(1, ring).Set(2, n).Set(3, ringLength);
                    _deliveries.Add(step => deliver.Set(4, step).Run(_queue, n));
                });
        }
        return bindings;
    }

    /// <summary>The per-step "fired" bytes of a presynaptic population, planned once however many projections read them,
    /// with the kernel that marks them before propagation.</summary>
    private DeviceBuffer FiredOf(int population, List<Action> bindings)
    {
        if (_fired.TryGetValue(population, out var fired)) return fired;
        var p = _populations[population];
        fired = _memory.Scratch($"spiked-this-step flags of population '{p.Host.Population.Name}'", p.Host.Size);
        _fired[population] = fired;
        bindings.Add(() =>
        {
            var mark = Kernel("mark_fired").Set(0, p.SpikedAt).Set(1, p.Host.Size).Set(3, fired);
            _marks.Add(step => mark.Set(2, step).Run(_queue, p.Host.Size));
        });
        return fired;
    }
}

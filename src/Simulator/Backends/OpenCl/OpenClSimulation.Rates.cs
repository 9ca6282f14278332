using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>Rate projections on the device: dense (one matrix product per step, a matrix-matrix product over a batch) or CSR, and held products added each step.</summary>
internal sealed partial class OpenClSimulation<T>
{
    /// <summary>Plans the rate projections (dense or CSR weights, converted to the network's precision as on the CPU).</summary>
    private List<Action> PlanRateProjections()
    {
        var bindings = new List<Action>();
        foreach (var planned in _plan.Rates)
        {
            var r = planned.Projection;
            var source = _memory.MirrorOf(planned.Source)!;
            var target = _memory.MirrorOf(planned.Target)!;
            // A held source's product goes into a block of its own (instances one after another), added each step.
            var held = planned.Held
                ? _memory.Scratch($"product of rate projection '{r.Name}'", (long)r.Post.Count * _instances * SizeOfT) : null;
            var (into, intoStart, intoStride) = held is null ? (target, r.Post.Start, r.Post.Population.Size) : (held, 0, r.Post.Count);
            void Add(Action launch) => _rates.Add(new DeviceRateProduct(r, launch, held is null ? null : (held, queue => held.Fill(queue, T.Zero), AddBlock(r, held, target))));
            if (r.Dense is { } dense)
            {
                var host = DenseRateWeights.ColumnMajor<T>(dense, r.Post.Count, r.Pre.Count);
                var weights = _memory.Mirror(host, $"weights of rate projection '{r.Name}'");
                if (r.Rule is not null) weights = PlanLearning(r, host, weights, bindings);
                bindings.Add(() =>
                {
                    if (_instances > 1 && UseClBlast)
                    {
                        Add(ClBlastProducts.Product(_queue, weights, source, r.Pre.Start, r.Pre.Count, r.Pre.Population.Size,
                            into, intoStart, r.Post.Count, intoStride, _instances));
                        return;
                    }
                    if (_instances > 1)
                    {
                        // A minibatch: one matrix-matrix product, each weight read once for a group of instances.
                        Add(DenseRateBatch.Bind<T>(Kernel(DenseRateBatch.KernelName), _queue, weights, source, r.Pre.Start, r.Pre.Count,
                            r.Pre.Population.Size, into, intoStart, r.Post.Count, intoStride, _instances));
                        return;
                    }
                    var kernel = Kernel("rate_dense").Set(0, weights).Set(1, source).Set(2, r.Pre.Start).Set(3, r.Pre.Count)
                        .Set(4, into).Set(5, intoStart).Set(6, r.Post.Count);
                    Add(() => kernel.RunInGroups(_queue, r.Post.Count, DenseRateWeights.Tile));
                });
            }
            else
            {
                var rowStart = _memory.Mirror(r.RowStart!, $"rows of rate projection '{r.Name}'");
                var columns = _memory.Mirror(r.Columns!, $"columns of rate projection '{r.Name}'");
                var host = Array.ConvertAll(r.Values!, T.CreateTruncating);
                var values = _memory.Mirror(host, $"weights of rate projection '{r.Name}'");
                if (r.Rule is not null) values = PlanLearning(r, host, values, bindings);
                bindings.Add(() =>
                {
                    var kernel = Kernel("rate_sparse").Set(0, rowStart).Set(1, columns).Set(2, values).Set(3, source).Set(4, r.Pre.Start)
                        .Set(5, into).Set(6, intoStart).Set(7, r.Post.Count)
                        .Set(8, r.Pre.Population.Size).Set(9, intoStride).Set(10, _instances);
                    Add(() => kernel.Run(_queue, (long)r.Post.Count * _instances));
                });
            }
        }
        return bindings;
    }

    private bool? _useClBlast;

    /// <summary>Whether this network's dense minibatch products and plastic updates run through CLBlast (float32 batches
    /// where the library is installed; decided, and a missing library noted, when the first such projection is planned).</summary>
    private bool UseClBlast => _useClBlast ??= ClBlastProducts.Use(typeof(T) == typeof(double), _instances, BackendChooser.Notes);

    /// <summary>The launch that adds a held product's block into the projection's target slice, instance by instance.</summary>
    private Action AddBlock(RateProjection r, DeviceBuffer block, DeviceBuffer target)
    {
        var kernel = Kernel("add_block").Set(0, target).Set(1, r.Post.Start).Set(2, r.Post.Count).Set(3, r.Post.Population.Size)
            .Set(4, block).Set(5, _instances);
        return () => kernel.Run(_queue, (long)r.Post.Count * _instances);
    }
}

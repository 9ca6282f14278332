using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>General synapses (event code, summed and continuous variables) on the device: planning their buffers and binding their kernels.</summary>
internal sealed partial class OpenClSimulation<T>
{
    /// <summary>A summed-variable kernel (a loop over synapses) as a per-synapse function.</summary>
    private static KernelDefinition? AsSynapseFunction(KernelDefinition? loop) =>
        loop is null ? null : loop with { Name = loop.Name + ".function", Shape = KernelShape.SynapseEvent, PreIndex = null, PostIndex = null };

    /// <summary>
    /// Event code runs one postsynaptic neuron per work-item; code that writes presynaptic variables would have
    /// several work-items write one neuron at once, so it is refused rather than run in a different order than on the CPU.
    /// </summary>
    private static void RefuseSharedPresynapticWrites(Projection projection, CompiledProjection compiled)
    {
        foreach (var kernel in new[] { compiled.OnPre, compiled.OnPost })
        {
            var written = kernel?.Body.OfType<StoreStatement>().FirstOrDefault(s => kernel.Arrays[s.Variable].Index == IndexKind.Pre);
            if (written is not null)
                throw new OpenClException($"projection '{projection.Name}' ({projection.Synapse.Name}) writes the presynaptic variable '{written.Variable}' in its event code; " +
                    "the OpenCL backend runs event code per postsynaptic neuron and cannot do that in the CPU's order: run this network on the CPU backend");
        }
    }

    /// <summary>Plans the general (non-additive) synapses: their variables, per-neuron synapse lists and spike history;
    /// returns the binding steps to run once buffers exist.</summary>
    private List<Action> PlanGeneralSynapses()
    {
        var bindings = new List<Action>();
        var historyLength = new Dictionary<int, int>();
        foreach (var projection in _general.Where(p => p.OnPre is not null || p.PreSpike is not null))
        {
            int pre = projection.Projection.Pre.Population.Index;
            historyLength[pre] = Math.Max(historyLength.GetValueOrDefault(pre), projection.MaxDelay + 1);
        }
        foreach (var (index, length) in historyLength)
        {
            var p = _populations[index];
            var history = _memory.Scratch($"spike history of population '{p.Host.Population.Name}'", (long)p.Host.Size * length);
            bindings.Add(() =>
            {
                var kernel = Kernel("record_history").Set(0, p.SpikedAt).Set(1, p.Host.Size).Set(3, history).Set(4, length);
                p.History = (history, length, step => kernel.Set(2, step).Run(_queue, p.Host.Size));
            });
        }

        foreach (var projection in _general)
        {
            var pr = projection.Projection;
            var c = projection.Compiled;
            foreach (var (name, array) in c.Arrays) _memory.Mirror(array, $"synaptic variable '{name}' of '{pr.Name}'");
            if ((c.OnPre ?? c.OnPost ?? c.Continuous ?? c.Summed)?.EventClock is { } clock) _memory.Mirror(clock, $"event clocks of '{pr.Name}'");
            // A normalisation walks the same synapses per neuron: it is given the plan's order, and these copies serve both.
            var incoming = _plan.Normalisations.FirstOrDefault(n => n.Projection == pr) is { } normalised
                ? IncomingSynapses.From(c.Table, pr.Pre.Start, normalised.Start, normalised.Synapses)
                : IncomingSynapses.Of(c.Table, pr.Pre.Start, pr.Post.Start, pr.Post.Count);
            var start = _memory.Mirror(incoming.Start, $"incoming synapses of '{pr.Name}'");
            var pre = _memory.Mirror(incoming.Pre, $"presynaptic neurons of '{pr.Name}'");
            var synapse = _memory.Mirror(incoming.Synapse, $"synapse ids of '{pr.Name}'");
            var delays = projection.DelaySteps is null ? null : _memory.Mirror(incoming.Gather(projection.DelaySteps), $"delays of '{pr.Name}'");
            if (c.Continuous is { } continuous)
            {
                _memory.Mirror(c.PreIndex!, $"presynaptic neuron of each synapse of '{pr.Name}'");
                _memory.Mirror(c.Table.Post, $"postsynaptic neuron of each synapse of '{pr.Name}'");
            }
            var prePopulation = _populations[pr.Pre.Population.Index];
            var postPopulation = _populations[pr.Post.Population.Index];
            PlanNeuronLevel(projection);
            bindings.Add(() =>
            {
                if (c.Continuous is { } continuous)
                {
                    var kernel = BindArguments(Kernel(OpenClKernelGenerator.FunctionName(continuous)), continuous, 3, null, null);
                    kernel.Set(0, 0).Set(1, c.Table.Count);
                    _continuous.Add(step => kernel.Set(2, step).Run(_queue, c.Table.Count));
                }
                if (AsSynapseFunction(c.Summed) is { } summed)
                {
                    var kernel = BindArguments(Kernel(SynapseEventKernels.Name("sum_", summed)), summed, SynapseEventKernels.SumFixed, null, null)
                        .Set(0, pr.Post.Start).Set(1, pr.Post.Count).Set(2, start).Set(3, pre).Set(4, synapse);
                    _summed.Add(step => kernel.Set(5, step).Run(_queue, pr.Post.Count));
                }
                if (c.OnPre is { } onPre)
                {
                    var (history, length, _) = prePopulation.History!.Value;
                    var kernel = BindArguments(Kernel(SynapseEventKernels.Name("arrive_", onPre)), onPre, SynapseEventKernels.ArriveFixed, null, null)
                        .Set(0, pr.Post.Start).Set(1, pr.Post.Count).Set(2, start).Set(3, pre).Set(4, synapse).Set(5, delays)
                        .Set(6, c.Delay).Set(7, projection.MaxDelay).Set(8, history).Set(9, length).Set(10, prePopulation.Host.Size);
                    _arrivals.Add(step => kernel.Set(11, step).Run(_queue, pr.Post.Count));
                }
                if (c.OnPost is { } onPost)
                {
                    var kernel = BindArguments(Kernel(SynapseEventKernels.Name("post_", onPost)), onPost, SynapseEventKernels.PostFixed, null, null)
                        .Set(0, pr.Post.Start).Set(1, pr.Post.Count).Set(2, start).Set(3, pre).Set(4, synapse).Set(5, postPopulation.SpikedAt);
                    _postSpikes.Add(step => kernel.Set(6, step).Run(_queue, pr.Post.Count));
                }
                BindNeuronLevel(projection, prePopulation, postPopulation);
            });
        }
        return bindings;
    }

    /// <summary>Binds a generated kernel's (or wrapper's) buffer parameters, which start at argument <paramref name="first"/>.</summary>
    private DeviceKernel BindArguments(DeviceKernel kernel, KernelDefinition k, int first, DevicePopulation? population, DeviceBuffer? partials,
        DeviceBuffer? failedStep = null)
    {
        int index = first;
        foreach (var parameter in OpenClKernelGenerator.Parameters(k))
        {
            var buffer = parameter.Role switch
            {
                ParameterRole.Array => _memory.MirrorOf(parameter.Data!)
                    ?? throw new InvalidOperationException($"kernel '{k.Name}' reads '{parameter.Name}', which has no device copy"),
                ParameterRole.LastSpike => _memory.MirrorOf(k.Refractory!.LastSpikeStep),
                ParameterRole.EventClock => _memory.MirrorOf(k.EventClock!)
                    ?? throw new InvalidOperationException($"kernel '{k.Name}' has event clocks without a device copy"),
                ParameterRole.PreClock => _memory.MirrorOf(k.PreClock!),
                ParameterRole.PostClock => _memory.MirrorOf(k.PostClock!),
                ParameterRole.PreIndex => _memory.MirrorOf(k.PreIndex!),
                ParameterRole.PostIndex => _memory.MirrorOf(k.PostIndex!),
                ParameterRole.SpikedAt => population!.SpikedAt,
                ParameterRole.FailedStep => failedStep ?? population?.FailedStep ?? _synapticFailedStep,
                ParameterRole.Partials => partials,
                _ => throw new InvalidOperationException($"kernel '{k.Name}' needs {parameter.Role}"),
            };
            kernel.Set(index++, buffer);
        }
        return kernel;
    }
}

using System.Text;
using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Compilation;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>Neuron-level variables of synapse models on the device: their buffers, their spike code after the synapse code
/// of the same spikes, and their clock-driven equations at the end of the step's plasticity, as on the CPU.</summary>
internal sealed partial class OpenClSimulation<T>
{
    private readonly List<Action<long>> _neuronLevelUpdates = [];

    /// <summary>The spike code and clock-driven updates of a projection's neuron-level variables.</summary>
    private static void AppendNeuronLevelSource(CompiledProjection c, OpenClKernelGenerator generator, StringBuilder source)
    {
        foreach (var side in c.NeuronLevel)
        {
            if (side.OnSpike is { } onSpike)
            {
                var wrapper = side.Side == Models.VariableOwner.Presynaptic ? SynapseEventKernels.PreSpike(onSpike) : SynapseEventKernels.PostSpike(onSpike);
                source.Append('\n').Append(generator.Generate(onSpike)).Append('\n').Append(wrapper);
            }
            if (side.Continuous is { } update) source.Append('\n').Append(generator.Generate(update));
        }
    }

    /// <summary>Plans the device copies of a projection's neuron-level variables and their clocks.</summary>
    private void PlanNeuronLevel(ProjectionRuntime<T> projection)
    {
        var name = projection.Projection.Name;
        foreach (var side in projection.Compiled.NeuronLevel)
        {
            var owner = side.Side == Models.VariableOwner.Presynaptic ? "presynaptic" : "postsynaptic";
            foreach (var (variable, array) in side.Arrays) _memory.Mirror(array, $"{owner} variable '{variable}' of '{name}'");
            if (side.Clock is { } clock) _memory.Mirror(clock, $"{owner} clocks of '{name}'");
        }
    }

    /// <summary>Binds the spike-code and update kernels of a projection's neuron-level variables once buffers exist.</summary>
    private void BindNeuronLevel(ProjectionRuntime<T> projection, DevicePopulation pre, DevicePopulation post)
    {
        var c = projection.Compiled;
        if (c.Presynaptic?.OnSpike is { } preSpike)
        {
            var (history, length, _) = pre.History!.Value;
            var (start, count) = c.Presynaptic.Slice;
            var kernel = BindArguments(Kernel(SynapseEventKernels.Name("prespike_", preSpike)), preSpike, SynapseEventKernels.PreSpikeFixed, null, null)
                .Set(0, start).Set(1, count).Set(2, history).Set(3, length).Set(4, pre.Host.Size).Set(5, c.Delay);
            _arrivals.Add(step => kernel.Set(6, step).Run(_queue, count));
        }
        if (c.Postsynaptic?.OnSpike is { } postSpike)
        {
            var (start, count) = c.Postsynaptic.Slice;
            var kernel = BindArguments(Kernel(SynapseEventKernels.Name("postspike_", postSpike)), postSpike, SynapseEventKernels.PostSpikeFixed, null, null)
                .Set(0, start).Set(1, count).Set(2, post.SpikedAt);
            _postSpikes.Add(step => kernel.Set(3, step).Run(_queue, count));
        }
        foreach (var side in c.NeuronLevel)
        {
            if (side.Continuous is not { } update) continue;
            var (start, count) = side.Slice;
            var kernel = BindArguments(Kernel(OpenClKernelGenerator.FunctionName(update)), update, 3, null, null).Set(0, start).Set(1, start + count);
            _neuronLevelUpdates.Add(step => kernel.Set(2, step).Run(_queue, count));
        }
    }
}

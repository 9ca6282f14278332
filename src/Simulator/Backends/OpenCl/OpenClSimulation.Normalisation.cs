using Dendra.Simulator.Execution;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Spiking projections whose synaptic variable is normalised per postsynaptic neuron (<see cref="ExecutionPlan.Normalisations"/>):
/// one work-item per neuron (<c>normalise_incoming</c> in runtime.cl) scales the variable in place on the device, walking the
/// neuron's synapses in the plan's order, which the general synapses' kernels already have a copy of. Reads of the variable
/// (<c>Projection.Get</c>, weight monitors, checkpoints) download it, so they see the normalised values.
/// </summary>
internal sealed partial class OpenClSimulation<T>
{
    private readonly List<(PlannedNormalisation Plan, DeviceKernel Kernel)> _normalisations = [];

    /// <summary>Binds the normalisations once buffers exist (after the general synapses, whose buffers they share).</summary>
    private List<Action> PlanNormalisations() =>
        [.. _plan.Normalisations.Select(n => (Action)(() =>
        {
            var values = _memory.MirrorOf(n.Values) ?? throw new InvalidOperationException($"'{n.Normalisation.Variable}' of '{n.Projection.Name}' has no device copy");
            var kernel = Kernel("normalise_incoming").Set(0, values).Set(1, _memory.MirrorOf(n.Start)).Set(2, _memory.MirrorOf(n.Synapses))
                .Set(3, n.Projection.Post.Count).Set(4, T.CreateTruncating(n.Normalisation.P)).Set(5, T.CreateTruncating(n.Normalisation.Radius))
                .Set(6, _synapticFailedStep);
            _normalisations.Add((n, kernel));
        }))];

    /// <summary>Enqueues the normalisations due at the end of <paramref name="step"/> (after the step's plasticity).</summary>
    private void EnqueueNormalisations(long step)
    {
        foreach (var (plan, kernel) in _normalisations)
            if (plan.DueAfterStep(step)) kernel.Set(7, step).Run(_queue, plan.Projection.Post.Count);
    }

    /// <summary>Enqueues the normalisations due at the end of presentation number <paramref name="presentation"/>, named by
    /// <paramref name="step"/>, the last step taken; returns whether any was.</summary>
    private bool EnqueueNormalisations(long presentation, long step)
    {
        bool any = false;
        foreach (var (plan, kernel) in _normalisations)
        {
            if (!plan.DueAfterPresentation(presentation)) continue;
            kernel.Set(7, step).Run(_queue, plan.Projection.Post.Count);
            any = true;
        }
        return any;
    }
}

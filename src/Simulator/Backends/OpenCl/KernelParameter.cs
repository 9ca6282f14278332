namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>What a generated kernel's parameter carries, so the host binds the right buffer or value to it.</summary>
internal enum ParameterRole
{
    /// <summary>An array binding of the kernel (state, input, parameter, synaptic variable…).</summary>
    Array,
    /// <summary>Per neuron, the step of its last spike (refractoriness).</summary>
    LastSpike,
    /// <summary>Per synapse, the step of its last event (event-driven variables).</summary>
    EventClock,
    /// <summary>Per presynaptic neuron, the step its neuron-level variables were last brought up to date.</summary>
    PreClock,
    /// <summary>Per postsynaptic neuron, the step its neuron-level variables were last brought up to date.</summary>
    PostClock,
    /// <summary>Per synapse, its presynaptic neuron.</summary>
    PreIndex,
    /// <summary>Per synapse, its postsynaptic neuron.</summary>
    PostIndex,
    /// <summary>Threshold kernels: per neuron, the step it last spiked at (written when it spikes).</summary>
    SpikedAt,
    /// <summary>Update kernels: the earliest step at which a non-finite value was stored.</summary>
    FailedStep,
    /// <summary>Sum kernels: one partial sum per piece.</summary>
    Partials,
}

/// <summary>A buffer parameter of a generated kernel, after the fixed <c>(int start, int end, long step)</c>.</summary>
/// <param name="Name">Name in the source.</param>
/// <param name="Role">What it carries.</param>
/// <param name="Data">The host array of an <see cref="ParameterRole.Array"/> parameter (null otherwise).</param>
internal sealed record KernelParameter(string Name, ParameterRole Role, Array? Data);

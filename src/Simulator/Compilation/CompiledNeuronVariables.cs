using Dendra.Simulator.Models;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// The neuron-level variables a synapse model owns on one side of a projection (its presynaptic or its postsynaptic
/// neurons), e.g. spike traces: one value per neuron, changed once per spike of that neuron, not once per synapse.
/// </summary>
/// <remarks>Arrays are as long as the side's whole population and indexed by the neuron's index in it, as the neuron's
/// own variables are, so synapse kernels index them exactly as they index <c>x_pre</c> and <c>x_post</c>; only the
/// entries of the projection's slice are used.</remarks>
public sealed class CompiledNeuronVariables
{
    /// <summary><see cref="VariableOwner.Presynaptic"/> or <see cref="VariableOwner.Postsynaptic"/>.</summary>
    public required VariableOwner Side { get; init; }

    /// <summary>The variables by name, one value per neuron of the side's population.</summary>
    public required Dictionary<string, Array> Arrays { get; init; }

    /// <summary>Where the projection's neurons on this side start in their population, and how many there are.</summary>
    public required (int Start, int Count) Slice { get; init; }

    /// <summary>With event-driven variables: per neuron, the step at which they were last brought up to date (they are
    /// decayed exactly from then to whenever they are read).</summary>
    public required long[]? Clock { get; init; }

    /// <summary>Code run once per spike of a neuron of this side (a synapse-event kernel whose element, pre and post are
    /// the neuron): brings its event-driven variables up to date, runs the spike code, and sets its clock.</summary>
    public required KernelDefinition? OnSpike { get; init; }

    /// <summary>Clock-driven variables, integrated every step over the slice's neurons (after the step's spikes).</summary>
    public required KernelDefinition? Continuous { get; init; }

    /// <summary>Which variables are event-driven (decayed when read) and which are clock-driven (stored as they are now).</summary>
    public required IReadOnlySet<string> EventDriven { get; init; }
}

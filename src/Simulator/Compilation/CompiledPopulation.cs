using Dendra.Simulator.Models;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// A population turned into storage and backend-neutral kernels: what every backend needs to run it.
/// </summary>
public sealed class CompiledPopulation
{
    /// <summary>Name of the population.</summary>
    public required string Name { get; init; }

    /// <summary>Number of neurons.</summary>
    public required int Size { get; init; }

    /// <summary>Arrays by name: state variables, inputs, per-neuron parameters, materialized sub-expressions, reduction cells.</summary>
    public required Dictionary<string, Array> Arrays { get; init; }

    /// <summary>State variables (checked for NaN/Inf after every update).</summary>
    public required IReadOnlyList<string> StateVariables { get; init; }

    /// <summary>Summed inputs, zeroed every step.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>The integrator chosen.</summary>
    public required Integrator Method { get; init; }

    /// <summary>Initializes per-neuron parameters and state.</summary>
    public required KernelDefinition Init { get; init; }

    /// <summary>One sum per population reduction, run before the update; results go to the named scalar cells.</summary>
    public required IReadOnlyList<(KernelDefinition Kernel, string Cell, bool Mean)> Reductions { get; init; }

    /// <summary>The state update, an <see cref="KernelShape.UpdateLoop"/> (null when the model has no differential equations).</summary>
    public required KernelDefinition? Update { get; init; }

    /// <summary>Threshold and reset (null for rate models).</summary>
    public required KernelDefinition? Threshold { get; init; }

    /// <summary>Writes requested sub-expressions into arrays (null when none is requested) whenever the state they are
    /// computed from may have changed: after the update, so that continuous synaptic equations read them with the state
    /// they read; after a reset, so that synaptic events read them as of the reset state; and at the end of a step into
    /// which spikes were delivered, so that monitors, recordings and rate projections read them as of the state the step
    /// leaves.</summary>
    public required KernelDefinition? Materialize { get; init; }

    /// <summary>Computes the factors of outer-product rules that read this population (null when none does), in the
    /// plasticity phase, before the rules are applied.</summary>
    public KernelDefinition? RuleFactors { get; init; }

    /// <summary>Whether spikes run reset statements (which change state after the update).</summary>
    public required bool Resets { get; init; }

    /// <summary>Refractory bookkeeping, when the model has a refractory period.</summary>
    public required RefractoryState? Refractory { get; init; }
}

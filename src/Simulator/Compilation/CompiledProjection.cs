namespace Dendra.Simulator.Compilation;

/// <summary>
/// A projection turned into storage and kernels. Static synapses whose only code is <c>target += w</c> take the
/// fast path: no kernels, spikes are summed straight into the target's delay ring buffer, and a constant
/// weight is stored once, so such a synapse costs 4 bytes (its postsynaptic index).
/// </summary>
public sealed class CompiledProjection
{
    /// <summary>Projection name.</summary>
    public required string Name { get; init; }

    /// <summary>The synapses.</summary>
    public required SynapseTable Table { get; init; }

    /// <summary>Delay in steps shared by all synapses, when <see cref="DelaySeconds"/> is null.</summary>
    public required int Delay { get; init; }

    /// <summary>Fast path: the postsynaptic variable that <c>+= w</c> targets; null for general synapses.</summary>
    public required string? AdditiveTarget { get; init; }

    /// <summary>Fast path: the weight shared by every synapse, when there is no per-synapse array.</summary>
    public required double? ConstantWeight { get; init; }

    /// <summary>Synaptic variables by name (the weight <c>w</c> among them, unless it is constant).</summary>
    public required Dictionary<string, Array> Arrays { get; init; }

    /// <summary>Initializes synaptic variables (null when every value is constant and nothing needs storing).</summary>
    public required KernelDefinition? Init { get; init; }

    /// <summary>General path: code run when a presynaptic spike arrives.</summary>
    public required KernelDefinition? OnPre { get; init; }

    /// <summary>General path: code run when the postsynaptic neuron spikes.</summary>
    public required KernelDefinition? OnPost { get; init; }

    /// <summary>Summed variables: adds each synapse's value to its postsynaptic neuron's summed input (run on one thread, in synapse order).</summary>
    public required KernelDefinition? Summed { get; init; }

    /// <summary>Continuous synaptic equations, integrated every step.</summary>
    public required KernelDefinition? Continuous { get; init; }

    /// <summary>Presynaptic neuron of each synapse (general path only).</summary>
    public required int[]? PreIndex { get; init; }

    /// <summary>On-post code: synapses grouped by postsynaptic neuron (CSR: start per post neuron, then synapse ids).</summary>
    public required (int[] Start, int[] Synapses)? ByPost { get; init; }

    /// <summary>Variables the synapse model stores once per presynaptic neuron (null when it has none, or when per-synapse
    /// delays make every synapse see the presynaptic spike at its own time, so they are stored per synapse instead).</summary>
    public CompiledNeuronVariables? Presynaptic { get; init; }

    /// <summary>Variables the synapse model stores once per postsynaptic neuron (null when it has none).</summary>
    public CompiledNeuronVariables? Postsynaptic { get; init; }

    /// <summary>The step of each synapse's last event, when its code decays state event-driven (shared by its kernels); null otherwise.</summary>
    public long[]? EventClock => OnPre?.EventClock ?? OnPost?.EventClock ?? Continuous?.EventClock ?? Summed?.EventClock;

    /// <summary>Both sides' neuron-level variables, those that exist.</summary>
    public IEnumerable<CompiledNeuronVariables> NeuronLevel => new[] { Presynaptic, Postsynaptic }.OfType<CompiledNeuronVariables>();

    /// <summary>Initial per-synapse delays in seconds, when they are given by an expression (converted to steps after init).</summary>
    public required Array? DelaySeconds { get; init; }
}

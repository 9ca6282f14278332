namespace Dendra.Simulator.Execution;

/// <summary>
/// The phases of one time step, in the order every backend runs them. The order is decided here, once: executors run
/// <see cref="ExecutionPlan.UntilSpikes"/> and then <see cref="ExecutionPlan.AfterSpikes"/>, each phase with their own
/// primitives, and a placed network exchanges the spikes that cross between backends between the two halves.
/// </summary>
internal enum Phase
{
    /// <summary>Summed inputs cleared; current injections, rate projections and summed synaptic variables added.</summary>
    Inputs,

    /// <summary>Population reductions, then the state equations; stored sub-expressions and continuous synaptic equations follow.</summary>
    StateUpdate,

    /// <summary>Thresholds and resets (or spike sources) give this step's spikes.</summary>
    ThresholdReset,

    /// <summary>Spikes into delay rings and event queues; whatever is due now arrives.</summary>
    Propagate,

    /// <summary>On-post code, neuron-level spike code, then the outer-product rules of plastic rate projections that are due.</summary>
    Plasticity,

    /// <summary>Stored sub-expressions of populations that synapse code wrote into this step are recomputed.</summary>
    Refresh,

    /// <summary>Monitors and recorders see the step's end state.</summary>
    Monitors,
}

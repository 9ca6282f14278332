using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Execution;

/// <summary>
/// A backend whose whole state can be captured and put back: every state variable, weight and synaptic variable,
/// spikes in flight, refractory and event clocks, and the step (which is also the random-number counter).
/// Kept apart from <see cref="ISimulationBackend"/> so a backend can run before it can checkpoint.
/// </summary>
internal interface ICheckpointable
{
    /// <summary>A backend-neutral copy of the whole simulation state, at the start of the next step.</summary>
    SimulationState Capture();

    /// <summary>Puts <paramref name="state"/> back (its structure was checked against this network).</summary>
    void Restore(SimulationState state);
}

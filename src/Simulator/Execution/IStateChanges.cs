using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Execution;

/// <summary>
/// How much watched state changed in one step, per instance of a batch: what <see cref="Network.RunUntilSettled"/>
/// asks after every step. A backend measures it where the state lives (<see cref="ISimulationBackend.TrackChanges"/>);
/// any backend can fall back on reading the state (<see cref="ReadStateChanges"/>).
/// </summary>
internal interface IStateChanges
{
    /// <summary>Writes into <paramref name="largest"/> (one per instance) the largest |change| of any watched value since the
    /// last call, or since the tracker was made; NaN where a value is NaN.</summary>
    void Measure(Span<double> largest);
}

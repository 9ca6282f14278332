using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Execution;

/// <summary>Creates the executor that runs a network: the only way the graph reaches a backend, so the graph names none.</summary>
internal interface IExecutorFactory
{
    /// <summary>An executor for <paramref name="network"/>, chosen by its <see cref="Network.Backend"/> and its populations' placements.</summary>
    ISimulationBackend Create(Network network);
}

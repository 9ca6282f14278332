using System.Runtime.CompilerServices;
using Dendra.Simulator.Backends.Cpu;
using Dendra.Simulator.Backends.Hybrid;
using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends;

/// <summary>Creates the simulation a network's <see cref="Network.Backend"/> and its populations' placements ask for:
/// the CPU, OpenCL, or both (<see cref="HybridSimulation{T}"/>).</summary>
internal sealed class BackendChooser : IExecutorFactory
{
    /// <summary>Where <see cref="Backend.Auto"/> reports that it fell back to the CPU (standard error unless redirected).</summary>
    public static TextWriter Notes { get; set; } = Console.Error;

    // The graph must not name a backend, so the backends register their factory when the assembly loads: the one moment
    // that comes before any network is built, whoever uses the library and however.
#pragma warning disable CA2255
    [ModuleInitializer]
    internal static void Register() => Executors.Factory = new BackendChooser();
#pragma warning restore CA2255

    public ISimulationBackend Create(Network network)
    {
        BatchRules.Check(network);
        var plan = PlacementPlan.Resolve(network, Notes);
        if (plan.Device is not { } device) return Cpu(network);
        if (plan.AllOnDevice) return OpenCl(network, device);
        BatchRules.CheckNotSplit(network);
        return network.Precision == Precision.Single
            ? new HybridSimulation<float>(network, device, plan.OnDevice)
            : new HybridSimulation<double>(network, device, plan.OnDevice);
    }

    private static ISimulationBackend Cpu(Network network) => network.Precision == Precision.Single
        ? new CpuSimulation<float>(network)
        : new CpuSimulation<double>(network);

    private static ISimulationBackend OpenCl(Network network, OpenClDevice device) => network.Precision == Precision.Single
        ? new OpenClSimulation<float>(network, device)
        : new OpenClSimulation<double>(network, device);
}

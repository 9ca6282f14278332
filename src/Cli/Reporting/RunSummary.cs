using Dendra.Simulator.Graph;

namespace Dendra.Cli.Reporting;

/// <summary>The outcome of one <c>Run</c> call of a script, as the reporter prints it.</summary>
/// <param name="SimulatedSeconds">Simulated time of this run.</param>
/// <param name="Steps">Steps of this run.</param>
/// <param name="Dt">Time step in seconds.</param>
/// <param name="BuildWallSeconds">Wall time spent building the network in this call (0 when it was built before).</param>
/// <param name="RunWallSeconds">Wall time of the simulation itself.</param>
/// <param name="Populations">One row per population.</param>
internal sealed record RunSummary(
    double SimulatedSeconds,
    long Steps,
    double Dt,
    double BuildWallSeconds,
    double RunWallSeconds,
    IReadOnlyList<PopulationSummary> Populations)
{
    /// <summary>Worker threads of the network, when known (else the reporter uses those of the network it saw built).</summary>
    public int? Threads { get; init; }

    /// <summary>Floating-point precision of the network, when known (else the reporter uses that of the network it saw built).</summary>
    public Precision? Precision { get; init; }

    /// <summary>The simulation backend: <c>cpu</c>, or <c>opencl: device (platform)</c>.</summary>
    public string Backend { get; init; } = "cpu";

    /// <summary>Instances run side by side (<see cref="Simulator.Graph.Network.BatchSize"/>).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>What the title says after the steps: nothing, or how many instances each ran in.</summary>
    public string Instances => BatchSize > 1 ? $" in each of {BatchSize} instances" : "";
}

/// <summary>Spikes of one population during one run.</summary>
/// <param name="Name">Population name.</param>
/// <param name="Neurons">Number of neurons.</param>
/// <param name="Spikes">Spikes during this run.</param>
/// <param name="MeanRateHz">Mean rate per neuron over this run in Hz, or null when unknown.</param>
internal sealed record PopulationSummary(string Name, int Neurons, long Spikes, double? MeanRateHz);

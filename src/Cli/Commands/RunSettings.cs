using Dendra.Simulator.Graph;

namespace Dendra.Cli.Commands;

/// <summary>What <c>dendra run</c> was asked to do, parsed and checked.</summary>
/// <param name="ScriptPath">Full path of the script.</param>
/// <param name="ScriptArgs">Arguments after the script, given to it as <c>Args</c>.</param>
/// <param name="Duration">Simulated time per <c>Run</c> call, in seconds, when given.</param>
/// <param name="Dt">Time step in seconds, when given.</param>
/// <param name="Seed">Random seed, when given.</param>
/// <param name="Threads">Worker threads, when given.</param>
/// <param name="Precision">Floating-point precision, when given.</param>
/// <param name="Parameters">The <c>--set name=value</c> pairs, in the order given.</param>
/// <param name="Quiet">No progress output.</param>
internal sealed record RunSettings(
    string ScriptPath,
    IReadOnlyList<string> ScriptArgs,
    double? Duration,
    double? Dt,
    ulong? Seed,
    int? Threads,
    Precision? Precision,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    bool Quiet)
{
    /// <summary>The variant the script is run as (<c>--variant</c>, or one of <c>dendra compare --variants</c>); the script reads it as <c>Variant</c>.</summary>
    public string? Variant { get; init; }

    /// <summary>Where the run is recorded (<c>--record FILE</c>), as a full path; null for not at all.</summary>
    public string? RecordPath { get; init; }

    /// <summary>Simulated time in seconds between weight snapshots of plastic projections (<c>--record-weights</c>); null for none.</summary>
    public double? RecordWeightsInterval { get; init; }

    /// <summary>The backend asked for (<c>--backend</c>); null for the script's own choice.</summary>
    public Backend? Backend { get; init; }

    /// <summary>The OpenCL device asked for (<c>--device</c>); null for the default.</summary>
    public string? Device { get; init; }

    /// <summary>How the run is shown (<c>--view</c>, <c>--frames</c>, <c>--mp4</c>); null for not at all.</summary>
    public DisplaySettings? Display { get; init; }
}

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
/// <param name="Backend">Where the networks run (cpu, opencl, auto), when given.</param>
/// <param name="Device">Which OpenCL device (index, type or part of a name), when given.</param>
internal sealed record RunSettings(
    string ScriptPath,
    IReadOnlyList<string> ScriptArgs,
    double? Duration,
    double? Dt,
    ulong? Seed,
    int? Threads,
    Precision? Precision,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    bool Quiet,
    Backend? Backend = null,
    string? Device = null);

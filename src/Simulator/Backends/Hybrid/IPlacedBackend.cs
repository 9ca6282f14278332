namespace Dendra.Simulator.Backends.Hybrid;

/// <summary>A simulation whose populations run in different places (some on the CPU, some on a device).</summary>
internal interface IPlacedBackend
{
    /// <summary>What runs where, in one line for run summaries.</summary>
    string Description { get; }
}

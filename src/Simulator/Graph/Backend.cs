namespace Dendra.Simulator.Graph;

/// <summary>Where a network runs.</summary>
public enum Backend
{
    /// <summary>The multi-threaded CPU backend (the default and the reference).</summary>
    Cpu,
    /// <summary>An OpenCL device (a GPU, or PoCL on a CPU); fails with a clear error when there is none.</summary>
    OpenCl,
    /// <summary>When a device exists, OpenCL for each population of at least <see cref="Network.AutoOpenClSize"/> neurons and the
    /// CPU for the rest (see <see cref="Population.Placement"/>); without one, the CPU, saying so in one line.</summary>
    Auto,
}

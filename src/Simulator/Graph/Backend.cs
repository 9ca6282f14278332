namespace Dendra.Simulator.Graph;

/// <summary>Where a network runs.</summary>
public enum Backend
{
    /// <summary>The multi-threaded CPU backend (the default and the reference).</summary>
    Cpu,
    /// <summary>An OpenCL device (a GPU, or PoCL on a CPU); fails with a clear error when there is none.</summary>
    OpenCl,
    /// <summary>OpenCL for large networks when a device exists, else the CPU, saying so in one line.</summary>
    Auto,
}

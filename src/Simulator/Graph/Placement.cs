namespace Dendra.Simulator.Graph;

/// <summary>Where one population runs; see <see cref="Population.Placement"/>.</summary>
public enum Placement
{
    /// <summary>Follow the network's <see cref="Network.Backend"/>: everything on the CPU or on OpenCL, and with
    /// <see cref="Backend.Auto"/> OpenCL for populations of at least <see cref="Network.AutoOpenClSize"/> neurons when a device exists.</summary>
    Auto,
    /// <summary>On the CPU, whatever the network's backend.</summary>
    Cpu,
    /// <summary>On the network's OpenCL device (<see cref="Network.Device"/>), whatever the network's backend; fails with a clear error when there is none.</summary>
    OpenCl,
}

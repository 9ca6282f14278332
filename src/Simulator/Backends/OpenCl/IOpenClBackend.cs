namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>A simulation that runs on an OpenCL device.</summary>
internal interface IOpenClBackend
{
    /// <summary>The device it runs on.</summary>
    OpenClDevice Device { get; }
}

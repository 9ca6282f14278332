namespace Dendra.Simulator.Compilation;

/// <summary>
/// Turns backend-neutral kernels into something a backend runs: compiled delegates on the CPU, OpenCL C
/// source on a device. The equation compiler only ever produces <see cref="KernelDefinition"/>s.
/// </summary>
/// <typeparam name="TOutput">What the backend runs.</typeparam>
public interface IKernelGenerator<out TOutput>
{
    /// <summary>Generates the backend's form of <paramref name="kernel"/>.</summary>
    TOutput Generate(KernelDefinition kernel);
}

/// <summary>A compiled <see cref="KernelShape.ElementLoop"/> kernel.</summary>
public delegate void ElementKernel(int start, int end, long step);

/// <summary>A compiled <see cref="KernelShape.ThresholdLoop"/> kernel.</summary>
public delegate int ThresholdKernel(int start, int end, long step, int[] spikes);

/// <summary>A compiled <see cref="KernelShape.SumLoop"/> kernel.</summary>
public delegate double SumKernel(int start, int end, long step);

/// <summary>A compiled <see cref="KernelShape.SynapseEvent"/> kernel.</summary>
public delegate void SynapseKernel(int synapse, int pre, int post, long step);

using Dendra.Simulator.Graph;

namespace Dendra.Cli.Bench;

/// <summary>One benchmark measurement to make: a network of Brette et al. (2007) at one size and setting.</summary>
/// <param name="Network">cuba, coba or cobahh.</param>
/// <param name="Neurons">Number of neurons.</param>
/// <param name="SynapsesPerNeuron">Mean out-degree; 0 keeps the paper's p = 0.02.</param>
/// <param name="Duration">Simulated time in seconds.</param>
/// <param name="Precision">Floating-point precision.</param>
/// <param name="Threads">Worker threads.</param>
/// <param name="Seed">Random seed.</param>
/// <param name="Backend">Where it runs.</param>
/// <param name="Device">The OpenCL device selector, or null for the default.</param>
internal sealed record BenchmarkCase(string Network, int Neurons, double SynapsesPerNeuron, double Duration,
    Precision Precision, int Threads, ulong Seed, Backend Backend = Backend.Cpu, string? Device = null);

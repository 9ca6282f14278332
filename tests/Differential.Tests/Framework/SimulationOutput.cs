namespace Dendra.Differential.Tests.Framework;

/// <summary>What one simulator recorded for one case, in the shape both simulators' outputs share.</summary>
/// <param name="Spikes">Per population, its spikes sorted by step, then neuron.</param>
/// <param name="Traces">Per <see cref="TraceRequest.Key"/>, one row per requested neuron, one value per step.</param>
/// <param name="SynapseTraces">Per <see cref="SynapseTraceRequest.Key"/>, every synapse's trace.</param>
/// <param name="Rates">Per population, the rate (Hz) at every step.</param>
/// <param name="RateBins">Per population, the rate averaged over bins of the requested number of steps.</param>
internal sealed record SimulationOutput(
    IReadOnlyDictionary<string, IReadOnlyList<SpikeEvent>> Spikes,
    IReadOnlyDictionary<string, double[][]> Traces,
    IReadOnlyDictionary<string, SynapseTrace> SynapseTraces,
    IReadOnlyDictionary<string, double[]> Rates,
    IReadOnlyDictionary<string, double[]> RateBins);

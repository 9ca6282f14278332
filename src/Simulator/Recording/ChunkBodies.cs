using MessagePack;

namespace Dendra.Simulator.Recording;

/// <summary>The kind of a frame in a <c>.dnr</c> file (its first field).</summary>
public enum ChunkKind
{
    /// <summary>The recording header.</summary>
    Header = 0,
    /// <summary>Spikes of one population.</summary>
    Spikes = 1,
    /// <summary>Samples of one state stream.</summary>
    State = 2,
    /// <summary>Per-step spike counts of one population.</summary>
    Rates = 3,
    /// <summary>One snapshot of one weight stream.</summary>
    Weights = 4,
    /// <summary>A user marker.</summary>
    Marker = 5,
    /// <summary>One value of a metric (<see cref="MetricChunk"/>), e.g. a point of a learning curve.</summary>
    Metric = 6,
    /// <summary>The index footer.</summary>
    Index = 15,
}

/// <summary>Spikes of one population: spike k fired at step <c>FirstStep + StepOffsets[k]</c> in neuron <c>Neurons[k]</c>.</summary>
[MessagePackObject]
public sealed class SpikeChunk
{
    /// <summary>Offset of each spike's step from the frame's first step, ascending.</summary>
    [Key(0)] public int[] StepOffsets { get; init; } = [];

    /// <summary>Neuron of each spike, ascending within a step.</summary>
    [Key(1)] public int[] Neurons { get; init; } = [];
}

/// <summary>Samples of one state stream: sample k taken at step <c>Steps[k]</c>, values row-major (sample × neuron).</summary>
[MessagePackObject]
public sealed class StateChunk
{
    /// <summary>Step of each sample.</summary>
    [Key(0)] public long[] Steps { get; init; } = [];

    /// <summary>Values of a float32 network (null for float64).</summary>
    [Key(1)] public float[]? Single { get; init; }

    /// <summary>Values of a float64 network (null for float32).</summary>
    [Key(2)] public double[]? Double { get; init; }
}

/// <summary>Spike counts of one population, one per step from the frame's first step to its last.</summary>
[MessagePackObject]
public sealed class RateChunk
{
    /// <summary>Spikes emitted by the population in each step.</summary>
    [Key(0)] public int[] Counts { get; init; } = [];
}

/// <summary>A snapshot of a synaptic variable at the frame's first step, one value per synapse in storage order.</summary>
[MessagePackObject]
public sealed class WeightChunk
{
    /// <summary>Presynaptic neuron of each synapse (of each value of a presynaptic neuron-level variable; empty for a postsynaptic one).</summary>
    [Key(0)] public int[] Pre { get; init; } = [];

    /// <summary>Postsynaptic neuron of each synapse (of each value of a postsynaptic neuron-level variable; empty for a presynaptic one).</summary>
    [Key(1)] public int[] Post { get; init; } = [];

    /// <summary>Values of a float32 network (null for float64).</summary>
    [Key(2)] public float[]? Single { get; init; }

    /// <summary>Values of a float64 network (null for float32).</summary>
    [Key(3)] public double[]? Double { get; init; }
}

/// <summary>A user marker at the frame's first step.</summary>
[MessagePackObject]
public sealed class MarkerChunk
{
    /// <summary>The marker's text.</summary>
    [Key(0)] public string Text { get; init; } = "";
}

/// <summary>One value of a metric, taken at the frame's step after <see cref="Samples"/> training samples.</summary>
[MessagePackObject]
public sealed class MetricChunk
{
    /// <summary>Training samples shown when the value was measured.</summary>
    [Key(0)] public long Samples { get; init; }

    /// <summary>The value.</summary>
    [Key(1)] public double Value { get; init; }
}

/// <summary>One entry of the index footer: where a frame lies and what it covers.</summary>
[MessagePackObject]
public sealed class ChunkInfo
{
    /// <summary>Kind of the frame.</summary>
    [Key(0)] public ChunkKind Kind { get; init; }

    /// <summary>Stream id (population, state stream or weight stream index; 0 for markers).</summary>
    [Key(1)] public int Stream { get; init; }

    /// <summary>First step covered.</summary>
    [Key(2)] public long FirstStep { get; init; }

    /// <summary>Last step covered (inclusive).</summary>
    [Key(3)] public long LastStep { get; init; }

    /// <summary>Byte offset of the frame in the file.</summary>
    [Key(4)] public long Offset { get; init; }

    /// <summary>Length of the frame in bytes.</summary>
    [Key(5)] public long Length { get; init; }

    /// <summary>Items held: spikes, samples, steps, synapses or 1 for a marker.</summary>
    [Key(6)] public long Items { get; init; }
}

using MessagePack;

namespace Dendra.Simulator.Recording;

/// <summary>
/// The whole state of a simulation between two steps, independent of the backend: values are stored as doubles
/// (exact for float32 networks too) and buffers in flight are stored relative to the next step.
/// </summary>
[MessagePackObject]
internal sealed class SimulationState
{
    /// <summary>The next step to run; random draws are counted by it, so it is also the generators' position.</summary>
    [Key(0)] public long Step { get; set; }

    [Key(1)] public string Precision { get; set; } = "";

    [Key(2)] public double Dt { get; set; }

    [Key(3)] public ulong Seed { get; set; }

    [Key(4)] public PopulationState[] Populations { get; set; } = [];

    [Key(5)] public ProjectionState[] Projections { get; set; } = [];

    /// <summary>The backend that saved it ("cpu", "opencl"), for information only: the state is backend-neutral and
    /// restores on any backend.</summary>
    [Key(6)] public string Backend { get; set; } = "";

    /// <summary>Instances of the batch it was saved from (absent, so 1, in checkpoints from before batches existed).</summary>
    [Key(7)] public int BatchSize { get; set; } = 1;

    /// <summary>The weights of plastic rate projections by projection name: row-major [post, pre] when dense, in the order of
    /// the projection's values when sparse. Fixed rate weights are the network's own and are not stored.</summary>
    [Key(8)] public Dictionary<string, double[]> RateWeights { get; set; } = [];

    /// <summary>Presentations ended (<see cref="Graph.Network.Presentations"/>), which schedules every N presentations count
    /// (absent, so 0, in checkpoints from before it was kept).</summary>
    [Key(9)] public long Presentations { get; set; }

    /// <summary>A state of <paramref name="network"/> at <paramref name="step"/> with everything but the populations and
    /// projections filled in: what every backend's capture starts from.</summary>
    public static SimulationState Of(Graph.Network network, long step, string backend) => new()
    {
        Step = step,
        Precision = PrecisionName(network.Precision),
        Backend = backend,
        Dt = network.Dt,
        Seed = network.Seed,
        BatchSize = network.BatchSize,
        Presentations = network.Presentations,
    };

    /// <summary>How a precision is named in a checkpoint.</summary>
    public static string PrecisionName(Graph.Precision precision) => precision == Graph.Precision.Single ? "float32" : "float64";
}

/// <summary>A population's arrays, refractory clock and spike count.</summary>
[MessagePackObject]
internal sealed class PopulationState
{
    [Key(0)] public string Name { get; set; } = "";

    [Key(1)] public int Size { get; set; }

    [Key(2)] public string Model { get; set; } = "";

    [Key(3)] public long SpikeCount { get; set; }

    /// <summary>Every array by name: state variables, inputs, per-neuron parameters, stored sub-expressions.</summary>
    [Key(4)] public Dictionary<string, double[]> Arrays { get; set; } = [];

    /// <summary>Step of each neuron's last spike, for models with a refractory period.</summary>
    [Key(5)] public long[]? LastSpikeStep { get; set; }

    /// <summary>Input due at this population, by target variable: <c>Slots[k·Size + i]</c> arrives at neuron i at step <c>Step + k</c>.</summary>
    [Key(6)] public Dictionary<string, double[]> InFlight { get; set; } = [];
}

/// <summary>A projection's synaptic arrays, event clocks and queued spike arrivals.</summary>
[MessagePackObject]
internal sealed class ProjectionState
{
    [Key(0)] public string Name { get; set; } = "";

    [Key(1)] public long SynapseCount { get; set; }

    [Key(2)] public Dictionary<string, double[]> Arrays { get; set; } = [];

    /// <summary>Step of each synapse's last event (event-driven synapses).</summary>
    [Key(3)] public long[]? EventClock { get; set; }

    /// <summary>Synapses whose presynaptic spike arrives at step <c>Step + k</c>, for each k (general synapses).</summary>
    [Key(4)] public int[][]? Pending { get; set; }

    /// <summary>Neuron-level variables the synapse model stores per presynaptic or postsynaptic neuron, by name (one value per
    /// neuron of the side's population, as stored: an event-driven one is its value at its neuron's clock).</summary>
    [Key(5)] public Dictionary<string, double[]> NeuronArrays { get; set; } = [];

    /// <summary>Step at which each presynaptic neuron's event-driven neuron-level variables were last brought up to date.</summary>
    [Key(6)] public long[]? PresynapticClock { get; set; }

    /// <summary>Step at which each postsynaptic neuron's event-driven neuron-level variables were last brought up to date.</summary>
    [Key(7)] public long[]? PostsynapticClock { get; set; }

    /// <summary>Presynaptic neurons whose spike arrives at step <c>Step + k</c>, for each k (for their neuron-level spike code).</summary>
    [Key(8)] public int[][]? PendingNeurons { get; set; }
}

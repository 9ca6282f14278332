using MessagePack;

namespace Dendra.Simulator.Recording;

/// <summary>
/// What a recording says about itself before any data: the format and Dendra versions, the network (every
/// population, model, parameter and projection), seed, dt, precision, backend, start time, and which streams it holds.
/// </summary>
[MessagePackObject]
public sealed class RecordingHeader
{
    /// <summary>Version of Dendra that wrote the file.</summary>
    [Key(0)] public string DendraVersion { get; init; } = "";

    /// <summary>Time step in seconds.</summary>
    [Key(1)] public double Dt { get; init; }

    /// <summary>Seed of every random draw of the recorded network.</summary>
    [Key(2)] public ulong Seed { get; init; }

    /// <summary>"float32" or "float64".</summary>
    [Key(3)] public string Precision { get; init; } = "";

    /// <summary>The backend that ran the network, e.g. "cpu".</summary>
    [Key(4)] public string Backend { get; init; } = "";

    /// <summary>Wall-clock start of the recording, ISO 8601 in UTC.</summary>
    [Key(5)] public string StartTime { get; init; } = "";

    /// <summary>Step at which the recording started (0 for a fresh network, later for a resumed one).</summary>
    [Key(6)] public long StartStep { get; init; }

    /// <summary>Populations, in network order (their position is the stream id of their spike and rate chunks).</summary>
    [Key(7)] public PopulationDescription[] Populations { get; init; } = [];

    /// <summary>Spiking projections, in network order (their position is used by weight streams).</summary>
    [Key(8)] public ProjectionDescription[] Projections { get; init; } = [];

    /// <summary>Populations whose spikes are recorded (indices into <see cref="Populations"/>).</summary>
    [Key(9)] public int[] SpikeStreams { get; init; } = [];

    /// <summary>Populations whose per-step spike counts (population rate) are recorded.</summary>
    [Key(10)] public int[] RateStreams { get; init; } = [];

    /// <summary>Sampled state variables; a state chunk's stream id indexes this array.</summary>
    [Key(11)] public StateStream[] StateStreams { get; init; } = [];

    /// <summary>Synaptic-variable snapshots; a weight chunk's stream id indexes this array.</summary>
    [Key(12)] public WeightStream[] WeightStreams { get; init; } = [];

    /// <summary>Rate projections whose weights a snapshot recording holds (<see cref="SnapshotRecording"/>); empty in
    /// recordings written before there were any, which read as they did.</summary>
    [Key(13)] public RateProjectionDescription[] RateProjections { get; init; } = [];

    /// <summary>Names of the metrics recorded (a learning curve: one value per evaluation); a metric chunk's stream id
    /// indexes this array.</summary>
    [Key(14)] public string[] MetricStreams { get; init; } = [];

    /// <summary>When the recording is of a learner rather than a network (<see cref="MatrixSnapshotRecording"/>): what
    /// learned and what one step is (one minibatch), e.g. "krotov-hopfield fast: 100 units × 784 features, one step = one
    /// minibatch of 100 samples". Empty for a network's recording, and in recordings written before there were any.</summary>
    [Key(15)] public string Learner { get; init; } = "";

    /// <summary>The name of the projection a weight stream snapshots (a spiking one, or a rate one).</summary>
    public string ProjectionOf(WeightStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.OfRateProjection ? RateProjections[stream.Projection].Name : Projections[stream.Projection].Name;
    }
}

/// <summary>A rate projection as recorded: the slices it couples, its rule, and the shape of its receptive fields.</summary>
[MessagePackObject]
public sealed class RateProjectionDescription
{
    /// <summary>Projection name.</summary>
    [Key(0)] public string Name { get; init; } = "";

    /// <summary>Presynaptic population index.</summary>
    [Key(1)] public int Pre { get; init; }

    /// <summary>First presynaptic neuron of the slice.</summary>
    [Key(2)] public int PreStart { get; init; }

    /// <summary>Number of presynaptic neurons in the slice.</summary>
    [Key(3)] public int PreCount { get; init; }

    /// <summary>Postsynaptic population index.</summary>
    [Key(4)] public int Post { get; init; }

    /// <summary>First postsynaptic neuron of the slice.</summary>
    [Key(5)] public int PostStart { get; init; }

    /// <summary>Number of postsynaptic neurons in the slice.</summary>
    [Key(6)] public int PostCount { get; init; }

    /// <summary>The learning rule, as text (empty for fixed weights).</summary>
    [Key(7)] public string Rule { get; init; } = "";

    /// <summary>Width of a receptive field (each unit's weights as an image), 0 when not an image.</summary>
    [Key(8)] public int FieldWidth { get; init; }

    /// <summary>Height of a receptive field, 0 when not an image.</summary>
    [Key(9)] public int FieldHeight { get; init; }
}

/// <summary>A population as recorded.</summary>
[MessagePackObject]
public sealed class PopulationDescription
{
    /// <summary>Population name.</summary>
    [Key(0)] public string Name { get; init; } = "";

    /// <summary>Number of neurons.</summary>
    [Key(1)] public int Size { get; init; }

    /// <summary>Neuron model name.</summary>
    [Key(2)] public string Model { get; init; } = "";

    /// <summary>Every model parameter with its effective value for this population (a number or an expression), as text.</summary>
    [Key(3)] public Dictionary<string, string> Parameters { get; init; } = [];

    /// <summary>The model's state variables.</summary>
    [Key(4)] public string[] StateVariables { get; init; } = [];

    /// <summary>The model's equations, threshold, reset and refractory period, as written in the model.</summary>
    [Key(5)] public string[] Equations { get; init; } = [];
}

/// <summary>A spiking projection as recorded.</summary>
[MessagePackObject]
public sealed class ProjectionDescription
{
    /// <summary>Projection name.</summary>
    [Key(0)] public string Name { get; init; } = "";

    /// <summary>Presynaptic population index.</summary>
    [Key(1)] public int Pre { get; init; }

    /// <summary>First presynaptic neuron of the slice.</summary>
    [Key(2)] public int PreStart { get; init; }

    /// <summary>Number of presynaptic neurons in the slice.</summary>
    [Key(3)] public int PreCount { get; init; }

    /// <summary>Postsynaptic population index.</summary>
    [Key(4)] public int Post { get; init; }

    /// <summary>First postsynaptic neuron of the slice.</summary>
    [Key(5)] public int PostStart { get; init; }

    /// <summary>Number of postsynaptic neurons in the slice.</summary>
    [Key(6)] public int PostCount { get; init; }

    /// <summary>Synapse model name.</summary>
    [Key(7)] public string Synapse { get; init; } = "";

    /// <summary>Connectivity rule, as text.</summary>
    [Key(8)] public string Connectivity { get; init; } = "";

    /// <summary>Initial values of synaptic variables (the weight <c>w</c> among them), as text.</summary>
    [Key(9)] public Dictionary<string, string> Initial { get; init; } = [];

    /// <summary>Delay in seconds (a number or an expression), as text.</summary>
    [Key(10)] public string Delay { get; init; } = "";

    /// <summary>Number of synapses.</summary>
    [Key(11)] public long SynapseCount { get; init; }
}

/// <summary>A sampled state variable: <see cref="Variable"/> of <see cref="Neurons"/> of a population every <see cref="Every"/> steps.</summary>
[MessagePackObject]
public sealed class StateStream
{
    /// <summary>Population index.</summary>
    [Key(0)] public int Population { get; init; }

    /// <summary>Variable name.</summary>
    [Key(1)] public string Variable { get; init; } = "";

    /// <summary>The sampled neurons.</summary>
    [Key(2)] public int[] Neurons { get; init; } = [];

    /// <summary>Sampling period in steps.</summary>
    [Key(3)] public int Every { get; init; } = 1;
}

/// <summary>Snapshots of a synaptic variable of a projection every <see cref="Every"/> steps.</summary>
[MessagePackObject]
public sealed class WeightStream
{
    /// <summary>Projection index.</summary>
    [Key(0)] public int Projection { get; init; }

    /// <summary>Synaptic variable name (usually <c>w</c>).</summary>
    [Key(1)] public string Variable { get; init; } = "w";

    /// <summary>Snapshot period in steps (1 for snapshots taken when asked, as a training run takes them).</summary>
    [Key(2)] public int Every { get; init; } = 1;

    /// <summary>True when <see cref="Projection"/> indexes <see cref="RecordingHeader.RateProjections"/> rather than the
    /// spiking <see cref="RecordingHeader.Projections"/> (false in older recordings).</summary>
    [Key(3)] public bool OfRateProjection { get; init; }
}

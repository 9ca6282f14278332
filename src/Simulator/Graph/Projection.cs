using Dendra.Simulator.Models;

namespace Dendra.Simulator.Graph;

/// <summary>
/// Spiking synapses from one population (slice) to another, described by a synapse model. Stored in CSR by
/// presynaptic neuron; a spike is delivered after its synapse's delay (whole steps) into the target.
/// </summary>
public sealed class Projection
{
    private readonly Dictionary<string, Init> _initial = new(StringComparer.Ordinal);

    internal Projection(Network network, int index, string name, PopulationSlice pre, PopulationSlice post,
        SynapseModel synapse, Connectivity connectivity, Init weight, Init delay)
    {
        Network = network;
        Index = index;
        Name = name;
        Pre = pre;
        Post = post;
        Synapse = synapse;
        Connectivity = connectivity;
        Delay = delay;
        _initial["w"] = weight;
    }

    /// <summary>The network.</summary>
    public Network Network { get; }

    /// <summary>Position among the network's projections; also seeds its random streams.</summary>
    public int Index { get; }

    /// <summary>Name, unique in the network, used in messages, recordings and views ("pre→post" unless given).</summary>
    public string Name { get; }

    /// <summary>Presynaptic neurons.</summary>
    public PopulationSlice Pre { get; }

    /// <summary>Postsynaptic neurons.</summary>
    public PopulationSlice Post { get; }

    /// <summary>The synapse model.</summary>
    public SynapseModel Synapse { get; }

    /// <summary>Which pairs connect.</summary>
    public Connectivity Connectivity { get; }

    /// <summary>Delay in seconds: a constant or a per-synapse expression; rounded to whole steps, at least 0.</summary>
    public Init Delay { get; }

    /// <summary>Number of synapses (known once the network is built; 0 before).</summary>
    public long SynapseCount => Network.Report?.SynapsesOf(Index) ?? 0;

    /// <summary>Initial values of synaptic variables (the weight <c>w</c> among them).</summary>
    public IReadOnlyDictionary<string, Init> InitialValues => _initial;

    /// <summary>Sets the initial value of a synaptic variable (constant or expression in <c>i</c>, <c>j</c>, <c>rand()</c>…).</summary>
    public Projection Initialize(string variable, Init value)
    {
        if (!Synapse.StateVariables.Contains(variable))
            throw new ModelException(Synapse.Name, $"projection '{Name}' has no synaptic variable '{variable}'; known: {string.Join(", ", Synapse.StateVariables)}");
        Network.Invalidate();
        _initial[variable] = value;
        return this;
    }

    /// <summary>Current values of a synaptic variable, one per synapse in storage order, with each synapse's pre and post neuron.</summary>
    public (int[] Pre, int[] Post, double[] Values) Get(string variable) => Network.Read(this, variable);

    /// <inheritdoc />
    public override string ToString() => Name;
}

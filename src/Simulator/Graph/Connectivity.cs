namespace Dendra.Simulator.Graph;

/// <summary>
/// Which presynaptic neurons connect to which postsynaptic ones. Random rules draw from the network's
/// counter-based generator, so the same seed gives the same synapses whatever the thread count.
/// </summary>
public abstract record Connectivity
{
    /// <summary>Every pre to every post neuron.</summary>
    public static Connectivity AllToAll(bool allowSelf = true) => new AllToAllConnectivity(allowSelf);

    /// <summary>Pre i to post i; both sides must have the same size.</summary>
    public static Connectivity OneToOne() => new OneToOneConnectivity();

    /// <summary>Each pair independently with probability <paramref name="p"/>.</summary>
    /// <param name="p">Connection probability in [0, 1].</param>
    /// <param name="allowSelf">When pre and post are the same neurons, whether i may connect to itself.</param>
    public static Connectivity FixedProbability(double p, bool allowSelf = true)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "a connection probability must lie in [0, 1]");
        return new FixedProbabilityConnectivity(p, allowSelf);
    }

    /// <summary>Each postsynaptic neuron receives exactly <paramref name="k"/> synapses from distinct pre neurons.</summary>
    public static Connectivity FixedInDegree(int k, bool allowSelf = true)
    {
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "an in-degree cannot be negative");
        return new FixedInDegreeConnectivity(k, allowSelf);
    }

    /// <summary>Exactly the given (pre, post) pairs, indices relative to each side.</summary>
    public static Connectivity Pairs(IReadOnlyList<int> pre, IReadOnlyList<int> post)
    {
        if (pre.Count != post.Count) throw new ArgumentException($"{pre.Count} presynaptic but {post.Count} postsynaptic indices: give one of each per synapse");
        return new PairsConnectivity(pre, post);
    }
}

/// <summary>All pairs.</summary>
public sealed record AllToAllConnectivity(bool AllowSelf) : Connectivity;

/// <summary>i → i.</summary>
public sealed record OneToOneConnectivity : Connectivity;

/// <summary>Bernoulli(p) per pair.</summary>
public sealed record FixedProbabilityConnectivity(double P, bool AllowSelf) : Connectivity;

/// <summary>k distinct sources per target.</summary>
public sealed record FixedInDegreeConnectivity(int K, bool AllowSelf) : Connectivity;

/// <summary>Explicit pairs.</summary>
public sealed record PairsConnectivity(IReadOnlyList<int> Pre, IReadOnlyList<int> Post) : Connectivity;

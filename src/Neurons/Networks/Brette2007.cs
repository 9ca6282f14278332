using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Neurons;

/// <summary>The three networks of Brette et al. (2007): 4000 neurons by default, 80% excitatory onto <c>ge</c>, 20%
/// inhibitory onto <c>gi</c>, random connectivity with p = 0.02. The benchmark networks of <c>dendra bench</c> and of
/// the cross-checks against Brian2.</summary>
public static class Brette2007
{
    /// <summary>The networks, by the names the paper gives them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cuba", "coba", "cobahh"];

    /// <summary>Adds one of the networks (<c>cuba</c>, <c>coba</c>, <c>cobahh</c>) to <paramref name="net"/> as a population named <c>P</c>.</summary>
    /// <param name="net">The network to build into (dt 0.1 ms is the paper's).</param>
    /// <param name="name">Which network.</param>
    /// <param name="n">Number of neurons.</param>
    /// <param name="synapsesPerNeuron">Mean out-degree; 0 keeps the paper's p = 0.02 (80 synapses at N = 4000). A fixed
    /// out-degree as N grows is how Brian2's speed suite scales the network.</param>
    public static Population Build(Network net, string name, int n = 4000, double synapsesPerNeuron = 0)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(name);
        var (model, weightE, weightI) = Parts(name);
        return Build(net, model, weightE, weightI, n, synapsesPerNeuron);
    }

    /// <summary>The neuron model of one of the networks (<c>cuba</c>, <c>coba</c>, <c>cobahh</c>), for measuring it without synapses.</summary>
    /// <param name="name">Which network.</param>
    public static NeuronModel Model(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Parts(name).Model;
    }

    private static (NeuronModel Model, double WeightE, double WeightI) Parts(string name) => name.ToLowerInvariant() switch
    {
        "cuba" => (Lif.Cuba(), Lif.CubaWeightE, Lif.CubaWeightI),
        "coba" => (LifConductance.Coba(), LifConductance.CobaWeightE, LifConductance.CobaWeightI),
        "cobahh" => (HodgkinHuxley.Cobahh(), HodgkinHuxley.CobahhWeightE, HodgkinHuxley.CobahhWeightI),
        _ => throw new ArgumentException($"unknown network '{name}'; the Brette et al. (2007) networks are {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>The CUBA network (benchmark 2): current-based LIF, see <see cref="Lif.Cuba"/>.</summary>
    public static Population Cuba(Network net, int n = 4000, double synapsesPerNeuron = 0) => Build(net, "cuba", n, synapsesPerNeuron);

    /// <summary>The COBA network (benchmark 1): conductance-based LIF, see <see cref="LifConductance.Coba"/>.</summary>
    public static Population Coba(Network net, int n = 4000, double synapsesPerNeuron = 0) => Build(net, "coba", n, synapsesPerNeuron);

    /// <summary>The COBAHH network (benchmark 3): Hodgkin–Huxley, see <see cref="HodgkinHuxley.Cobahh"/>.</summary>
    public static Population Cobahh(Network net, int n = 4000, double synapsesPerNeuron = 0) => Build(net, "cobahh", n, synapsesPerNeuron);

    private static Population Build(Network net, NeuronModel model, double weightE, double weightI, int n, double synapsesPerNeuron)
    {
        if (n < 5) throw new ArgumentOutOfRangeException(nameof(n), n, "the network needs at least 5 neurons (4 excitatory, 1 inhibitory)");
        if (synapsesPerNeuron < 0 || synapsesPerNeuron > n)
            throw new ArgumentOutOfRangeException(nameof(synapsesPerNeuron), synapsesPerNeuron, $"synapses per neuron must lie in 0..{n} (0 keeps p = 0.02)");
        double p = synapsesPerNeuron > 0 ? synapsesPerNeuron / n : 0.02;
        var population = net.AddPopulation("P", n, model);
        int ne = n * 4 / 5;
        net.Connect(population.Slice(0, ne), population, "ge", Connectivity.FixedProbability(p), weightE);
        net.Connect(population.Slice(ne, n - ne), population, "gi", Connectivity.FixedProbability(p), weightI);
        return population;
    }
}

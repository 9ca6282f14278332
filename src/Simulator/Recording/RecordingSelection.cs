using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Recording;

/// <summary>
/// What a recording holds: spikes and population rates of chosen populations, sampled state variables and
/// snapshots of synaptic variables. Start from <see cref="Default"/> or <see cref="Nothing"/> and add to it.
/// </summary>
/// <example>
/// <code>
/// var what = RecordingSelection.Default(net).WithState(exc, "v", [0, 1, 2]).WithWeights(stdp, every: 10_000);
/// using var recorder = net.RecordTo("run.dnr", what);
/// net.Run(10 * second);
/// </code>
/// </example>
public sealed class RecordingSelection
{
    private readonly List<Population> _spikes = [];
    private readonly List<Population> _rates = [];
    private readonly List<(Population Population, string Variable, int[] Neurons, int Every)> _states = [];
    private readonly List<(Projection Projection, string Variable, int Every)> _weights = [];
    private int _chunkSteps = 1000;

    /// <summary>Records nothing yet.</summary>
    public static RecordingSelection Nothing() => new();

    /// <summary>Spikes and population rates of every population, and every variable the network's state monitors sample.</summary>
    public static RecordingSelection Default(Network network)
    {
        var what = new RecordingSelection();
        foreach (var p in network.Populations) what.WithSpikes(p).WithRates(p);
        foreach (var m in network.StateMonitors) what.WithState(m.Population, m.Variable, m.Neurons, m.Every);
        return what;
    }

    /// <summary>Populations whose spikes are recorded.</summary>
    public IReadOnlyList<Population> Spikes => _spikes;

    /// <summary>Populations whose per-step spike counts are recorded.</summary>
    public IReadOnlyList<Population> Rates => _rates;

    /// <summary>Sampled state variables.</summary>
    public IReadOnlyList<(Population Population, string Variable, int[] Neurons, int Every)> States => _states;

    /// <summary>Snapshots of synaptic variables.</summary>
    public IReadOnlyList<(Projection Projection, string Variable, int Every)> Weights => _weights;

    /// <summary>Steps per chunk (default 1000): a chunk is written at least this often; a crash loses at most this many steps.</summary>
    public int ChunkSteps
    {
        get => _chunkSteps;
        set => _chunkSteps = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ChunkSteps), value, "a chunk covers at least one step");
    }

    /// <summary>Records every spike of <paramref name="population"/>.</summary>
    public RecordingSelection WithSpikes(Population population)
    {
        if (!_spikes.Contains(population)) _spikes.Add(population);
        return this;
    }

    /// <summary>Records the spike count of <paramref name="population"/> in every step.</summary>
    public RecordingSelection WithRates(Population population)
    {
        if (!_rates.Contains(population)) _rates.Add(population);
        return this;
    }

    /// <summary>Samples <paramref name="variable"/> of <paramref name="neurons"/> every <paramref name="every"/> steps.</summary>
    public RecordingSelection WithState(Population population, string variable, IEnumerable<int> neurons, int every = 1)
    {
        var list = neurons.ToArray();
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "sample every 1 or more steps");
        foreach (var n in list)
            if (n < 0 || n >= population.Size)
                throw new ArgumentOutOfRangeException(nameof(neurons), n, $"population '{population.Name}' has neurons 0..{population.Size - 1}");
        var model = population.Model;
        if (!model.StateVariables.Contains(variable) && !model.Inputs.Contains(variable) && !model.Equations.Any(e => e.Name == variable))
            throw new ModelException(model.Name, $"population '{population.Name}' has no variable '{variable}' to record");
        _states.Add((population, variable, list, every));
        return this;
    }

    /// <summary>Snapshots synaptic variable <paramref name="variable"/> of <paramref name="projection"/> every <paramref name="every"/> steps.</summary>
    public RecordingSelection WithWeights(Projection projection, string variable = "w", int every = 10_000)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "snapshot every 1 or more steps");
        _weights.Add((projection, variable, every));
        return this;
    }
}

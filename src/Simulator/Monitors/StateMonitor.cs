using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Monitors;

/// <summary>Samples a state variable (or input, or sub-expression) of chosen neurons every <see cref="Every"/> steps.</summary>
public sealed class StateMonitor
{
    private readonly List<long> _steps = [];
    private readonly List<double[]> _samples = [];

    internal StateMonitor(Population population, string variable, int[] neurons, int every, int instance = 0)
    {
        if (instance < 0) throw new ArgumentOutOfRangeException(nameof(instance), instance, "instances of a batch are numbered from 0");
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "sample every 1 or more steps");
        foreach (var n in neurons)
            if (n < 0 || n >= population.Size)
                throw new ArgumentOutOfRangeException(nameof(neurons), n, $"population '{population.Name}' has neurons 0..{population.Size - 1}");
        Population = population;
        Variable = variable;
        Neurons = neurons;
        Every = every;
        Instance = instance;
    }

    /// <summary>The instance of a batch sampled (see <see cref="Network.BatchSize"/>); 0 without a batch.</summary>
    public int Instance { get; }

    /// <summary>Where each sampled neuron's value sits in its population's arrays, which hold every instance of a batch.</summary>
    internal int[] Elements => _elements ??= Neurons.Select(n => Instance * Population.Size + n).ToArray();

    private int[]? _elements;

    /// <summary>The monitored population.</summary>
    public Population Population { get; }

    /// <summary>The variable sampled.</summary>
    public string Variable { get; }

    /// <summary>The neurons sampled.</summary>
    public IReadOnlyList<int> Neurons { get; }

    /// <summary>Sampling period in steps.</summary>
    public int Every { get; }

    /// <summary>Number of samples taken.</summary>
    public int Count => _steps.Count;

    /// <summary>Step of each sample.</summary>
    public IReadOnlyList<long> Steps => _steps;

    /// <summary>Time of each sample in seconds (the end of the step it was taken at).</summary>
    public double[] Times => _steps.Select(s => (s + 1) * Population.Network.Dt).ToArray();

    /// <summary>The trace of the k-th monitored neuron (k indexes <see cref="Neurons"/>).</summary>
    public double[] Trace(int k) => _samples.Select(s => s[k]).ToArray();

    /// <summary>All values of sample <paramref name="sample"/>, one per monitored neuron.</summary>
    public IReadOnlyList<double> Sample(int sample) => _samples[sample];

    /// <summary>Forgets the samples taken so far, so that a monitor consumed as it goes holds only what arrived since.</summary>
    public void Clear()
    {
        _steps.Clear();
        _samples.Clear();
    }

    internal bool Due(long step) => step % Every == 0;

    internal void Record(long step, double[] values)
    {
        _steps.Add(step);
        _samples.Add(values);
    }
}

using Dendra.Simulator.Models;

namespace Dendra.Simulator.Graph;

/// <summary>
/// A group of neurons sharing one model. Parameters can be overridden for the population (a constant) or
/// per neuron (an expression such as <c>"0.02 + 0.08*rand()"</c>); state can be read between runs.
/// </summary>
public sealed class Population
{
    private readonly Dictionary<string, Init> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Init> _initial = new(StringComparer.Ordinal);

    internal Population(Network network, int index, string name, int size, NeuronModel model)
    {
        if (size <= 0) throw new ModelException(name, $"a population needs at least one neuron, got size {size}");
        Network = network;
        Index = index;
        Name = name;
        Size = size;
        Model = model;
    }

    /// <summary>The network this population belongs to.</summary>
    public Network Network { get; }

    /// <summary>Position in <see cref="Network.Populations"/>; also seeds its random streams.</summary>
    public int Index { get; }

    /// <summary>Name used in messages, monitors and recordings.</summary>
    public string Name { get; }

    /// <summary>Number of neurons.</summary>
    public int Size { get; }

    /// <summary>The neuron model.</summary>
    public NeuronModel Model { get; }

    /// <summary>Parameter overrides for this population.</summary>
    public IReadOnlyDictionary<string, Init> ParameterOverrides => _parameters;

    /// <summary>Initial values set for this population (they take precedence over the model's).</summary>
    public IReadOnlyDictionary<string, Init> InitialOverrides => _initial;

    /// <summary>
    /// Where this population (and the projections into it, whose synapses live with their target) runs: <see cref="Placement.Auto"/>
    /// (default) follows <see cref="Network.Backend"/>; <see cref="Placement.Cpu"/> or <see cref="Placement.OpenCl"/> pin it, and a
    /// network with populations on both sides runs them together, exchanging spikes every step. Fixed once the network is built.
    /// </summary>
    public Placement Placement
    {
        get => _placement;
        set
        {
            Network.Invalidate("placements");
            _placement = value;
        }
    }

    private Placement _placement;

    /// <summary>Spike times for a spike-source population; null for model neurons.</summary>
    internal SpikeTimes? SpikeTimes { get; init; }

    /// <summary>Overrides a model parameter for this population: a constant, or a per-neuron expression.</summary>
    public Population Set(string parameter, Init value)
    {
        if (!Model.TryGetParameter(parameter, out _))
            throw new ModelException(Model.Name, $"population '{Name}' has no parameter '{parameter}'; known: {string.Join(", ", Model.Parameters.Select(p => p.Name))}");
        if (value.Constant is { } c)
        {
            ParameterCheck.RequireFinite(Name, parameter, c);
            if (ParameterCheck.IsTimeConstant(parameter)) ParameterCheck.RequirePositive(Name, parameter, c);
        }
        Network.Invalidate();
        _parameters[parameter] = value;
        return this;
    }

    /// <summary>Sets the initial value of a state variable for this population (applied when the network is built).</summary>
    public Population Initialize(string variable, Init value)
    {
        if (!Model.StateVariables.Contains(variable))
            throw new ModelException(Model.Name, $"population '{Name}' has no state variable '{variable}'; known: {string.Join(", ", Model.StateVariables)}");
        Network.Invalidate();
        _initial[variable] = value;
        return this;
    }

    /// <summary>The effective value of a shared parameter (override or model default).</summary>
    public Init ParameterValue(string name) =>
        _parameters.TryGetValue(name, out var v) ? v
        : Model.TryGetParameter(name, out var p) ? Init.Of(p.Default)
        : throw new ModelException(Model.Name, $"population '{Name}' has no parameter '{name}'");

    /// <summary>The neurons [start, start + count) as a view usable as either side of a projection.</summary>
    public PopulationSlice Slice(int start, int count) => new(this, start, count);

    /// <summary>The whole population as a slice.</summary>
    public static implicit operator PopulationSlice(Population p) => new(p, 0, p.Size);

    /// <summary>Spikes this population has emitted since the network started (counted whether or not a monitor records them).</summary>
    public long SpikeCount => Network.Report?.SpikesOf(Index) ?? 0;

    /// <summary>Current values of a state variable, input or sub-expression (after at least one run or build); with a
    /// <see cref="Network.BatchSize"/> above 1, every instance's values, instance after instance.</summary>
    public double[] Get(string variable) => Network.Read(this, variable);

    /// <summary>Copies the current values of <paramref name="variable"/> (every instance's, instance after instance) into
    /// <paramref name="into"/>, which holds <see cref="Size"/> × <see cref="Network.BatchSize"/> values: for loops that read
    /// state often and should not allocate.</summary>
    /// <exception cref="ArgumentException"><paramref name="into"/> has another length.</exception>
    public void Get(string variable, Span<double> into)
    {
        if (into.Length != Size * Network.BatchSize)
            throw new ArgumentException($"'{variable}' of population '{Name}' has {Size * Network.BatchSize} values ({Size} neurons × {Network.BatchSize} instances); the span holds {into.Length}", nameof(into));
        Network.Read(this, variable, into);
    }

    /// <summary>Current values of <paramref name="variable"/> in one instance of a batch (see <see cref="Network.BatchSize"/>).</summary>
    public double[] Get(string variable, int instance)
    {
        CheckInstance(instance);
        return Network.Read(this, variable).AsSpan(instance * Size, Size).ToArray();
    }

    /// <summary>
    /// Overwrites a state variable between runs (before the first run: as the network is built), e.g. to clamp the input
    /// layer to the next minibatch or to reset state before a trial. <paramref name="values"/> holds one value per neuron
    /// (every instance of a batch gets the same) or, with a <see cref="Network.BatchSize"/> above 1, one per neuron and
    /// instance, instance after instance. Stored sub-expressions (a rate <c>r</c> that projections read) are recomputed
    /// from the new values at once, so the next step's projections see them.
    /// </summary>
    /// <exception cref="ModelException"><paramref name="variable"/> is not a state variable, or a value is not finite.</exception>
    /// <exception cref="ArgumentException">The number of values fits neither one instance nor the whole batch.</exception>
    public Population SetState(string variable, ReadOnlySpan<double> values)
    {
        if (!Model.StateVariables.Contains(variable))
            throw new ModelException(Model.Name, $"population '{Name}' has no state variable '{variable}' to set; known: {string.Join(", ", Model.StateVariables)}");
        int batch = Network.BatchSize;
        long all = (long)Size * batch;
        if (values.Length != Size && values.Length != all)
            throw new ArgumentException(batch == 1
                ? $"population '{Name}' has {Size} neurons but {values.Length} values were given for '{variable}'"
                : $"population '{Name}' has {Size} neurons in each of {batch} instances: give {Size} values (the same for every instance) or {all}, not {values.Length}", nameof(values));
        for (int bad = 0; bad < values.Length; bad++)
            if (!double.IsFinite(values[bad]))
                throw new ModelException(Model.Name, $"'{variable}' of population '{Name}' cannot be set to {values[bad]} (element {bad}); give finite values");
        if (values.Length == all)
        {
            Network.Write(this, variable, values);
            return this;
        }
        var every = new double[all];
        for (int b = 0; b < batch; b++) values.CopyTo(every.AsSpan(b * Size));
        Network.Write(this, variable, every);
        return this;
    }

    private void CheckInstance(int instance)
    {
        if (instance < 0 || instance >= Network.BatchSize)
            throw new ArgumentOutOfRangeException(nameof(instance), instance, $"the network runs {Network.BatchSize} instance(s): pick one of 0..{Network.BatchSize - 1}");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Size} × {Model.Name})";
}

/// <summary>A contiguous range of a population's neurons.</summary>
/// <param name="Population">The population.</param>
/// <param name="Start">First neuron.</param>
/// <param name="Count">Number of neurons.</param>
public sealed record PopulationSlice(Population Population, int Start, int Count)
{
    /// <summary>True when the slice covers the whole population.</summary>
    public bool IsWhole => Start == 0 && Count == Population.Size;

    internal void Validate()
    {
        if (Start < 0 || Count <= 0 || Start + Count > Population.Size)
            throw new ArgumentOutOfRangeException(nameof(Count), $"slice [{Start}, {Start + Count}) does not fit population '{Population.Name}' of size {Population.Size}");
    }
}

/// <summary>Spikes of a spike-source population.</summary>
/// <param name="Times">Time of each spike in seconds.</param>
/// <param name="Neurons">Neuron of each spike.</param>
internal sealed record SpikeTimes(double[] Times, int[] Neurons)
{
    /// <summary>The spikes as steps at <paramref name="dt"/>, in step order and, within a step, in neuron order. A neuron can
    /// spike once per step, so two of its times that fall in the same step are refused, naming the neuron and the times.</summary>
    /// <param name="source">The spike source's name, for the error.</param>
    /// <param name="dt">The time step in seconds.</param>
    public (long[] Steps, int[] Neurons) InSteps(string source, double dt)
    {
        var order = Enumerable.Range(0, Times.Length)
            .Select(k => (Step: Clock.StepOf(Times[k], dt), Neuron: Neurons[k], Time: Times[k]))
            .OrderBy(s => s.Step).ThenBy(s => s.Neuron).ToArray();
        for (int k = 1; k < order.Length; k++)
            if (order[k].Step == order[k - 1].Step && order[k].Neuron == order[k - 1].Neuron)
                throw new ModelException("SpikeSource",
                    $"spike source '{source}': neuron {order[k].Neuron} is given two spikes in step {order[k].Step} " +
                    $"(t = {order[k - 1].Time * 1e3:0.######} ms and {order[k].Time * 1e3:0.######} ms at dt = {dt * 1e3:0.######} ms); " +
                    "a neuron spikes at most once per step, so move one of them or use a smaller dt");
        return (order.Select(o => o.Step).ToArray(), order.Select(o => o.Neuron).ToArray());
    }
}

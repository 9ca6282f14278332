using Dendra.Simulator.Graph;

namespace Dendra.Learning.Encoders;

/// <summary>
/// Clamps a rate variable of an input population to the samples' intensities times <see cref="Scale"/>: pixel k of the
/// sample shown to instance n becomes <c>variable</c> of neuron k in instance n, held until the next write (a rate input
/// neuron, <c>RateNeuron.Input()</c>, has no dynamics of its own).
/// </summary>
/// <example><code>
/// var input = net.AddPopulation("input", 784, RateNeuron.Input());
/// var encoder = new RateEncoder(input);          // r = pixel / 255
/// </code></example>
public sealed class RateEncoder : IInputEncoder
{
    private readonly string _variable;
    private double[] _values = [];

    /// <summary>Creates an encoder writing <paramref name="variable"/> of <paramref name="population"/>.</summary>
    /// <param name="population">The input population: one neuron per feature.</param>
    /// <param name="variable">The state variable clamped (default <c>r</c>).</param>
    /// <param name="scale">What an intensity of 1 becomes (default 1).</param>
    public RateEncoder(Population population, string variable = "r", double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        if (!population.Model.StateVariables.Contains(variable))
            throw new ArgumentException($"population '{population.Name}' has no state variable '{variable}' to clamp its input to; known: {string.Join(", ", population.Model.StateVariables)}", nameof(variable));
        Population = population;
        _variable = variable;
        Scale = scale;
    }

    /// <inheritdoc />
    public Population Population { get; }

    /// <inheritdoc />
    public double Scale { get; set; }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<float> inputs)
    {
        var values = Buffer(inputs.Length);
        double scale = Scale;
        for (int k = 0; k < inputs.Length; k++) values[k] = inputs[k] * scale;
        Population.SetState(_variable, values);
    }

    /// <inheritdoc />
    public void Rest()
    {
        var values = Buffer(Population.Size * Population.Network.BatchSize);
        Array.Clear(values);
        Population.SetState(_variable, values);
    }

    /// <summary>One buffer for every write: the loop writes thousands of batches and should not allocate for each.</summary>
    private double[] Buffer(int length)
    {
        if (_values.Length != length) _values = new double[length];
        return _values;
    }
}

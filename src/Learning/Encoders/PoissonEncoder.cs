using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Learning.Encoders;

/// <summary>
/// Poisson spike trains from intensities: neuron k of instance n fires in each step with probability
/// <c>rate·dt</c>, where <c>rate = intensity × MaxRate</c> (Hz). The input population must be of <see cref="Model"/>
/// (its <c>rate</c> is a state variable, so it can be written per instance between presentations). The draws come from
/// the network's counter-based generator, keyed by its seed, the step, the neuron and the instance: the same seed gives
/// the same spikes on every run, and a resumed run draws what the uninterrupted one would have. Spiking populations run
/// one instance (<c>BatchSize = 1</c>): the minibatch is one sample.
/// </summary>
/// <example><code>
/// var input = net.AddPopulation("input", 784, PoissonEncoder.Model);
/// var encoder = new PoissonEncoder(input, maxRate: 63.75);   // Diehl &amp; Cook: pixel / 4 Hz
/// </code></example>
public sealed class PoissonEncoder : IInputEncoder
{
    /// <summary>Writing intensity × maximum rate into <c>rate</c> is clamping a rate: the Poisson draw is the model's.</summary>
    private readonly RateEncoder _rates;

    /// <summary>The neuron model of a Poisson input population: a state variable <c>rate</c> (Hz), a spike with
    /// probability <c>rate·dt</c> each step.</summary>
    public static NeuronModel Model { get; } = new NeuronModel("Poisson-Input", "").WithState("rate").WithThreshold("rand() < rate*dt");

    /// <summary>Creates an encoder driving <paramref name="population"/>.</summary>
    /// <param name="population">A population of <see cref="Model"/>, one neuron per feature.</param>
    /// <param name="maxRate">Firing rate of an intensity of 1, in Hz; positive.</param>
    public PoissonEncoder(Population population, double maxRate)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (!population.Model.StateVariables.Contains("rate"))
            throw new ArgumentException($"population '{population.Name}' ({population.Model.Name}) has no state variable 'rate' to write Poisson rates to; create it with PoissonEncoder.Model", nameof(population));
        if (!(maxRate > 0) || !double.IsFinite(maxRate))
            throw new ArgumentOutOfRangeException(nameof(maxRate), maxRate, "the maximum rate is a positive, finite number of Hz");
        Population = population;
        _rates = new RateEncoder(population, "rate", maxRate);
    }

    /// <inheritdoc />
    public Population Population { get; }

    /// <summary>The maximum rate, in Hz: the rate of an intensity of 1.</summary>
    public double Scale
    {
        get => _rates.Scale;
        set => _rates.Scale = value;
    }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<float> inputs) => _rates.Write(inputs);

    /// <inheritdoc />
    public void Rest() => _rates.Rest();
}

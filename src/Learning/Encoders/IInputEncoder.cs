using Dendra.Simulator.Graph;

namespace Dendra.Learning.Encoders;

/// <summary>
/// Turns a minibatch of samples (intensities, e.g. pixels / 255) into the state of an input population: one instance of
/// the network's batch per sample. The training loop calls <see cref="Write"/> before each presentation and
/// <see cref="Rest"/> before a rest period.
/// </summary>
public interface IInputEncoder
{
    /// <summary>The input population written; its size is the number of features per sample.</summary>
    Population Population { get; }

    /// <summary>What an intensity of 1 becomes (a rate for a rate encoder, a firing rate in Hz for a Poisson one). The
    /// repeat rule of Diehl &amp; Cook raises it while an image is shown again.</summary>
    double Scale { get; set; }

    /// <summary>Writes <paramref name="inputs"/>: instance after instance, <see cref="Population"/>.Size values each, one
    /// instance per sample of the network's batch.</summary>
    void Write(ReadOnlySpan<float> inputs);

    /// <summary>Writes the input of a rest period: no input at all.</summary>
    void Rest();
}

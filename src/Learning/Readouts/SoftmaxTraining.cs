namespace Dendra.Learning.Readouts;

/// <summary>
/// How <see cref="SoftmaxRegression.Train"/> trains: Adam (Kingma &amp; Ba 2015) on the mean cross-entropy of
/// minibatches drawn in a seeded order, with an optional L2 penalty on the weights.
/// </summary>
public sealed record SoftmaxTraining
{
    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per minibatch (one Adam step each).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Adam's step size α.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The L2 penalty λ: the loss gains λ/2·|W|² (biases are not penalised).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Seed of the order in which each epoch visits the samples.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Adam's decay rate of the mean gradient, β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's decay rate of the mean squared gradient, β₂.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's ε, added to the root mean square of the gradient.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Throws when a value cannot train.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of its range; the message names it.</exception>
    public void Validate()
    {
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, $"epochs must be 0 or more, not {Epochs}");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"a batch size must be at least 1, not {BatchSize}");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"the learning rate must be a positive number, not {LearningRate}");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, $"the weight decay must be 0 or more, not {WeightDecay}");
        if (!(Beta1 is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, $"β₁ must be in [0, 1), not {Beta1}");
        if (!(Beta2 is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, $"β₂ must be in [0, 1), not {Beta2}");
        if (!(Epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, $"ε must be positive, not {Epsilon}");
    }
}

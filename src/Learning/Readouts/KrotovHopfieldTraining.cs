namespace Dendra.Learning.Readouts;

/// <summary>
/// How <see cref="KrotovHopfieldReadout.Train"/> trains: Adam (Kingma &amp; Ba 2015) on the mean over each minibatch of
/// <c>Σ_α |c_α − t_α|^m</c>, ±1 targets, minibatches drawn in a seeded order (Krotov &amp; Hopfield 2019, PNAS, eq. 9).
/// </summary>
public sealed record KrotovHopfieldTraining
{
    /// <summary>The power n of the rectified input, <c>relu(h)^n</c>. The paper: 4.5.</summary>
    public double Power { get; init; } = 4.5;

    /// <summary>The gain β inside the tanh. A PyTorch reimplementation of the paper uses 0.01; it must suit the scale
    /// of <c>relu(h)^n</c>, so that <c>β S relu(h)^n</c> does not start deep in tanh's flat tails.</summary>
    public double Beta { get; init; } = 0.01;

    /// <summary>The power m of the loss <c>Σ |c − t|^m</c>, at least 1 (m &gt; 1 for a gradient at c = t). The paper: 6.</summary>
    public double LossPower { get; init; } = 6;

    /// <summary>
    /// Divide <c>relu(h)^n</c> by a constant measured on the training set, so that β times the largest activation of a
    /// typical sample is 1 (default true). The readout computes the same functions (the constant is absorbed into S: the
    /// paper's S is ours divided by <see cref="KrotovHopfieldReadout.Scale"/>), but Adam's step then means the same for any
    /// p and any stage of training: unscaled, relu(h)^4.5 of a layer whose weights reached the p = 3 sphere is large enough
    /// that the paper's step 10⁻³ saturates every tanh after a few steps.
    /// </summary>
    public bool ScaleActivations { get; init; } = true;

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per minibatch (one Adam step each).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Adam's step size α.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Anneal Adam's step linearly over the epochs, from <see cref="LearningRate"/> in the first to
    /// <see cref="LearningRate"/>/<see cref="Epochs"/> in the last (default false: the same step throughout).</summary>
    public bool Annealed { get; init; }

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
        if (!(Power > 0) || double.IsInfinity(Power)) throw new ArgumentOutOfRangeException(nameof(Power), Power, $"the power n of relu(h)^n must be a positive number, not {Power}");
        if (!(Beta > 0) || double.IsInfinity(Beta)) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, $"the gain β must be a positive number, not {Beta}");
        if (!(LossPower >= 1) || double.IsInfinity(LossPower)) throw new ArgumentOutOfRangeException(nameof(LossPower), LossPower, $"the loss power m must be a number of at least 1, not {LossPower}");
        new SoftmaxTraining { Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, Beta1 = Beta1, Beta2 = Beta2, Epsilon = Epsilon }.Validate();
    }
}

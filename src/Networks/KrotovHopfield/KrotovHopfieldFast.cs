using Dendra.Learning.Datasets;
using Dendra.Plasticity;

namespace Dendra.Networks.KrotovHopfield;

/// <summary>
/// Krotov &amp; Hopfield's fast learner: the lateral-inhibition dynamics replaced by a ranking of the currents
/// (<see cref="KrotovHopfieldRanking"/>): in each image the unit with the largest current learns (g = 1) and the k-th is
/// pushed away (g = −Δ). ε is annealed linearly to 0 over the training run.
/// </summary>
public sealed class KrotovHopfieldFast : KrotovHopfieldLearner
{
    private readonly KrotovHopfieldRanking _rule;

    /// <param name="hidden">Hidden units.</param>
    /// <param name="inputs">Inputs per unit (784: MNIST).</param>
    /// <param name="p">The Lp norm of the weights; at least 1.</param>
    /// <param name="k">The rank of the unit pushed away; 2 ≤ k ≤ hidden.</param>
    /// <param name="delta">Δ, the strength of the push; 0 or more.</param>
    /// <param name="epsilon">ε₀, the learning rate at the start; positive.</param>
    /// <param name="radius">R, the Lp norm the weights reach.</param>
    /// <param name="threads">Threads for the ranking and the update (0: all cores); the weights do not depend on it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range; the message names it.</exception>
    public KrotovHopfieldFast(int hidden, int inputs = Mnist.Pixels, double p = 2, int k = 2, double delta = 0.4, double epsilon = 0.02, double radius = 1, int threads = 0)
        : base("krotov-hopfield fast", hidden, inputs, epsilon)
    {
        _rule = new KrotovHopfieldRanking(hidden, inputs, p, k, delta, radius, threads);
    }

    /// <summary>The rank rule this learner drives.</summary>
    public KrotovHopfieldRanking Rule => _rule;

    /// <inheritdoc />
    public override void Initialize(ReadOnlySpan<float> weights)
    {
        base.Initialize(weights);
        weights.CopyTo(_rule.Weights);
    }

    /// <summary>One update of the rank rule from <paramref name="batch"/> at ε = ε₀ (1 − progress).</summary>
    public override void Learn(Minibatch batch, double progress)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _rule.Update(batch.Inputs, batch.Count, RateAt(progress));
        _rule.Weights.CopyTo(Weights, 0);
    }
}

using Dendra.Learning.Datasets;
using Dendra.Learning.Learners;
using Dendra.Plasticity;
using Dendra.Simulator.Backends.OpenCl;

namespace Dendra.Networks.KrotovHopfield;

/// <summary>
/// Krotov &amp; Hopfield's fast learner: the lateral-inhibition dynamics replaced by a ranking of the currents
/// (<see cref="KrotovHopfieldRule"/>): in each image the unit with the largest current learns (g = 1) and the k-th is
/// pushed away (g = −Δ). ε is annealed linearly to 0 over the training run. The rule runs on the CPU
/// (<see cref="KrotovHopfieldRanking"/>: OpenBLAS products, the ranking on every core) or on an OpenCL device
/// (<see cref="KrotovHopfieldRankingOnDevice"/>: CLBlast products, the ranking and update in kernels), where the weights
/// stay between minibatches and come back only when <see cref="Learning.Learners.Learner.Weights"/> is read.
/// </summary>
public sealed class KrotovHopfieldFast : KrotovHopfieldLearner, IDisposable
{
    private readonly KrotovHopfieldRule _rule;
    private bool _ranked; // the rule ranked a minibatch since the weights were set: its winners are this run's

    /// <param name="hidden">Hidden units.</param>
    /// <param name="inputs">Inputs per unit (784: MNIST).</param>
    /// <param name="p">The Lp norm of the weights; at least 1.</param>
    /// <param name="k">The rank of the unit pushed away; 2 ≤ k ≤ hidden.</param>
    /// <param name="delta">Δ, the strength of the push; 0 or more.</param>
    /// <param name="epsilon">ε₀, the learning rate at the start; positive.</param>
    /// <param name="radius">R, the Lp norm the weights reach.</param>
    /// <param name="threads">Threads for the ranking and the update on the CPU (0: all cores); the weights do not depend on it.</param>
    /// <param name="device">An OpenCL device to learn on (<see cref="OpenClDevices.Select"/>); null: the CPU.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range; the message names it.</exception>
    public KrotovHopfieldFast(int hidden, int inputs = Mnist.Pixels, double p = 2, int k = 2, double delta = 0.4, double epsilon = 0.02, double radius = 1,
        int threads = 0, OpenClDevice? device = null)
        : base("krotov-hopfield fast", hidden, inputs, epsilon)
    {
        _rule = device is null
            ? new KrotovHopfieldRanking(hidden, inputs, p, k, delta, radius, threads)
            : new KrotovHopfieldRankingOnDevice(hidden, inputs, p, k, delta, radius, device);
    }

    /// <summary>The rank rule this learner drives.</summary>
    public KrotovHopfieldRule Rule => _rule;

    /// <summary>Where the rule runs: <c>cpu</c>, or the OpenCL device.</summary>
    public string Device => _rule is KrotovHopfieldRankingOnDevice onDevice ? onDevice.Device.ToString() : "cpu";

    /// <inheritdoc />
    public override void Initialize(ReadOnlySpan<float> weights)
    {
        base.Initialize(weights);
        weights.CopyTo(_rule.Weights);
        WeightsMoved(false);
        _ranked = false;
    }

    /// <summary>One update of the rank rule from <paramref name="batch"/> at ε = ε₀ (1 − progress).</summary>
    public override void Learn(Minibatch batch, double progress)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _rule.Update(batch.Inputs, batch.Count, RateAt(progress));
        WeightsMoved();
        _ranked = true;
    }

    /// <summary>The ranking's g: 1 for the unit that won an image, −Δ for the one ranked k-th, 0 for the rest.</summary>
    public override string ActivityQuantity => "g";

    /// <summary>The ranking's g of each image of the last minibatch (<see cref="ActivityQuantity"/>), built from its winners
    /// and k-th units (read back from the device, when it runs there, only now); null before the first minibatch.</summary>
    public override LearnerActivity? LatestActivity(int images = LearnerActivity.ImagesShown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(images, 1);
        if (!_ranked) return null;
        ReadOnlySpan<int> winners = _rule.Winners, pushed = _rule.PushedAway;
        int count = Math.Min(images, winners.Length);
        if (count == 0) return null;
        var g = new float[count * Units];
        for (int b = 0; b < count; b++)
        {
            g[b * Units + pushed[b]] = (float)-_rule.Delta;
            g[b * Units + winners[b]] = 1;
        }
        return new LearnerActivity(ActivityQuantity, count, Units, g);
    }

    /// <inheritdoc />
    protected override void CopyLearnedWeights(float[] weights) => _rule.Weights.CopyTo(weights, 0);

    /// <summary>Releases the device's buffers (nothing on the CPU).</summary>
    public void Dispose() => (_rule as IDisposable)?.Dispose();
}

using Dendra.Learning.Datasets;
using Dendra.Learning.Learners;

namespace Dendra.Networks.KrotovHopfield;

/// <summary>
/// Krotov &amp; Hopfield's learner with the full dynamics (<see cref="CompetingHiddenUnits"/>): per minibatch the hidden
/// units settle under lateral inhibition and every unit learns from its settled state. w_inh and h* are calibrated on the
/// first minibatch (to <see cref="ActiveTarget"/>) unless calibrated before (<see cref="Calibrate"/>) or given
/// (<see cref="Inhibition"/> and <see cref="Threshold"/>). ε is annealed linearly to 0 over the training run. Observes,
/// per minibatch, "active fraction" (units with h ≥ 0), "winner agreement" (images whose most active unit has the
/// largest current, the unit the rank shortcut would make learn), "settled" (images that settled within the longest
/// settle; the others learned from a state still moving) and "hebbian units per image" (h ≥ h*, g = 1: the shortcut has one).
/// </summary>
/// <remarks>
/// The network is built from the learner's weights when it first learns or calibrates after <see cref="Initialize"/>;
/// <see cref="Initialize"/> forgets a calibration (it was made for other weights) but keeps a given w_inh and h*.
/// </remarks>
public sealed class KrotovHopfieldFull : KrotovHopfieldLearner
{
    private CompetingHiddenUnits? _network;

    /// <param name="hidden">Hidden units.</param>
    /// <param name="inputs">Inputs per unit (784: MNIST).</param>
    /// <param name="p">The Lp norm of the weights; at least 1.</param>
    /// <param name="delta">Δ, the anti-Hebbian push on active units below h*; 0 or more.</param>
    /// <param name="epsilon">ε₀, the learning rate at the start; positive.</param>
    /// <param name="batch">The largest minibatch (the network's batch of instances); smaller ones are padded.</param>
    /// <param name="activeTarget">The fraction of active units the calibration aims at, in (0, 1); 5–15% works best.</param>
    /// <param name="radius">R, the Lp norm the weights reach.</param>
    /// <param name="threads">CPU threads (0: all cores); the weights do not depend on it.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range; the message names it.</exception>
    public KrotovHopfieldFull(int hidden, int inputs = Mnist.Pixels, double p = 2, double delta = 0.4, double epsilon = 0.02, int batch = 100,
        double activeTarget = 0.1, double radius = 1, int threads = 0)
        : this(new CompetingHiddenUnitsOptions { Hidden = hidden, Inputs = inputs, P = p, Delta = delta, Epsilon = epsilon, Batch = batch, Radius = radius, Threads = threads }, activeTarget)
    {
    }

    /// <param name="options">The network's parameters (its ε is ε₀).</param>
    /// <param name="activeTarget">The fraction of active units the calibration aims at, in (0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter out of range; the message names it.</exception>
    public KrotovHopfieldFull(CompetingHiddenUnitsOptions options, double activeTarget = 0.1)
        : base("krotov-hopfield full", (options ?? throw new ArgumentNullException(nameof(options))).Hidden, options.Inputs, options.Epsilon)
    {
        options.Validate();
        if (!(activeTarget > 0 && activeTarget < 1))
            throw new ArgumentOutOfRangeException(nameof(activeTarget), activeTarget, $"the calibration's target fraction of active units must be between 0 and 1 (exclusive), not {activeTarget}; Krotov & Hopfield suggest 0.05 to 0.15");
        Options = options;
        ActiveTarget = activeTarget;
    }

    /// <summary>The network's parameters.</summary>
    public CompetingHiddenUnitsOptions Options { get; }

    /// <summary>The fraction of active units the calibration aims at.</summary>
    public double ActiveTarget { get; }

    /// <summary>w_inh to use instead of a calibration (with <see cref="Threshold"/>); null: calibrated.</summary>
    public double? Inhibition { get; init; }

    /// <summary>h* to use instead of a calibration (with <see cref="Inhibition"/>); null: calibrated.</summary>
    public double? Threshold { get; init; }

    /// <summary>Told each calibration's result (to print it, say).</summary>
    public Action<CompetingHiddenUnitsCalibration>? Calibrated { get; init; }

    /// <summary>
    /// Calibrate again every this many minibatches (0, the default: once, on the first). A calibration made for the
    /// initial weights lets more and more units reach h* as the weights learn (measured at 2000 units, p = 3: about 34
    /// Hebbian units per image after one epoch, where the rank shortcut has one); calibrating again keeps h* between
    /// the two largest h of the current weights, as the shortcut assumes. It is not a cure: at 2000 units every 100
    /// minibatches, the many active units below h* (each pushed away with −Δ, whose decay term then grows its weights)
    /// made the weights grow and the readout fall to 90% after two epochs (docs/benchmarks.md).
    /// </summary>
    public int RecalibrateEvery
    {
        get => _recalibrateEvery;
        init => _recalibrateEvery = value >= 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(RecalibrateEvery), value, $"recalibrate every 0 (never) or more minibatches, not {value}");
    }

    private readonly int _recalibrateEvery;
    private long _minibatches; // learned since the weights were set

    /// <summary>The last calibration; null until one was made for the current weights.</summary>
    public CompetingHiddenUnitsCalibration? Calibration { get; private set; }

    /// <summary>The network, built from the current weights (null until the learner first learns or calibrates).</summary>
    public CompetingHiddenUnits? Network => _network;

    /// <inheritdoc />
    public override void Initialize(ReadOnlySpan<float> weights)
    {
        base.Initialize(weights);
        (_network, Calibration, _minibatches) = (null, null, 0);
        WeightsMoved(false);
    }

    /// <summary>Calibrates w_inh and h* on <paramref name="sample"/> (at most a batch of images) for the current weights.</summary>
    public CompetingHiddenUnitsCalibration Calibrate(Minibatch sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var calibration = Built().Calibrate(sample.Inputs, sample.Count, ActiveTarget);
        Calibration = calibration;
        Calibrated?.Invoke(calibration);
        return calibration;
    }

    /// <summary>One minibatch: settle, learn at ε = ε₀ (1 − progress), observe the active fraction and the winner agreement.</summary>
    /// <exception cref="ArgumentException">A minibatch larger than the network's batch.</exception>
    /// <exception cref="Simulator.SimulationException">h diverged; the message names the unit, the variable and the time.</exception>
    public override void Learn(Minibatch batch, double progress)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count > Options.Batch)
            throw new ArgumentException($"{Name}: a minibatch of {batch.Count} images is larger than the network's batch ({Options.Batch}); give the learner batch: {batch.Count} or more", nameof(batch));
        var network = Built();
        bool given = Inhibition is not null && Threshold is not null;
        if (!given && (Calibration is null || (_recalibrateEvery > 0 && _minibatches % _recalibrateEvery == 0))) Calibrate(batch);
        _minibatches++;
        var step = network.Learn(batch.Inputs, batch.Count, RateAt(progress));
        Observe("active fraction", step.ActiveFraction);
        Observe("winner agreement", step.WinnerAgreement);
        // An image that did not settle within the longest settle learned from a state still moving: say how often.
        Observe("settled", (double)step.Settled / batch.Count);
        Observe("hebbian units per image", step.HebbianPerImage);
        WeightsMoved();
    }

    /// <summary>The settled activity max(h, 0): what inhibits the other units, 0 for the units it silenced.</summary>
    public override string ActivityQuantity => "relu(h)";

    /// <summary>max(h, 0) of each image of the last minibatch as it settled (<see cref="ActivityQuantity"/>), read from what
    /// the network kept of that settle; null before the first minibatch.</summary>
    public override LearnerActivity? LatestActivity(int images = LearnerActivity.ImagesShown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(images, 1);
        if (_network is null || _minibatches == 0) return null;
        var settled = _network.Settled;
        int count = Math.Min(images, settled.Length / Units);
        var active = new float[count * Units];
        for (int q = 0; q < active.Length; q++) active[q] = (float)Math.Max(settled[q], 0);
        return new LearnerActivity(ActivityQuantity, count, Units, active);
    }

    /// <inheritdoc />
    protected override void CopyLearnedWeights(float[] weights) => _network?.Weights().CopyTo(weights, 0);

    /// <summary>The network for the current weights, built when first needed.</summary>
    private CompetingHiddenUnits Built()
    {
        if (_network is not null) return _network;
        _network = new CompetingHiddenUnits(Options, Weights);
        if (Inhibition is { } inhibition) _network.Inhibition = inhibition;
        if (Threshold is { } threshold) _network.Threshold = threshold;
        return _network;
    }
}

using Dendra.Learning.Datasets;

namespace Dendra.Learning.Learners;

/// <summary>
/// Something that learns a weight matrix from data, one minibatch at a time: <see cref="Units"/> rows of
/// <see cref="Features"/> weights (a unit's receptive field). Two implementations of the same learner (a fast
/// approximation and the full dynamics, say) can be trained by <see cref="LearnerTraining.Run"/> on the same data,
/// from the same initial weights, in the same order, and compared unit by unit (<see cref="WeightComparison"/>).
/// </summary>
/// <remarks>
/// A subclass implements <see cref="Learn"/> (one step on a minibatch) and, when it has a metric, <see cref="Evaluate"/>.
/// <see cref="Initialize"/> sets the weights; the training run calls it with weights drawn from its seed, so two
/// learners of the same shape start from the same weights. A learner reports what it sees while it learns (the fraction
/// of active units, say) with <see cref="Observe"/>; the training run keeps each epoch's mean of every observed quantity
/// (<see cref="LearnerRun.Observations"/>). A learner whose units compete shows what they did in the latest minibatch with
/// <see cref="ActivityQuantity"/> and <see cref="LatestActivity"/>, drawn beside its receptive fields.
/// </remarks>
public abstract class Learner
{
    /// <summary>A learner of <paramref name="units"/> × <paramref name="features"/> weights, all zero until <see cref="Initialize"/>.</summary>
    protected Learner(string name, int units, int features)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        Name = name;
        Units = units;
        Features = features;
        _weights = new float[units * features];
    }

    /// <summary>What the learner is called in reports and legends.</summary>
    public string Name { get; }

    /// <summary>Units that learn: rows of <see cref="Weights"/>.</summary>
    public int Units { get; }

    /// <summary>Inputs per unit: the row length of the data and of <see cref="Weights"/>.</summary>
    public int Features { get; }

    private readonly float[] _weights;

    /// <summary>The learned weights, row-major: unit u's are <c>Weights[u*Features .. (u+1)*Features]</c>; brought up to
    /// date from wherever the learner keeps them (<see cref="BringWeightsUpToDate"/>) each time they are read.</summary>
    public float[] Weights
    {
        get
        {
            BringWeightsUpToDate(_weights);
            return _weights;
        }
    }

    /// <summary>
    /// Called before <see cref="Weights"/> is read: a learner that learns in weights of its own (a rule's array, a
    /// network, a device) copies them into <paramref name="weights"/> here, once after each change, rather than after
    /// every minibatch, which would copy the whole matrix each step whether or not anybody reads it.
    /// </summary>
    protected virtual void BringWeightsUpToDate(float[] weights) { }

    /// <summary>What <see cref="LatestActivity"/> gives (e.g. <c>relu(h)</c>, the settled activity of competing units); null,
    /// the default, for a learner that has no activity of its units to show (views then show its weights alone).</summary>
    public virtual string? ActivityQuantity => null;

    /// <summary>
    /// The activity of the units in the latest minibatch (<see cref="ActivityQuantity"/>), for its first
    /// <paramref name="images"/> images at most; null when the learner has none, or has not learned since its weights were
    /// set. A learner keeps what its step computed anyway and copies it here, when a watcher asks (now and then, with the
    /// weights), never after every minibatch.
    /// </summary>
    public virtual LearnerActivity? LatestActivity(int images = LearnerActivity.ImagesShown) => null;

    /// <summary>The weights of unit <paramref name="unit"/>.</summary>
    public Span<float> WeightsOf(int unit) => Weights.AsSpan(unit * Features, Features);

    /// <summary>What <see cref="Evaluate"/> measures, with its unit where it has one; a learning curve's y axis.</summary>
    public virtual string Metric => "accuracy";

    /// <summary>True when a unit's sign means nothing (principal components: w and −w are the same component), so that a
    /// comparison of learned weights takes |cos|.</summary>
    public virtual bool SignIsArbitrary => false;

    /// <summary>Sets the weights to <paramref name="weights"/> (copied) and forgets any training state.</summary>
    /// <exception cref="ArgumentException">Not <see cref="Units"/> × <see cref="Features"/> values.</exception>
    public virtual void Initialize(ReadOnlySpan<float> weights)
    {
        if (weights.Length != _weights.Length)
            throw new ArgumentException($"{Name}: {weights.Length} initial weights given to a learner of {Units} units × {Features} features ({_weights.Length})", nameof(weights));
        weights.CopyTo(_weights);
    }

    /// <summary>One learning step on <paramref name="batch"/>; <paramref name="progress"/> is the fraction of the whole
    /// training done before it (0 to 1), for learning rates annealed over training.</summary>
    public abstract void Learn(Minibatch batch, double progress);

    /// <summary>The metric on <paramref name="data"/> (<see cref="Metric"/>); NaN when the learner has none.</summary>
    public virtual double Evaluate(LabeledSet data) => double.NaN;

    // What Observe has seen since the last TakeObservations, in the order the names were first observed (so that reports
    // list them the same way every run).
    private readonly List<(string Name, double Sum, long Count)> _observed = [];

    /// <summary>
    /// Records one value of a quantity the learner wants reported (e.g. "active fraction" once per minibatch); the
    /// training run reports each quantity's mean over an epoch. Non-finite values are recorded as they are (their mean
    /// is then not finite either: a report shows that something went wrong).
    /// </summary>
    /// <param name="name">What is observed, as a report names it.</param>
    /// <param name="value">The value.</param>
    protected void Observe(string name, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        int at = _observed.FindIndex(o => o.Name == name);
        if (at < 0) _observed.Add((name, value, 1));
        else _observed[at] = (name, _observed[at].Sum + value, _observed[at].Count + 1);
    }

    /// <summary>
    /// <see cref="Evaluate"/> without letting what it observes count: an evaluation in the middle of an epoch (every N
    /// samples) must neither add to the epoch's observations nor take away those made so far.
    /// </summary>
    internal double EvaluateUnobserved(LabeledSet data)
    {
        var kept = _observed.ToArray();
        try
        {
            return Evaluate(data);
        }
        finally
        {
            _observed.Clear();
            _observed.AddRange(kept);
        }
    }

    /// <summary>The mean of every quantity observed (<see cref="Observe"/>) so far in the epoch under way, in the order first
    /// observed, without forgetting them (a live view's status line reads it).</summary>
    public IReadOnlyList<(string Name, double Mean)> ObservedSoFar() => _observed.Select(o => (o.Name, o.Sum / o.Count)).ToArray();

    /// <summary>The mean of every quantity observed (<see cref="Observe"/>) since the last call, in the order first
    /// observed; forgets them. <see cref="LearnerTraining.Run"/> calls it after each epoch.</summary>
    public IReadOnlyList<(string Name, double Mean)> TakeObservations()
    {
        var means = _observed.Select(o => (o.Name, o.Sum / o.Count)).ToArray();
        _observed.Clear();
        return means;
    }
}

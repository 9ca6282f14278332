namespace Dendra.Plasticity;

/// <summary>
/// Krotov &amp; Hopfield's fast rule for competing hidden units (PNAS 2019), whichever processor runs it: the parameters,
/// their checks and the public operations, the same for <see cref="KrotovHopfieldRanking"/> (CPU, OpenBLAS) and
/// <c>Dendra.Networks.KrotovHopfield.KrotovHopfieldRankingOnDevice</c> (OpenCL, CLBlast). Per minibatch, the currents
/// <c>I = (sgn(W)|W|^(p−1)) v</c> of every image are one matrix product; in each image the unit with the largest current
/// gets <c>g = 1</c>, the k-th largest <c>g = −Δ</c>, the rest 0 (a tie goes to the unit with the lower index); then
/// <c>ΔW = g (R^p v)ᵀ − (Σ_batch g∘I) ⊙ W</c> and <c>W += ε ΔW / max|ΔW|</c>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>parameter</term><description>meaning (Krotov &amp; Hopfield's MNIST values)</description></listheader>
/// <item><term>hidden</term><description>number of hidden units (100 in Krotov's demonstration, 2000 in the paper)</description></item>
/// <item><term>p</term><description>the Lp norm the weights are normalised in (2 in the demonstration, 3 in the paper); p ≥ 1 (p in [1, 2) is a norm too, one that spreads the weights rather than sparsening them)</description></item>
/// <item><term>k</term><description>the rank of the unit that is pushed away (2; 7); 2 ≤ k ≤ hidden</description></item>
/// <item><term>delta</term><description>Δ, the strength of that anti-Hebbian push (0.4)</description></item>
/// <item><term>radius</term><description>R: the learned weights reach Σ|W_μi|^p = R^p (1)</description></item>
/// <item><term>ε</term><description>the learning rate of each update (0.02 → 0 in the demonstration, 0.04 → 0 in the paper, annealed linearly)</description></item>
/// </list>
/// </remarks>
public abstract class KrotovHopfieldRule
{
    /// <param name="hidden">Number of hidden units.</param>
    /// <param name="inputs">Number of inputs (784 for MNIST).</param>
    /// <param name="p">Lp norm of the weights; at least 2.</param>
    /// <param name="k">Rank of the unit pushed away; 2 ≤ k ≤ hidden.</param>
    /// <param name="delta">Strength Δ of that push; 0 ≤ Δ.</param>
    /// <param name="radius">R, the norm the weights reach; positive.</param>
    protected KrotovHopfieldRule(int hidden, int inputs, double p, int k, double delta, double radius)
    {
        if (hidden < 2) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "competing units need at least 2 hidden units");
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "the units need at least one input");
        if (!(p >= 1) || !double.IsFinite(p)) throw new ArgumentOutOfRangeException(nameof(p), p, $"p must be a finite number ≥ 1 (the Lp norm of the weights), not {p}");
        if (k < 2 || k > hidden) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 2 and the number of hidden units ({hidden})");
        if (!(delta >= 0) || !double.IsFinite(delta)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Δ must be a finite number ≥ 0");
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "R must be a finite positive number");
        (Hidden, Inputs, P, K, Delta, Radius) = (hidden, inputs, p, k, delta, radius);
    }

    /// <summary>Number of hidden units.</summary>
    public int Hidden { get; }

    /// <summary>Number of inputs.</summary>
    public int Inputs { get; }

    /// <summary>The Lp norm of the weights.</summary>
    public double P { get; }

    /// <summary>Rank of the unit pushed away.</summary>
    public int K { get; }

    /// <summary>Strength Δ of the push.</summary>
    public double Delta { get; }

    /// <summary>The norm R the weights reach.</summary>
    public double Radius { get; }

    /// <summary>The weights, row-major [hidden, inputs]; change them freely between updates (e.g. to share initial weights).</summary>
    public abstract float[] Weights { get; }

    /// <summary>The winning unit of each image of the last update, in batch order.</summary>
    public abstract ReadOnlySpan<int> Winners { get; }

    /// <summary>The unit ranked k-th in each image of the last update (pushed away with g = −Δ), in batch order.</summary>
    public abstract ReadOnlySpan<int> PushedAway { get; }

    /// <summary>Draws every weight from N(0, 1) with a seeded generator: the same seed gives the same weights everywhere.</summary>
    public void Initialize(int seed)
    {
        var random = new Random(seed);
        var weights = Weights;
        for (int k = 0; k < weights.Length; k++)
        {
            // Box–Muller from two uniform draws in (0, 1].
            double u = 1 - random.NextDouble(), v = random.NextDouble();
            weights[k] = (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }
    }

    /// <summary>The currents <c>I = ⟨W_μ, v⟩_p</c> of <paramref name="count"/> images, row-major [image, unit].</summary>
    /// <param name="images">The images, row-major [image, input].</param>
    /// <param name="count">How many images.</param>
    /// <param name="currents">Receives count × hidden currents.</param>
    public void Currents(ReadOnlySpan<float> images, int count, Span<float> currents)
    {
        CheckImages(images, count);
        if (currents.Length < (long)count * Hidden) throw new ArgumentException($"{count} images need room for {(long)count * Hidden} currents, got {currents.Length}", nameof(currents));
        CurrentsCore(images[..(count * Inputs)], count, currents[..(count * Hidden)]);
    }

    /// <summary>The hidden layer a readout reads: <c>W v</c> of <paramref name="count"/> images (the plain weights, not their
    /// transform, as in Krotov &amp; Hopfield's classifier), row-major [image, unit].</summary>
    public void Responses(ReadOnlySpan<float> images, int count, Span<float> responses)
    {
        CheckImages(images, count);
        if (responses.Length < (long)count * Hidden) throw new ArgumentException($"{count} images need room for {(long)count * Hidden} responses, got {responses.Length}", nameof(responses));
        ResponsesCore(images[..(count * Inputs)], count, responses[..(count * Hidden)]);
    }

    /// <summary>One update from a minibatch: the currents, each image's ranking, then <c>W += ε ΔW / max|ΔW|</c>.</summary>
    /// <param name="images">The minibatch, row-major [image, input] (MNIST: pixels / 255).</param>
    /// <param name="count">How many images.</param>
    /// <param name="epsilon">The learning rate ε of this update.</param>
    /// <returns>max|ΔW| of this update (0 when nothing changed).</returns>
    /// <exception cref="ArithmeticException">ΔW is not finite (the weights are then left as they were).</exception>
    public double Update(float[] images, int count, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "a minibatch has at least one image");
        if (!(epsilon >= 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be a finite number ≥ 0");
        CheckImages(images, count);
        return UpdateCore(images, count, epsilon);
    }

    /// <summary><see cref="Currents"/> once its arguments are checked and cut to size.</summary>
    protected abstract void CurrentsCore(ReadOnlySpan<float> images, int count, Span<float> currents);

    /// <summary><see cref="Responses"/> once its arguments are checked and cut to size.</summary>
    protected abstract void ResponsesCore(ReadOnlySpan<float> images, int count, Span<float> responses);

    /// <summary><see cref="Update"/> once its arguments are checked.</summary>
    protected abstract double UpdateCore(float[] images, int count, double epsilon);

    /// <summary>The message both rules give when ΔW is not finite.</summary>
    protected static ArithmeticException NonFiniteChange() =>
        new("the weight change of the Krotov–Hopfield rule is not finite; check the inputs and weights for NaN or infinity");

    private void CheckImages(ReadOnlySpan<float> images, int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "the number of images cannot be negative");
        if (images.Length < (long)count * Inputs) throw new ArgumentException($"{count} images need {(long)count * Inputs} values, got {images.Length}", nameof(images));
    }
}

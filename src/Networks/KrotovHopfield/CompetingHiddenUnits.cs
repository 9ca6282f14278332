using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Networks.KrotovHopfield;

/// <summary>
/// Krotov &amp; Hopfield's competing hidden units (PNAS 2019) as the dynamics they are, not the rank shortcut: a layer of
/// input rates v (an image) drives H hidden units through the currents <c>I = (sgn(W)|W|^(p−1)) v</c>; the hidden units
/// settle under global lateral inhibition, <c>τ dh_μ/dt = I_μ − h_μ − w_inh Σ_{ν≠μ} max(h_ν, 0)</c>; then, the weights
/// changing much more slowly than h (quasi-stationary learning), every unit learns once from its settled state,
/// <c>ΔW_μ = g(h_μ) (R^p v − I_μ W_μ)</c> with <c>g = 1</c> for h ≥ h*, <c>−Δ</c> for 0 ≤ h &lt; h*, 0 below, scaled
/// <c>W += ε ΔW / max|ΔW|</c> over a minibatch as the paper's training does.
/// </summary>
/// <remarks>
/// The network is an ordinary Dendra network (<see cref="Network"/>): a minibatch is a batch of instances, each settling
/// on its own image (<see cref="Network.RunUntilSettled"/>); the rule is an <see cref="OuterProductRule"/> applied at the end
/// of each presentation. Minibatches smaller than <see cref="CompetingHiddenUnitsOptions.Batch"/> are padded with blank
/// images: a blank image has v = 0 and I = 0, so its change <c>g (R^p v − I W)</c> is 0 whatever g is, and it counts in
/// no statistic. w_inh and h* are chosen by <see cref="Calibrate"/> or set directly (<see cref="Inhibition"/>,
/// <see cref="Threshold"/>). A run that diverges (too much inhibition for the time step, say) stops with a
/// <see cref="Simulator.SimulationException"/> naming the population, unit, variable and time.
/// </remarks>
public sealed class CompetingHiddenUnits
{
    private readonly Population _pixels, _units;
    private readonly RateProjection _projection;
    private readonly double[] _input, _zeros;
    // The settled h and the currents of every instance, read into the same arrays after each settle.
    private readonly double[] _settled, _allCurrents;
    private double _inhibition, _threshold;
    private bool _heldValuesChanged = true; // w_inh or h* changed since they were last written to the network
    private int _count;

    /// <summary>A network of <paramref name="options"/>' shape starting from <paramref name="weights"/>, row-major [hidden, inputs].</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range (the message names it).</exception>
    /// <exception cref="ArgumentException">Not hidden × inputs weights, or a weight that is not finite.</exception>
    public CompetingHiddenUnits(CompetingHiddenUnitsOptions options, ReadOnlySpan<float> weights)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var (hidden, inputs) = (options.Hidden, options.Inputs);
        if (weights.Length != hidden * inputs)
            throw new ArgumentException($"{hidden} hidden units of {inputs} inputs need {hidden * inputs} weights, got {weights.Length}", nameof(weights));
        var w = new double[hidden, inputs];
        for (int u = 0; u < hidden; u++)
            for (int i = 0; i < inputs; i++)
            {
                float value = weights[u * inputs + i];
                if (!float.IsFinite(value)) throw new ArgumentException($"weight [{u}, {i}] is {value}: give finite weights", nameof(weights));
                w[u, i] = value;
            }

        Network = new Network(options.Dt, options.Precision) { BatchSize = options.Batch };
        if (options.Threads > 0) Network.Threads = options.Threads;
        (Network.Backend, Network.Device) = (options.Backend, options.Device);
        _pixels = Network.AddPopulation("inputs", inputs, RateNeuron.Input());
        _units = Network.AddPopulation("hidden", hidden, Model(options.Tau, options.Delta).WithMethod(options.Integrator));
        _projection = Network.ConnectRate(_pixels, _units, "r", "I", w, "W").Learn(Rule(options.P, options.Radius, options.Epsilon));
        _input = new double[inputs * options.Batch];
        _zeros = new double[hidden * options.Batch];
        _settled = new double[hidden * options.Batch];
        _allCurrents = new double[hidden * options.Batch];
    }

    /// <summary>
    /// The hidden units' model: h relaxes with time constant τ towards its current I minus the inhibition from every other
    /// active unit; g is the learning signal the rule reads from the settled h. w_inh and h* are held values (state with no
    /// dynamics) rather than parameters, so that a calibration can set them on the built network.
    /// </summary>
    /// <param name="tau">τ, seconds.</param>
    /// <param name="delta">Δ, the anti-Hebbian push of active units below h*.</param>
    public static NeuronModel Model(double tau, double delta) => new NeuronModel("CompetingHiddenUnit", """
            dh/dt = (I - h - w_inh*(sum(max(h, 0)) - max(h, 0)))*(1/tau)
            g = where(h >= hstar, 1, where(h >= 0, -delta, 0))
            """)
        // I: the current ⟨W_μ, v⟩_p the weights deliver. sum(max(h, 0)) is the layer's total activity, so that
        // sum(max(h, 0)) − max(h, 0) is Σ_{ν≠μ} max(h_ν, 0), the activity of the other units that inhibits this one.
        // *(1/tau) rather than /tau: the compiler folds 1/tau into one constant, and a multiplication costs a fraction of a
        // division, which RK4 does four times per unit and step (the settle kernel ran 20% faster; the fixed point is the same).
        .WithParameter("tau", tau, "s", "time constant of the hidden units")
        .WithParameter("delta", delta, "", "Δ: strength of the anti-Hebbian push on active units below h*")
        .WithInput("I")
        .WithState("w_inh")
        // The integrator is the options' (RK4 by default): the inhibition makes the equations stiff where w_inh·(active
        // units) is large (p < 2 and small layers need a large w_inh), and Euler, a quarter of the work per step, then
        // overshoots at dt = τ/10 and never settles.
        .WithState("hstar");

    /// <summary>
    /// The learning rule: the Hebbian term <c>g R^p v</c> (post g, pre R^p r), the decay <c>g I W</c> that keeps each
    /// unit's weights on the sphere Σ|W|^p = R^p, the product reading <c>sgn(W)|W|^(p−1)</c> (so the current is the
    /// p-norm's inner product), the change scaled to its largest magnitude ε, applied once per presentation.
    /// </summary>
    /// <param name="p">The Lp norm.</param>
    /// <param name="radius">R.</param>
    /// <param name="epsilon">ε.</param>
    public static OuterProductRule Rule(double p, double radius, double epsilon) =>
        new OuterProductRule("Krotov–Hopfield", post: "g", pre: "Rp*r", decay: "g*I")
            .WithParameter("eta", epsilon).WithParameter("p", p).WithParameter("Rp", Math.Pow(radius, p))
            .WithTransform("sign(w)*abs(w)^(p-1)")
            .ScaledToLargestChange()
            .AtEndOfPresentation();

    /// <summary>The parameters.</summary>
    public CompetingHiddenUnitsOptions Options { get; }

    /// <summary>The Dendra network itself: populations <c>inputs</c> and <c>hidden</c>, rate projection <c>W</c>.</summary>
    public Network Network { get; }

    /// <summary>w_inh, the strength of the lateral inhibition; finite, 0 or more.</summary>
    public double Inhibition
    {
        get => _inhibition;
        set
        {
            if (!(value >= 0) || !double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(Inhibition), value, $"w_inh must be a finite number ≥ 0, not {value}");
            _inhibition = value;
            _heldValuesChanged = true;
        }
    }

    /// <summary>h*, the settled activity from which a unit learns Hebbian (g = 1); finite.</summary>
    public double Threshold
    {
        get => _threshold;
        set
        {
            if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(Threshold), value, $"h* must be finite, not {value}");
            _threshold = value;
            _heldValuesChanged = true;
        }
    }

    /// <summary>The settled h of the last settled images (a minibatch learned from, or a calibration's sample), row-major [image, unit].</summary>
    public ReadOnlySpan<double> Settled => _settled.AsSpan(0, _count * Options.Hidden);

    /// <summary>The currents I of the last settled images, row-major [image, unit].</summary>
    public ReadOnlySpan<double> Currents => _allCurrents.AsSpan(0, _count * Options.Hidden);

    /// <summary>The weights as they are now, row-major [hidden, inputs].</summary>
    public float[] Weights()
    {
        var w = _projection.Weights();
        var result = new float[Options.Hidden * Options.Inputs];
        for (int u = 0; u < Options.Hidden; u++)
            for (int i = 0; i < Options.Inputs; i++) result[u * Options.Inputs + i] = (float)w[u, i];
        return result;
    }

    /// <summary>
    /// Shows <paramref name="count"/> images (row-major [image, input]) and lets the hidden units settle from h = 0; returns
    /// the settled h, row-major [image, unit]. The weights do not change.
    /// </summary>
    /// <exception cref="ArgumentException">More images than the batch, or fewer values than the images need.</exception>
    /// <exception cref="Simulator.SimulationException">h diverged; the message names the unit, the variable and the time.</exception>
    public double[] Settle(ReadOnlySpan<float> images, int count) => Settle(images, count, out _).ToArray();

    /// <summary>The settled h in the network's own array (valid until the next settle): a minibatch reads it without a copy.</summary>
    private ReadOnlySpan<double> Settle(ReadOnlySpan<float> images, int count, out int settled)
    {
        int batch = Options.Batch, inputs = Options.Inputs, hidden = Options.Hidden;
        if (count < 1 || count > batch)
            throw new ArgumentException($"{count} images cannot be settled by a network of batch {batch}: give 1 to {batch} images (or a larger batch)", nameof(count));
        if (images.Length < count * inputs)
            throw new ArgumentException($"{count} images of {inputs} inputs need {count * inputs} values, got {images.Length}", nameof(images));
        for (int q = 0; q < count * inputs; q++) _input[q] = images[q];
        Array.Clear(_input, count * inputs, (batch - count) * inputs);
        _pixels.SetState("r", _input);
        _units.SetState("h", _zeros);
        if (_heldValuesChanged)
        {
            _units.SetState("w_inh", Enumerable.Repeat(_inhibition, hidden).ToArray());
            _units.SetState("hstar", Enumerable.Repeat(_threshold, hidden).ToArray());
            _heldValuesChanged = false;
        }
        var settling = Network.RunUntilSettled(Options.SettleTolerance, Options.LongestSettle, (_units, "h"));
        settled = settling.SettledAfter.Take(count).Count(s => s is not null);
        _count = count;
        _units.Get("I", _allCurrents);
        _units.Get("h", _settled);
        return _settled.AsSpan(0, count * hidden);
    }

    /// <summary>
    /// Chooses w_inh and h* on a sample of <paramref name="count"/> images (at most a batch), and sets them:
    /// w_inh bisected until <paramref name="targetActive"/> of the sample's hidden units are active (h ≥ 0; more inhibition,
    /// fewer active units), then h* as the median over the images of the midpoint between the two largest settled h.
    /// </summary>
    /// <remarks>
    /// h*, Δ and the rank rule: with h* between the largest and second largest settled h of a typical image, about one unit
    /// per image learns Hebbian (g = 1), the unit the rank shortcut makes learn, and every other active unit is pushed away
    /// with −Δ, where the shortcut pushes only its k-th unit. So h* is what makes Δ the strength of one push per active
    /// loser: a lower h* would let several units per image learn the same image (Δ then fights fewer units), a higher one
    /// leaves images where no unit learns. The seed notes h* is tied to Δ; this choice fixes the Hebbian side (one winner)
    /// and leaves Δ alone to weigh the anti-Hebbian side, as in the shortcut.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A target outside (0, 1).</exception>
    public CompetingHiddenUnitsCalibration Calibrate(ReadOnlySpan<float> images, int count, double targetActive)
    {
        if (!(targetActive > 0 && targetActive < 1))
            throw new ArgumentOutOfRangeException(nameof(targetActive), targetActive, $"the calibration's target fraction of active units must be between 0 and 1 (exclusive), not {targetActive}; Krotov & Hopfield suggest 0.05 to 0.15");
        double ActiveAt(double inhibition, ReadOnlySpan<float> sample)
        {
            Inhibition = inhibition;
            return ActiveFraction(Settle(sample, count, out _));
        }
        double low = 0, high = 1;
        // Widen until the target is reached: inhibition is global, so what is needed falls as 1/H and depends on p and the data.
        while (ActiveAt(high, images) > targetActive)
        {
            if (high >= 1e6) throw new InvalidOperationException($"the calibration found no w_inh up to {high:G3} that leaves {targetActive:P0} of the units active; the currents may all be equal (check the weights and images)");
            (low, high) = (high, high * 4);
        }
        for (int step = 0; step < 12; step++)
        {
            double middle = (low + high) / 2;
            if (ActiveAt(middle, images) > targetActive) low = middle; else high = middle;
        }
        Inhibition = high;
        var settled = Settle(images, count, out _);
        int hidden = Options.Hidden;
        var midpoints = new double[count];
        for (int b = 0; b < count; b++)
        {
            double first = double.NegativeInfinity, second = double.NegativeInfinity;
            foreach (var h in settled.Slice(b * hidden, hidden))
            {
                if (h > first) (first, second) = (h, first);
                else if (h > second) second = h;
            }
            midpoints[b] = (first + second) / 2;
        }
        Array.Sort(midpoints);
        Threshold = midpoints[count / 2];
        return new CompetingHiddenUnitsCalibration(Inhibition, Threshold, ActiveFraction(settled));
    }

    /// <summary>
    /// One minibatch of learning: the <paramref name="count"/> images settle, then every unit learns once from its settled
    /// state, <c>W += rate ΔW / max|ΔW|</c>. Returns what the hidden units did.
    /// </summary>
    /// <param name="images">The minibatch, row-major [image, input] (MNIST: pixels / 255).</param>
    /// <param name="count">How many images; at most the batch.</param>
    /// <param name="rate">ε of this step; finite and 0 or more (null: the options' ε).</param>
    /// <exception cref="Simulator.SimulationException">h diverged; the message names the unit, the variable and the time.</exception>
    public CompetingHiddenUnitsStep Learn(ReadOnlySpan<float> images, int count, double? rate = null)
    {
        double epsilon = rate ?? Options.Epsilon;
        if (!(epsilon >= 0) || !double.IsFinite(epsilon)) throw new ArgumentOutOfRangeException(nameof(rate), epsilon, $"ε must be a finite number ≥ 0, not {epsilon}");
        var h = Settle(images, count, out int settled);
        int hidden = Options.Hidden, agreed = 0, hebbian = 0;
        foreach (var x in h) if (x >= _threshold) hebbian++;
        for (int b = 0; b < count; b++)
            if (ArgMax(h.Slice(b * hidden, hidden)) == ArgMax(_allCurrents.AsSpan(b * hidden, hidden))) agreed++;
        _projection.LearningRate = epsilon;
        Network.EndPresentation();
        return new CompetingHiddenUnitsStep(ActiveFraction(h), (double)agreed / count, settled, (double)hebbian / count);
    }

    /// <summary>The fraction of values that are 0 or more: active units.</summary>
    private static double ActiveFraction(ReadOnlySpan<double> h)
    {
        int active = 0;
        foreach (var x in h) if (x >= 0) active++;
        return active / (double)h.Length;
    }

    /// <summary>The index of the largest value, the lower index on a tie (as the rank rule breaks ties).</summary>
    private static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int q = 1; q < values.Length; q++) if (values[q] > values[best]) best = q;
        return best;
    }
}

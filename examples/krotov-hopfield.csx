// Competing hidden units (Krotov & Hopfield 2019, PNAS), trained without labels on MNIST. Two variants of one learner:
//  --variant fast (default): the rank shortcut. Per minibatch the currents I = (sgn(W)|W|^(p−1)) v as one product; in
//    each image the most driven unit learns (g = 1) and the k-th is pushed away (g = −Δ).
//  --variant full: the dynamics the shortcut stands for. Per minibatch the hidden units settle under lateral
//    inhibition, τ dh/dt = I − h − w_inh Σ_{ν≠μ} max(h_ν, 0), and every unit learns by g(h): 1 for h ≥ h*, −Δ for
//    0 ≤ h < h*, 0 below. w_inh and h* are calibrated first on one minibatch: w_inh so that a target fraction of the units
//    is active (h ≥ 0; the seed recommends 5–15%), h* between the largest and the second largest h of a typical image.
// Both then change W by ΔW = g (R^p v)ᵀ − (Σ_batch g∘I) ⊙ W, scaled W += ε ΔW / max|ΔW|, ε annealed linearly to 0, from
// the same initial weights N(0, 1). The defaults are Krotov's demonstration (100 units, p = 2, k = 2, Δ = 0.4, ε₀ = 0.02
// over 200 epochs, minibatch 100), whose receptive fields become digit-like prototypes; the paper's network is 2000 units,
// p = 3, k = 7 (--set hidden=2000 --set p=3 --set k=7 --set eps=0.04).
// Writes the receptive fields as a mosaic (one 28 × 28 tile per unit); then, unless --set readout=false, trains the paper's
// readout c = tanh(β S relu(W v)^n) (n = 4.5, β = 0.01, loss Σ|c − t|^m with m = 6 and ±1 targets, Adam, its step chosen
// on a validation split) on the frozen hidden layer of all 60,000 training images and prints its accuracy on the 10,000
// test images.
//
//   dendra run examples/krotov-hopfield.csx
//   dendra run examples/krotov-hopfield.csx --set epochs=5 --set samples=10000
//   dendra run examples/krotov-hopfield.csx --variant full --set epochs=1 --set samples=6000
var clock = System.Diagnostics.Stopwatch.StartNew();
// `dendra run … --variant full` and `dendra compare … --variants full,fast` set Variant; --set variant=… works too.
string variant = Variant ?? Param("variant", "fast");
int hidden = Param("hidden", 100), k = Param("k", 2), epochs = Param("epochs", 200), batch = Param("batch", 100);
int samples = Param("samples", 60_000), seed = Param("seed", 1);
double p = Param("p", 2.0), delta = Param("delta", 0.4), eps = Param("eps", 0.02);
double activeTarget = Param("active", 0.10);
string mosaic = Param("mosaic", "krotov-hopfield.png"); // --set mosaic= draws none
bool readout = Param("readout", true);
int readoutEpochs = Param("readoutEpochs", 30);
if (variant != "fast" && variant != "full") throw new ArgumentException($"variant '{variant}': choose fast (the rank shortcut) or full (the settled dynamics)");

var mnist = Mnist.Load(progress: Console.Error);
var train = mnist.Train.Subset(Enumerable.Range(0, Math.Min(samples, mnist.Train.Count)).ToArray());
// The fast rule's object also holds the weights both variants start from, and computes the hidden layer for the readout.
var rule = new KrotovHopfieldRanking(hidden, Mnist.Pixels, p, k, delta);
rule.Initialize(seed);
Console.WriteLine($"{variant}: {hidden} units, p = {p}, k = {k}, Δ = {delta}, ε₀ = {eps}, {epochs} epochs of {train.Count} images in minibatches of {batch}");

// What the full dynamics did in the epoch so far: active units (h ≥ 0), and images whose most active unit is the unit
// with the largest current (the one the shortcut makes learn).
double activeSum = 0;
long agreed = 0, images = 0;
Action<Minibatch, double> learn = (minibatch, rate) => rule.Update(minibatch.Inputs, minibatch.Count, rate);
Action learned = () => { };
if (variant == "full") (learn, learned) = FullDynamics();

for (int epoch = 0; epoch < epochs; epoch++)
{
    var epochClock = System.Diagnostics.Stopwatch.StartNew();
    double rate = eps * (1 - (double)epoch / epochs);
    foreach (var minibatch in train.Batches(batch, SeededShuffle.ForEpoch(seed, epoch), reuseArrays: true))
        if (minibatch.Count == batch) learn(minibatch, rate);
    double seconds = epochClock.Elapsed.TotalSeconds;
    Console.WriteLine($"epoch {epoch + 1}: {seconds:F2} s, {train.Count / batch * batch / seconds:F0} samples/s");
    if (images > 0)
        Console.WriteLine($"  full dynamics: {activeSum / images * 100:F1}% of units active, winner = largest current in {agreed * 100.0 / images:F1}% of images");
    (activeSum, agreed, images) = (0, 0, 0);
}

learned();
// A checksum of what was learned, printed as benchmarks/krotov-hopfield/fast_rule.py prints it: Σ_i |W_μi|^p tends to R^p = 1.
double absoluteSum = 0, normSum = 0;
for (int u = 0; u < hidden; u++)
{
    double norm = 0;
    foreach (var x in rule.Weights.AsSpan(u * Mnist.Pixels, Mnist.Pixels)) { absoluteSum += Math.Abs(x); norm += Math.Pow(Math.Abs(x), p); }
    normSum += norm;
}
Console.WriteLine($"weights: Σ|W| = {absoluteSum:G6}, mean over units of Σ|W_μ|^p = {normSum / hidden:G6}");
if (mosaic != "")
{
    Plot.Mosaic(mosaic, rule.Weights, hidden, Mnist.Side, Mnist.Side);
    Console.WriteLine($"receptive fields: {mosaic}");
}

if (readout)
{
    // The hidden layer of every image, computed once: the learned weights are frozen from here on.
    LabeledSet HiddenLayer(LabeledSet images)
    {
        var responses = new float[images.Count * hidden];
        int done = 0;
        foreach (var part in images.Batches(1000, reuseArrays: true))
        {
            rule.Responses(part.Inputs, part.Count, responses.AsSpan(done * hidden, part.Count * hidden));
            done += part.Count;
        }
        return new LabeledSet(responses, images.Labels, hidden, Mnist.Classes);
    }
    var readoutClock = System.Diagnostics.Stopwatch.StartNew();
    // Adam's step suits the scale of relu(W v)^n, which depends on p and on how far the weights learned (a step too large
    // saturates every tanh at once): it is chosen on a validation split of 10,000 training images, never on the test set.
    var (fit, validation) = mnist.Train.Split(10_000, seed);
    var (fitHidden, validationHidden) = (HiddenLayer(fit), HiddenLayer(validation));
    double bestStep = 0, bestAccuracy = -1;
    foreach (double step in new[] { 1e-3, 1e-4, 1e-5, 1e-6 })
    {
        var candidate = KrotovHopfieldReadout.Train(fitHidden, new KrotovHopfieldTraining { Epochs = Math.Max(1, readoutEpochs / 3), LearningRate = step, Seed = seed });
        double accuracy = candidate.Evaluate(validationHidden).Accuracy;
        Console.WriteLine($"readout step {step:G1}: validation accuracy = {accuracy * 100:F2}%");
        if (accuracy > bestAccuracy) (bestStep, bestAccuracy) = (step, accuracy);
    }
    var classifier = KrotovHopfieldReadout.Train(HiddenLayer(mnist.Train), new KrotovHopfieldTraining { Epochs = readoutEpochs, LearningRate = bestStep, Seed = seed },
        (epoch, loss) => Console.WriteLine($"readout epoch {epoch}: training loss {loss:F4}"));
    var confusion = classifier.Evaluate(HiddenLayer(mnist.Test));
    Console.WriteLine($"readout: step {bestStep:G1} chosen on the validation split, {readoutEpochs} epochs on all training images, {readoutClock.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"test accuracy = {confusion.Accuracy * 100:F2}%");
}
Console.WriteLine($"time = {clock.Elapsed.TotalSeconds:F1} s");

// The full dynamics as a Dendra network: a minibatch is a batch of instances, each settling on its own image; the rule
// is applied once per presentation, from the settled state (the quasi-stationary learning of τ_L ≫ τ).
// Returns how to learn from a minibatch, and how to copy the learned weights back for the mosaic and the readout.
(Action<Minibatch, double> Learn, Action Learned) FullDynamics()
{
    double tau = 10 * ms, dt = 1 * ms, tolerance = Param("tolerance", 1e-3), longest = Param("settle", 300.0) * ms;
    var net = new Network(dt, Precision.Single) { BatchSize = batch };
    var pixels = net.AddPopulation("pixels", Mnist.Pixels, RateNeuron.Input());
    var units = net.AddPopulation("hidden", hidden, new NeuronModel("Competing", """
            dh/dt = (I - h - w_inh*(sum(max(h, 0)) - max(h, 0)))/tau
            g = where(h >= hstar, 1, where(h >= 0, -delta, 0))
            """).WithParameter("tau", tau).WithParameter("delta", delta).WithInput("I")
        // Held values rather than parameters, so the calibration can set them on the built network.
        .WithState("w_inh").WithState("hstar"));
    void Set(string variable, double value) => units.SetState(variable, Enumerable.Repeat(value, hidden).ToArray());
    var learning = new OuterProductRule("Krotov–Hopfield", post: "g", pre: "r", decay: "g*I").WithParameter("eta", eps).WithParameter("p", p)
        .WithTransform("sign(w)*abs(w)^(p-1)").ScaledToLargestChange().AtEndOfPresentation();
    var w = new double[hidden, Mnist.Pixels];
    for (int u = 0; u < hidden; u++)
        for (int i = 0; i < Mnist.Pixels; i++) w[u, i] = rule.Weights[u * Mnist.Pixels + i];
    var projection = net.ConnectRate(pixels, units, "r", "I", w).Learn(learning);
    var zeros = new double[hidden * batch];
    var input = new double[Mnist.Pixels * batch];

    // Shows a minibatch and lets the units settle; returns the settled h, [instance, unit].
    double[] Settle(Minibatch minibatch)
    {
        for (int q = 0; q < input.Length; q++) input[q] = minibatch.Inputs[q];
        pixels.SetState("r", input);
        units.SetState("h", zeros);
        net.RunUntilSettled(tolerance, longest, (units, "h"));
        return units.Get("h");
    }
    double ActiveFraction(double[] h) => h.Count(x => x >= 0) / (double)h.Length;

    // Calibration on the first minibatch: bisect w_inh (more inhibition, fewer active units), then h* between the two
    // largest settled h of each image (median over the batch), so that about one unit per image learns with g = 1.
    var sample = train.Batches(batch).First();
    projection.LearningRate = 0;
    double low = 0, high = 1;
    Set("w_inh", high);
    while (ActiveFraction(Settle(sample)) > activeTarget && high < 1e6) { low = high; high *= 4; Set("w_inh", high); }
    for (int step = 0; step < 12; step++)
    {
        double middle = (low + high) / 2;
        Set("w_inh", middle);
        if (ActiveFraction(Settle(sample)) > activeTarget) low = middle; else high = middle;
    }
    Set("w_inh", high);
    var settled = Settle(sample);
    var midpoints = Enumerable.Range(0, batch).Select(b =>
    {
        var top = settled.AsSpan(b * hidden, hidden).ToArray().OrderDescending().Take(2).ToArray();
        return (top[0] + top[1]) / 2;
    }).Order().ToArray();
    Set("hstar", midpoints[batch / 2]);
    Console.WriteLine($"calibrated: w_inh = {high:G4} ({ActiveFraction(settled) * 100:F1}% of units active), h* = {midpoints[batch / 2]:G4}");

    static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int q = 1; q < values.Length; q++) if (values[q] > values[best]) best = q;
        return best;
    }
    Action copyBack = () =>
    {
        var learnedWeights = projection.Weights();
        for (int u = 0; u < hidden; u++)
            for (int i = 0; i < Mnist.Pixels; i++) rule.Weights[u * Mnist.Pixels + i] = (float)learnedWeights[u, i];
    };
    return ((minibatch, rate) =>
    {
        var h = Settle(minibatch);
        var currents = units.Get("I");
        for (int b = 0; b < batch; b++)
        {
            var row = h.AsSpan(b * hidden, hidden);
            if (ArgMax(row) == ArgMax(currents.AsSpan(b * hidden, hidden))) agreed++;
            foreach (var x in row) if (x >= 0) activeSum += 1.0 / hidden;
        }
        images += batch;
        projection.LearningRate = rate;
        net.EndPresentation();
    }, copyBack);
}

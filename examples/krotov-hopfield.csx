// Competing hidden units (Krotov & Hopfield 2019, PNAS), trained without labels on MNIST. Two learners of one model
// (Dendra.Networks.KrotovHopfield):
//  --variant fast (default): KrotovHopfieldFast, the rank shortcut. Per minibatch the currents I = (sgn(W)|W|^(p−1)) v
//    as one product; in each image the most driven unit learns (g = 1) and the k-th is pushed away (g = −Δ).
//  --variant full: KrotovHopfieldFull, the dynamics the shortcut stands for (CompetingHiddenUnits, a Dendra network). Per
//    minibatch the hidden units settle under lateral inhibition, τ dh/dt = I − h − w_inh Σ_{ν≠μ} max(h_ν, 0), and every
//    unit learns by g(h): 1 for h ≥ h*, −Δ for 0 ≤ h < h*, 0 below. w_inh and h* are calibrated on the first minibatch:
//    w_inh so that a target fraction of the units is active (h ≥ 0; the seed recommends 5–15%), h* between the largest
//    and the second largest h of a typical image (or give both: --set inhibition=… --set threshold=…).
// Both change W by ΔW = g (R^p v)ᵀ − (Σ_batch g∘I) ⊙ W, scaled W += ε ΔW / max|ΔW|, ε annealed linearly to 0, from the
// same initial weights N(0, 1) and in the same order (`dendra compare examples/krotov-hopfield.csx --variants full,fast`
// trains both and compares their receptive fields unit by unit). The defaults are Krotov's demonstration (100 units,
// p = 2, k = 2, Δ = 0.4, ε₀ = 0.02 over 200 epochs, minibatch 100), whose receptive fields become digit-like prototypes;
// the paper's network is 2000 units, p = 3, k = 7 (--set hidden=2000 --set p=3 --set k=7 --set eps=0.04).
// Writes the receptive fields as a mosaic (one 28 × 28 tile per unit); then, unless --set readout=false, trains the paper's
// readout c = tanh(β S relu(W v)^n) (n = 4.5, β = 0.01, loss Σ|c − t|^m with m = 6 and ±1 targets, Adam, its step chosen
// on a validation split) on the frozen hidden layer of all 60,000 training images and prints its accuracy on the 10,000
// test images.
//
//   dendra run examples/krotov-hopfield.csx
//   dendra run examples/krotov-hopfield.csx --set epochs=5 --set samples=10000
//   dendra run examples/krotov-hopfield.csx --variant full --set epochs=1 --set samples=6000
//   dendra run examples/krotov-hopfield.csx --set device=opencl       (either variant on OpenCL: CLBlast and kernels of its own)
var clock = System.Diagnostics.Stopwatch.StartNew();
// `dendra run … --variant full` and `dendra compare … --variants full,fast` set Variant; --set variant=… works too.
string variant = Variant ?? Param("variant", "fast");
int hidden = Param("hidden", 100), k = Param("k", 2), epochs = Param("epochs", 200), batch = Param("batch", 100);
int samples = Param("samples", 60_000), seed = Param("seed", 1), readoutEpochs = Param("readoutEpochs", 30);
double p = Param("p", 2.0), delta = Param("delta", 0.4), eps = Param("eps", 0.02), activeTarget = Param("active", 0.10);
double inhibition = Param("inhibition", 0.0), threshold = Param("threshold", 0.0);
// The full dynamics' settling (read by both variants, so that `dendra compare --variants full,fast` can pass them to both):
// tolerance per step, the longest settle (ms), the time step (ms) and the integrator (rk4 or euler).
double tolerance = Param("tolerance", 1e-3), settle = Param("settle", 300.0), dt = Param("dt", 2.0);
string integrator = Param("integrator", "rk4");
int recalibrate = Param("recalibrate", 0); // the full dynamics calibrate again every this many minibatches (0: once)
string mosaic = Param("mosaic", "krotov-hopfield.png"); // --set mosaic= draws none
// --set save=FILE writes the learned weights (float32, little-endian, [unit, pixel]); --set load=FILE reads them instead
// of training (epochs must be 0), e.g. to try readouts on a network trained once.
string save = Param("save", ""), load = Param("load", "");
bool readout = Param("readout", true);
// --set evaluate=N: every `every` epochs (default 1), the readout trained on N training images (the learner's metric, on
// the test set), for learning curves and `dendra compare`; 0 (default) measures only once, after training.
int evaluate = Param("evaluate", 0), every = Param("every", 1);
string curve = Param("curve", ""); // --set curve=FILE.png draws that metric against the epochs (with evaluate=N)
if (variant != "fast" && variant != "full") throw new ArgumentException($"variant '{variant}': choose fast (the rank shortcut) or full (the settled dynamics)");
// cpu, opencl (the first GPU, else the first device) or opencl:<device as `dendra devices` lists it>.
string device = Param("device", "cpu");
if (device != "cpu" && device != "opencl" && !device.StartsWith("opencl:", StringComparison.Ordinal))
    throw new ArgumentException($"device '{device}': choose cpu, opencl or opencl:<device as `dendra devices` lists it>");
string? openCl = device == "cpu" ? null : device == "opencl" ? "" : device["opencl:".Length..];

var mnist = Mnist.Load(progress: Console.Error);
var train = mnist.Train.Subset(Enumerable.Range(0, Math.Min(samples, mnist.Train.Count)).ToArray());
Console.WriteLine($"{variant}: {hidden} units, p = {p}, k = {k}, Δ = {delta}, ε₀ = {eps}, {epochs} epochs of {train.Count} images in minibatches of {batch}");

var evaluation = evaluate > 0 ? new ReadoutEvaluation(mnist.Train.Subset(Enumerable.Range(0, Math.Min(evaluate, mnist.Train.Count)).ToArray())) : null;
KrotovHopfieldLearner learner = variant == "fast"
    ? new KrotovHopfieldFast(hidden, Mnist.Pixels, p, k, delta, eps, device: openCl is null ? null : Dendra.Simulator.Backends.OpenCl.OpenClDevices.Select(openCl == "" ? null : openCl)) { Readout = evaluation }
    : new KrotovHopfieldFull(new CompetingHiddenUnitsOptions
    {
        Hidden = hidden, P = p, Delta = delta, Epsilon = eps, Batch = batch,
        SettleTolerance = tolerance, LongestSettle = settle * ms, Dt = dt * ms, Integrator = integrator == "euler" ? Integrator.Euler : Integrator.RK4,
        Backend = openCl is null ? Backend.Cpu : Backend.OpenCl, Device = openCl == "" ? null : openCl,
    }, activeTarget)
    {
        Readout = evaluation,
        RecalibrateEvery = recalibrate,
        Inhibition = inhibition > 0 ? inhibition : null,
        Threshold = inhibition > 0 ? threshold : null,
        Calibrated = c => Console.WriteLine($"calibrated: w_inh = {c.Inhibition:G4} ({c.ActiveFraction * 100:F1}% of units active), h* = {c.Threshold:G4}"),
    };
if (learner is KrotovHopfieldFast { Device: var where } && where != "cpu") Console.WriteLine($"fast rule on {where}");
// Unless --set evaluate=N, the readout is measured once, after training (below), and the learners' metric stays off.
var run = Learn(learner, train, mnist.Test, new LearnerSchedule { Epochs = epochs, BatchSize = batch, Seed = seed, EvaluateEvery = EvaluationCadence.Epochs(every) }, epoch =>
{
    Console.WriteLine($"epoch {epoch.Epoch}: {epoch.Seconds:F2} s, {epoch.SamplesPerSecond:F0} samples/s");
    if (evaluation is not null && !double.IsNaN(epoch.Metric)) Console.WriteLine($"  readout on {evaluate} training images: test accuracy {epoch.Metric * 100:F2}%");
    if (variant == "full")
        Console.WriteLine($"  full dynamics: {epoch.Observed("active fraction") * 100:F1}% of units active, winner = largest current in {epoch.Observed("winner agreement") * 100:F1}% of images, {epoch.Observed("settled") * 100:F1}% settled");
});
if (curve != "" && evaluation is not null)
{
    Plot.LearningCurves(curve, run.Curve);
    Console.WriteLine($"learning curve: {curve}");
}
if (load != "")
{
    if (epochs != 0) throw new ArgumentException($"load={load} replaces training: give --set epochs=0 with it");
    var bytes = File.ReadAllBytes(load);
    if (bytes.Length != hidden * Mnist.Pixels * sizeof(float))
        throw new ArgumentException($"{load} holds {bytes.Length} bytes; {hidden} units × {Mnist.Pixels} pixels of float32 need {hidden * Mnist.Pixels * sizeof(float)}");
    learner.Initialize(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes));
    Console.WriteLine($"weights loaded from {load}");
}
if (save != "")
{
    File.WriteAllBytes(save, System.Runtime.InteropServices.MemoryMarshal.AsBytes(learner.Weights.AsSpan()).ToArray());
    Console.WriteLine($"weights saved to {save}");
}
// A checksum of what was learned, printed as benchmarks/krotov-hopfield/fast_rule.py prints it: Σ_i |W_μi|^p tends to R^p = 1.
var learned = learner.Weights;
double absoluteSum = 0, normSum = 0;
for (int u = 0; u < hidden; u++)
    foreach (var x in learned.AsSpan(u * Mnist.Pixels, Mnist.Pixels)) { absoluteSum += Math.Abs(x); normSum += Math.Pow(Math.Abs(x), p); }
Console.WriteLine($"weights: Σ|W| = {absoluteSum:G6}, mean over units of Σ|W_μ|^p = {normSum / hidden:G6}");
if (mosaic != "")
{
    // 3 screen pixels per input pixel for Krotov's 100 units, 1 for the paper's 2000 (a 1.6-megapixel image, not 14).
    Plot.Mosaic(mosaic, learned, hidden, Mnist.Side, Mnist.Side, scale: hidden <= 100 ? 3 : hidden <= 400 ? 2 : 1);
    Console.WriteLine($"receptive fields: {mosaic}");
}

if (readout)
{
    var readoutClock = System.Diagnostics.Stopwatch.StartNew();
    // The readout scales relu(W v)^n by a constant of the training set, so Adam's step means the same at any p; the step
    // (annealed linearly over the epochs) is chosen on a validation split of 10,000 training images, never on the test set.
    var (fit, validation) = mnist.Train.Split(10_000, seed);
    var (fitHidden, validationHidden) = (HiddenLayer.Of(learner.Weights, hidden, fit), HiddenLayer.Of(learner.Weights, hidden, validation));
    double bestStep = 0, bestAccuracy = -1;
    foreach (double step in new[] { 1e-2, 3e-3, 1e-3, 3e-4, 1e-4 })
    {
        var candidate = KrotovHopfieldReadout.Train(fitHidden, new KrotovHopfieldTraining { Epochs = Math.Max(1, readoutEpochs / 3), LearningRate = step, Annealed = true, Seed = seed });
        double accuracy = candidate.Evaluate(validationHidden).Accuracy;
        Console.WriteLine($"readout step {step:G1}: validation accuracy = {accuracy * 100:F2}%");
        if (accuracy > bestAccuracy) (bestStep, bestAccuracy) = (step, accuracy);
    }
    var classifier = KrotovHopfieldReadout.Train(HiddenLayer.Of(learner.Weights, hidden, mnist.Train),
        new KrotovHopfieldTraining { Epochs = readoutEpochs, LearningRate = bestStep, Annealed = true, Seed = seed },
        (epoch, loss) => Console.WriteLine($"readout epoch {epoch}: training loss {loss:F4}"));
    var confusion = classifier.Evaluate(HiddenLayer.Of(learner.Weights, hidden, mnist.Test));
    Console.WriteLine($"readout: step {bestStep:G1} chosen on the validation split, {readoutEpochs} epochs on all training images, {readoutClock.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"test accuracy = {confusion.Accuracy * 100:F2}%");
}
Console.WriteLine($"time = {clock.Elapsed.TotalSeconds:F1} s");

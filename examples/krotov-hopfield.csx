// Competing hidden units (Krotov & Hopfield 2019, PNAS), trained without labels on MNIST by the fast rule: per minibatch
// the currents I = (sgn(W)|W|^(p−1)) v as one product; in each image the most driven unit learns (g = 1) and the k-th is
// pushed away (g = −Δ); W += ε ΔW / max|ΔW|, ε annealed linearly to 0. The defaults are Krotov's demonstration (100 units,
// p = 2, k = 2, Δ = 0.4, ε₀ = 0.02 over 200 epochs, minibatch 100), whose receptive fields become digit-like prototypes;
// the paper's network is 2000 units, p = 3, k = 7 (--set hidden=2000 --set p=3 --set k=7 --set eps=0.04).
// Writes the receptive fields as a mosaic (one 28 × 28 tile per unit); then, unless --set readout=false, trains the paper's
// readout c = tanh(β S relu(W v)^n) (n = 4.5, β = 0.01, loss Σ|c − t|^m with m = 6 and ±1 targets, Adam) on the frozen
// hidden layer of all 60,000 training images and prints its accuracy on the 10,000 test images.
//
//   dendra run examples/krotov-hopfield.csx
//   dendra run examples/krotov-hopfield.csx --set epochs=5 --set samples=10000
var clock = System.Diagnostics.Stopwatch.StartNew();
string variant = Param("variant", "fast");
int hidden = Param("hidden", 100), k = Param("k", 2), epochs = Param("epochs", 200), batch = Param("batch", 100);
int samples = Param("samples", 60_000), seed = Param("seed", 1);
double p = Param("p", 2.0), delta = Param("delta", 0.4), eps = Param("eps", 0.02);
string mosaic = Param("mosaic", "krotov-hopfield.png");
bool readout = Param("readout", true);
int readoutEpochs = Param("readoutEpochs", 30);
if (variant != "fast") throw new ArgumentException($"variant '{variant}': only the fast rule ('fast') is implemented so far");

var mnist = Mnist.Load(progress: Console.Error);
var train = mnist.Train.Subset(Enumerable.Range(0, Math.Min(samples, mnist.Train.Count)).ToArray());
var rule = new KrotovHopfieldRanking(hidden, Mnist.Pixels, p, k, delta);
rule.Initialize(seed);
Console.WriteLine($"{hidden} units, p = {p}, k = {k}, Δ = {delta}, ε₀ = {eps}, {epochs} epochs of {train.Count} images in minibatches of {batch}");

for (int epoch = 0; epoch < epochs; epoch++)
{
    var epochClock = System.Diagnostics.Stopwatch.StartNew();
    double rate = eps * (1 - (double)epoch / epochs);
    foreach (var minibatch in train.Batches(batch, SeededShuffle.ForEpoch(seed, epoch), reuseArrays: true)) rule.Update(minibatch.Inputs, minibatch.Count, rate);
    double seconds = epochClock.Elapsed.TotalSeconds;
    Console.WriteLine($"epoch {epoch + 1}: {seconds:F2} s, {train.Count / seconds:F0} samples/s");
}

Plot.Mosaic(mosaic, rule.Weights, hidden, Mnist.Side, Mnist.Side);
Console.WriteLine($"receptive fields: {mosaic}");

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
    var classifier = KrotovHopfieldReadout.Train(HiddenLayer(mnist.Train), new KrotovHopfieldTraining { Epochs = readoutEpochs, Seed = seed },
        (epoch, loss) => Console.WriteLine($"readout epoch {epoch}: training loss {loss:F4}"));
    var confusion = classifier.Evaluate(HiddenLayer(mnist.Test));
    Console.WriteLine($"readout: {readoutEpochs} epochs in {readoutClock.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"test accuracy = {confusion.Accuracy * 100:F2}%");
}
Console.WriteLine($"time = {clock.Elapsed.TotalSeconds:F1} s");

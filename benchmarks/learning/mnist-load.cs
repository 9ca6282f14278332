// Loading MNIST for docs/benchmarks.md: Mnist.Load() from the data cache (the four IDX files checked, read, labels
// checked, 70,000 images converted to float32 / 255: 220 MB), timed in one process: the first load (cold code) and
// the next ones. Beside it, the floor any loader pays here: writing one float into every page of a fresh array of the
// same size (the kernel's first-touch page faults), which the loads' times include. Target: 0.5 s for all 70,000 images.
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
var touches = new List<double>();
for (int k = 0; k < loads; k++)
{
    GC.Collect();
    clock.Restart();
    var fresh = GC.AllocateUninitializedArray<float>(pixels);
    for (int i = 0; i < fresh.Length; i += 1024) fresh[i] = 1;
    touches.Add(clock.Elapsed.TotalSeconds);
}
Console.WriteLine($"MNIST, 70,000 images ({pixels * 4L / 1e6:F0} MB of float32): first load {firstSeconds.ToString("F3", CultureInfo.InvariantCulture)} s; next loads {Seconds(times)} s");
Console.WriteLine($"first touch of a fresh array of the same size: {Seconds(touches)} s");

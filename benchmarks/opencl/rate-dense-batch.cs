// Minibatch dense rate kernel benchmark for docs/benchmarks.md: one launch of rate_dense_batch (B instances at once)
// against B launches of rate_dense (one per instance, the single-instance kernel at offset slices), on the same
// buffers of the first OpenCL device, with Dendra's own kernel source and build options. Both are checked to give
// bitwise the same sums before timing; the rounds alternate the two, and the medians and ranges of the wall and CPU time per product are printed.
//   dotnet run -c Release benchmarks/opencl/rate-dense-batch.cs [pre=784] [post=2000] [instances=32] [precision=single|double] [rounds=7] [repeats=20]
#:property PublishAot=false
#:property AllowUnsafeBlocks=true
#:project ../../src/Simulator/Dendra.Simulator.csproj
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Silk.NET.OpenCL;

int Arg(int k, int fallback) => args.Length > k ? int.Parse(args[k], CultureInfo.InvariantCulture) : fallback;
int pre = Arg(0, 784), post = Arg(1, 2000), instances = Arg(2, 32);
bool isDouble = args.Length > 3 && args[3] == "double";
int rounds = Arg(4, 7), repeats = Arg(5, 20);
const int RowTile = 64, BatchInstances = 8; // DENDRA_RATE_TILE (= DENDRA_RATE_BATCH_ROWS) and DENDRA_RATE_BATCH_INSTANCES in runtime.cl

unsafe
{
    var cl = CL.GetApi();
    nint platform, device;
    Check(cl.GetPlatformIDs(1, &platform, null), "find a platform");
    Check(cl.GetDeviceIDs(platform, DeviceType.All, 1, &device, null), "find a device");
    int status;
    nint context = cl.CreateContext(null, 1, &device, null, null, &status);
    Check(status, "create a context");
    nint queue = cl.CreateCommandQueue(context, device, CommandQueueProperties.None, &status);
    Check(status, "create a queue");

    string source = string.Concat(new[] { "prelude", "philox", "runtime" }.Select(name =>
    {
        using var stream = typeof(Dendra.Simulator.Graph.Network).Assembly.GetManifestResourceStream($"Dendra.OpenCl.{name}.cl")!;
        return new StreamReader(stream).ReadToEnd() + "\n";
    }));
    nint program = cl.CreateProgramWithSource(context, 1, new[] { source }, null, &status);
    Check(status, "create the program");
    Check(cl.BuildProgram(program, 1, &device, (isDouble ? "-D DENDRA_DOUBLE " : "") + "-D DENDRA_FP64 -cl-fp32-correctly-rounded-divide-sqrt", null, null), "build");
    nint single = cl.CreateKernel(program, "rate_dense", &status);
    Check(status, "create rate_dense");
    nint batch = cl.CreateKernel(program, "rate_dense_batch", &status);
    Check(status, "create rate_dense_batch");

    int size = isDouble ? 8 : 4;
    var random = new Random(1);
    nint Buffer(long count, bool fill)
    {
        var bytes = new byte[count * size];
        if (fill)
            for (long i = 0; i < count; i++)
            {
                double value = random.NextDouble() - 0.5;
                if (isDouble) BitConverter.TryWriteBytes(bytes.AsSpan((int)(i * 8)), value);
                else BitConverter.TryWriteBytes(bytes.AsSpan((int)(i * 4)), (float)value);
            }
        int s;
        fixed (byte* b = bytes)
        {
            nint buffer = cl.CreateBuffer(context, MemFlags.ReadWrite | MemFlags.CopyHostPtr, (nuint)bytes.Length, b, &s);
            Check(s, "allocate a buffer");
            return buffer;
        }
    }
    nint w = Buffer((long)pre * post, true), x = Buffer((long)instances * pre, true), y = Buffer((long)instances * post, false);

    void Set<T>(nint kernel, uint index, T value) where T : unmanaged => Check(cl.SetKernelArg(kernel, index, (nuint)sizeof(T), &value), $"set argument {index}");
    void Enqueue(nint kernel, uint dimensions, nuint* global, nuint* local) =>
        Check(cl.EnqueueNdrangeKernel(queue, kernel, dimensions, null, global, local, 0, null, null), "run");
    void RunSingle()
    {
        nuint global = (nuint)((post + RowTile - 1) / RowTile * RowTile), local = RowTile;
        Set(single, 0, w); Set(single, 1, x); Set(single, 3, pre); Set(single, 4, y); Set(single, 6, post);
        for (int b = 0; b < instances; b++)
        {
            Set(single, 2, b * pre);
            Set(single, 5, b * post);
            Enqueue(single, 1, &global, &local);
        }
    }
    void RunBatch()
    {
        var global = stackalloc nuint[] { (nuint)((post + RowTile - 1) / RowTile * RowTile), (nuint)((instances + BatchInstances - 1) / BatchInstances) };
        var local = stackalloc nuint[] { RowTile, 1 };
        Set(batch, 0, w); Set(batch, 1, x); Set(batch, 2, 0); Set(batch, 3, pre); Set(batch, 4, pre);
        Set(batch, 5, y); Set(batch, 6, 0); Set(batch, 7, post); Set(batch, 8, post); Set(batch, 9, instances);
        Enqueue(batch, 2, global, local);
    }
    byte[] Result()
    {
        var bytes = new byte[(long)instances * post * size];
        fixed (byte* b = bytes) Check(cl.EnqueueReadBuffer(queue, y, true, 0, (nuint)bytes.Length, b, 0, null, null), "read the target");
        byte zero = 0;
        Check(cl.EnqueueFillBuffer(queue, y, &zero, 1, 0, (nuint)bytes.Length, 0, null, null), "clear the target");
        return bytes;
    }

    RunSingle();
    var expected = Result();
    RunBatch();
    if (!expected.AsSpan().SequenceEqual(Result())) throw new InvalidOperationException("rate_dense_batch differs from rate_dense per instance");

    // CPU time as well as wall time: on a CPU device (PoCL) the kernels run on this process's threads, and its CPU
    // seconds vary far less than wall time on a shared machine.
    var wall = new Dictionary<string, List<double>> { ["rate_dense × B"] = [], ["rate_dense_batch"] = [] };
    var cpu = new Dictionary<string, List<double>> { ["rate_dense × B"] = [], ["rate_dense_batch"] = [] };
    using var process = Process.GetCurrentProcess();
    for (int round = 0; round < rounds; round++)
        foreach (var (name, run) in new (string, Action)[] { ("rate_dense × B", RunSingle), ("rate_dense_batch", RunBatch) })
        {
            run();
            Check(cl.Finish(queue), "finish");
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (int r = 0; r < repeats; r++) run();
            Check(cl.Finish(queue), "finish");
            wall[name].Add(clock.Elapsed.TotalMilliseconds / repeats);
            process.Refresh();
            cpu[name].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds / repeats);
        }
    Console.WriteLine($"{pre} → {post}, B = {instances}, {(isDouble ? "double" : "single")}, {rounds} rounds of {repeats} products, bitwise equal sums");
    foreach (var name in wall.Keys)
    {
        var (w50, wLow, wHigh) = Summary(wall[name]);
        var (c50, cLow, cHigh) = Summary(cpu[name]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-18} wall {w50:0.00} ms per product ({wLow:0.00}–{wHigh:0.00}), {2.0 * pre * post * instances / w50 / 1e6:0.00} GFLOP/s; CPU {c50:0.00} ms ({cLow:0.00}–{cHigh:0.00})"));
    }
}

static (double Median, double Low, double High) Summary(List<double> values)
{
    var sorted = values.Order().ToList();
    return (sorted[sorted.Count / 2], sorted[0], sorted[^1]);
}

static void Check(int status, string what)
{
    if (status != 0) throw new InvalidOperationException($"OpenCL: {what} failed with status {status}");
}

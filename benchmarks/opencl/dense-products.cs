// Dense products on the first OpenCL device, for docs/benchmarks.md, with Dendra's own kernel source and build options.
// One device set-up serves two comparisons on the same buffers:
//   batch   : one launch of rate_dense_batch (B instances at once) against B launches of rate_dense (one per instance, at
//             offset slices); both are checked to give bitwise the same sums first. Float32 or float64.
//   clblast : Dendra's rate_dense_batch (Y = X·Wᵀ) and outer_product_dense (W += η·(Σ_n f_n ⊗ g_n − (Σ_n d_n) ⊙ W)) against
//             CLBlast's gemm of the same shapes (the update as Wᵀ += Gᵀ·F, without the decay). Float32.
// The rounds alternate the runs; medians (and ranges) of wall and process CPU time per call, GFLOP/s as 2·B·pre·post.
//   dotnet run -c Release benchmarks/opencl/dense-products.cs -- batch [pre=784] [post=2000] [instances=32] [single|double] [rounds=7] [repeats=20]
//   dotnet run -c Release benchmarks/opencl/dense-products.cs -- clblast [pre=784] [post=2000] [instances=100] [rounds=5] [repeats=5]
#:property PublishAot=false
#:property AllowUnsafeBlocks=true
#:project ../../src/Simulator/Dendra.Simulator.csproj
using System.Diagnostics;
using System.Globalization;
using Dendra.Simulator.LinearAlgebra;
using Silk.NET.OpenCL;

string mode = args.Length > 0 ? args[0] : "batch";
if (mode is not ("batch" or "clblast")) { Console.Error.WriteLine($"unknown comparison '{mode}': batch or clblast"); return 1; }
bool blast = mode == "clblast";
int Arg(int k, int fallback) => args.Length > k + 1 ? int.Parse(args[k + 1], CultureInfo.InvariantCulture) : fallback;
int pre = Arg(0, 784), post = Arg(1, 2000), instances = Arg(2, blast ? 100 : 32);
bool isDouble = !blast && args.Length > 4 && args[4] == "double";
int rounds = Arg(blast ? 3 : 4, blast ? 5 : 7), repeats = Arg(blast ? 4 : 5, blast ? 5 : 20);
const int RowTile = 64, BatchInstances = 8; // DENDRA_RATE_TILE (= DENDRA_RATE_BATCH_ROWS) and DENDRA_RATE_BATCH_INSTANCES in runtime.cl
if (blast && ClBlast.Unavailable is { } missing) { Console.Error.WriteLine(missing); return 1; }

unsafe
{
    // The device, a context and queue, and Dendra's program built as the simulator builds it.
    var cl = CL.GetApi();
    nint platform, device;
    Check(cl.GetPlatformIDs(1, &platform, null), "find a platform");
    Check(cl.GetDeviceIDs(platform, DeviceType.All, 1, &device, null), "find a device");
    int status;
    nint context = cl.CreateContext(null, 1, &device, null, null, &status);
    Check(status, "create a context");
    nint queue = cl.CreateCommandQueue(context, device, CommandQueueProperties.None, &status);
    Check(status, "create a queue");
    var deviceName = new byte[256];
    fixed (byte* n = deviceName) cl.GetDeviceInfo(device, DeviceInfo.Name, 256, n, null);
    string source = string.Concat(new[] { "prelude", "philox", "runtime" }.Select(file =>
    {
        using var stream = typeof(Dendra.Simulator.Graph.Network).Assembly.GetManifestResourceStream($"Dendra.OpenCl.{file}.cl")!;
        return new StreamReader(stream).ReadToEnd() + "\n";
    }));
    nint program = cl.CreateProgramWithSource(context, 1, new[] { source }, null, &status);
    Check(status, "create the program");
    Check(cl.BuildProgram(program, 1, &device, (isDouble ? "-D DENDRA_DOUBLE " : "") + "-D DENDRA_FP64 -cl-fp32-correctly-rounded-divide-sqrt", null, null), "build");
    nint KernelOf(string name)
    {
        int s;
        nint kernel = cl.CreateKernel(program, name, &s);
        Check(s, $"create {name}");
        return kernel;
    }

    int size = isDouble ? 8 : 4;
    var random = new Random(1);
    nint Buffer(long count, double scale)
    {
        var bytes = new byte[count * size];
        for (long i = 0; i < count && scale != 0; i++)
        {
            double value = (random.NextDouble() - 0.5) * scale;
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
    void Set<T>(nint kernel, uint index, T value) where T : unmanaged => Check(cl.SetKernelArg(kernel, index, (nuint)sizeof(T), &value), $"set argument {index}");
    void Enqueue(nint kernel, uint dimensions, nuint* global, nuint* local) =>
        Check(cl.EnqueueNdrangeKernel(queue, kernel, dimensions, null, global, local, 0, null, null), "run");

    // W column-major (pre × post row-major, as the device holds it), inputs X = G (B × pre), targets Y and factors F (B × post).
    nint w = Buffer((long)pre * post, blast ? 0.01 : 1), x = Buffer((long)instances * pre, 1), y = Buffer((long)instances * post, 0);
    nint f = Buffer((long)instances * post, 1), failed = Buffer(1, 0);
    nint single = KernelOf("rate_dense"), batch = KernelOf("rate_dense_batch"), update = KernelOf("outer_product_dense");

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
    void RunUpdate()
    {
        Set(update, 0, w); Set(update, 1, f); Set(update, 2, x); Set(update, 3, f); Set(update, 4, 1);
        Set(update, 5, 0); Set(update, 6, pre); Set(update, 7, pre); Set(update, 8, 0); Set(update, 9, post); Set(update, 10, post);
        Set(update, 11, instances); Set(update, 12, 1e-6f); Set(update, 13, float.NegativeInfinity); Set(update, 14, float.PositiveInfinity);
        Set(update, 15, failed); Set(update, 16, 0L);
        nuint global = (nuint)((long)pre * post);
        Enqueue(update, 1, &global, null);
    }
    void BlastProduct() => ClBlast.Gemm(queue, false, false, false, instances, post, pre, 1, x, w, 0, y);
    void BlastUpdate() => ClBlast.Gemm(queue, false, true, false, pre, post, instances, 1e-6, x, f, 1, w);

    if (!blast)
    {
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
    }

    var runs = blast
        ? new (string Name, Action Run)[]
        {
            ("product, Dendra (rate_dense_batch)", RunBatch), ("product, CLBlast gemm", BlastProduct),
            ("update, Dendra (outer_product_dense)", RunUpdate), ("update, CLBlast gemm (no decay)", BlastUpdate),
        }
        : [("rate_dense × B", RunSingle), ("rate_dense_batch", RunBatch)];
    // CPU time as well as wall time: on a CPU device (PoCL) the kernels run on this process's threads, and its CPU
    // seconds vary far less than wall time on a shared machine.
    var wall = runs.ToDictionary(r => r.Name, _ => new List<double>());
    var cpu = runs.ToDictionary(r => r.Name, _ => new List<double>());
    using var process = Process.GetCurrentProcess();
    foreach (var (_, run) in runs) run(); // warm-up: builds CLBlast's kernels
    Check(cl.Finish(queue), "finish");
    for (int round = 0; round < rounds; round++)
        foreach (var (name, run) in runs)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (int r = 0; r < repeats; r++) run();
            Check(cl.Finish(queue), "finish");
            wall[name].Add(clock.Elapsed.TotalMilliseconds / repeats);
            process.Refresh();
            cpu[name].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds / repeats);
        }
    Console.WriteLine($"{pre} → {post}, B = {instances}, {(isDouble ? "double" : "single")}, {System.Text.Encoding.ASCII.GetString(deviceName).TrimEnd('\0')}, " +
        $"{rounds} rounds of {repeats}{(blast ? "" : ", bitwise equal sums")}");
    Console.WriteLine("| what | wall ms (range) | GFLOP/s | CPU ms (range) |");
    Console.WriteLine("|---|---|---|---|");
    double flop = 2.0 * instances * pre * post;
    foreach (var (name, _) in runs)
    {
        var (w50, wLow, wHigh) = Summary(wall[name]);
        var (c50, cLow, cHigh) = Summary(cpu[name]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {w50:0.00} ({wLow:0.00}–{wHigh:0.00}) | {flop / w50 / 1e6:0.0} | {c50:0.00} ({cLow:0.00}–{cHigh:0.00}) |"));
    }
}
return 0;

static (double Median, double Low, double High) Summary(List<double> values)
{
    var sorted = values.Order().ToList();
    return (sorted[sorted.Count / 2], sorted[0], sorted[^1]);
}

static void Check(int status, string what)
{
    if (status != 0) throw new InvalidOperationException($"OpenCL: {what} failed with status {status}");
}

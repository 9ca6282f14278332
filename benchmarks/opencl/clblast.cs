// Dendra's own OpenCL kernels for a plastic rate projection against CLBlast's gemm of the same shapes, on the same
// buffers of the first OpenCL device, for docs/benchmarks.md: the product (rate_dense_batch: Y = X·Wᵀ for B instances)
// and the update (outer_product_dense: W += η·(Σ_n f_n ⊗ g_n − (Σ_n d_n) ⊙ W), which CLBlast does as Wᵀ += Gᵀ·F without
// the decay). The rounds alternate the four; medians of wall time per call, in GFLOP/s (2·B·pre·post each).
//   dotnet run -c Release benchmarks/opencl/clblast.cs [pre=784] [post=2000] [instances=100] [rounds=5] [repeats=5]
#:property PublishAot=false
#:property AllowUnsafeBlocks=true
#:project ../../src/Simulator/Dendra.Simulator.csproj
using System.Diagnostics;
using System.Globalization;
using Dendra.Simulator.LinearAlgebra;
using Silk.NET.OpenCL;

int Arg(int k, int fallback) => args.Length > k ? int.Parse(args[k], CultureInfo.InvariantCulture) : fallback;
int pre = Arg(0, 784), post = Arg(1, 2000), instances = Arg(2, 100), rounds = Arg(3, 5), repeats = Arg(4, 5);
const int RowTile = 64, BatchInstances = 8; // DENDRA_RATE_BATCH_ROWS and DENDRA_RATE_BATCH_INSTANCES in runtime.cl
if (ClBlast.Unavailable is { } missing) { Console.Error.WriteLine(missing); return 1; }

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
    var name = new byte[256];
    fixed (byte* n = name) cl.GetDeviceInfo(device, DeviceInfo.Name, 256, n, null);

    string source = string.Concat(new[] { "prelude", "philox", "runtime" }.Select(file =>
    {
        using var stream = typeof(Dendra.Simulator.Graph.Network).Assembly.GetManifestResourceStream($"Dendra.OpenCl.{file}.cl")!;
        return new StreamReader(stream).ReadToEnd() + "\n";
    }));
    nint program = cl.CreateProgramWithSource(context, 1, new[] { source }, null, &status);
    Check(status, "create the program");
    Check(cl.BuildProgram(program, 1, &device, "-D DENDRA_FP64 -cl-fp32-correctly-rounded-divide-sqrt", null, null), "build");
    nint product = cl.CreateKernel(program, "rate_dense_batch", &status);
    Check(status, "create rate_dense_batch");
    nint update = cl.CreateKernel(program, "outer_product_dense", &status);
    Check(status, "create outer_product_dense");

    var random = new Random(1);
    nint Buffer(long count, double scale)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++) values[i] = (float)((random.NextDouble() - 0.5) * scale);
        int s;
        fixed (float* v = values)
        {
            nint buffer = cl.CreateBuffer(context, MemFlags.ReadWrite | MemFlags.CopyHostPtr, (nuint)(count * 4), v, &s);
            Check(s, "allocate a buffer");
            return buffer;
        }
    }
    // W column-major (pre × post row-major, as the device holds it), inputs X = G (B × pre), factors F = D (B × post).
    nint w = Buffer((long)pre * post, 0.01), x = Buffer((long)instances * pre, 1), y = Buffer((long)instances * post, 0), f = Buffer((long)instances * post, 1);
    nint failed = Buffer(1, 0);

    void Set<T>(nint kernel, uint index, T value) where T : unmanaged => Check(cl.SetKernelArg(kernel, index, (nuint)sizeof(T), &value), $"set argument {index}");
    void OurProduct()
    {
        var global = stackalloc nuint[] { (nuint)((post + RowTile - 1) / RowTile * RowTile), (nuint)((instances + BatchInstances - 1) / BatchInstances) };
        var local = stackalloc nuint[] { RowTile, 1 };
        Set(product, 0, w); Set(product, 1, x); Set(product, 2, 0); Set(product, 3, pre); Set(product, 4, pre);
        Set(product, 5, y); Set(product, 6, 0); Set(product, 7, post); Set(product, 8, post); Set(product, 9, instances);
        Check(cl.EnqueueNdrangeKernel(queue, product, 2, null, global, local, 0, null, null), "run the product");
    }
    void OurUpdate()
    {
        Set(update, 0, w); Set(update, 1, f); Set(update, 2, x); Set(update, 3, f); Set(update, 4, 1);
        Set(update, 5, 0); Set(update, 6, pre); Set(update, 7, pre); Set(update, 8, 0); Set(update, 9, post); Set(update, 10, post);
        Set(update, 11, instances); Set(update, 12, 1e-6f); Set(update, 13, float.NegativeInfinity); Set(update, 14, float.PositiveInfinity);
        Set(update, 15, failed); Set(update, 16, 0L);
        nuint global = (nuint)((long)pre * post);
        Check(cl.EnqueueNdrangeKernel(queue, update, 1, null, &global, null, 0, null, null), "run the update");
    }
    void BlastProduct() => ClBlast.Gemm(queue, false, false, false, instances, post, pre, 1, x, w, 0, y);
    void BlastUpdate() => ClBlast.Gemm(queue, false, true, false, pre, post, instances, 1e-6, x, f, 1, w);

    var runs = new (string Name, Action Run)[]
    {
        ("product, Dendra (rate_dense_batch)", OurProduct), ("product, CLBlast sgemm", BlastProduct),
        ("update, Dendra (outer_product_dense)", OurUpdate), ("update, CLBlast sgemm (no decay)", BlastUpdate),
    };
    var times = runs.ToDictionary(r => r.Name, _ => new List<double>());
    foreach (var (_, run) in runs) run(); // warm-up: builds CLBlast's kernels
    Check(cl.Finish(queue), "finish");
    for (int round = 0; round < rounds; round++)
        foreach (var (runName, run) in runs)
        {
            var clock = Stopwatch.StartNew();
            for (int r = 0; r < repeats; r++) run();
            Check(cl.Finish(queue), "finish");
            times[runName].Add(clock.Elapsed.TotalMilliseconds / repeats);
        }
    double flop = 2.0 * instances * pre * post;
    Console.WriteLine($"{pre} → {post}, B = {instances}, float32, {System.Text.Encoding.ASCII.GetString(name).TrimEnd('\0')}, median of {rounds} rounds of {repeats}");
    Console.WriteLine("| what | ms | GFLOP/s |");
    Console.WriteLine("|---|---|---|");
    foreach (var (runName, list) in times)
    {
        double median = list.Order().ElementAt(list.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {runName} | {median:0.00} | {flop / median / 1e6:0.0} |"));
    }
}
return 0;

static void Check(int status, string what)
{
    if (status != 0) throw new InvalidOperationException($"OpenCL: {what} failed with status {status}");
}

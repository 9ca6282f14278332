using System.Numerics;
using Dendra.Simulator.Backends.OpenCl;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// The minibatch dense rate kernel (<c>rate_dense_batch</c>) on the default OpenCL device, run on its own: every
/// (row, instance) of the target slice gets its prior value plus W · (that instance's source slice) summed in column
/// order, bitwise as a host loop forms it, in float64 and float32, and nothing outside the slices changes.
/// </summary>
public sealed class DenseRateBatchKernelTests : IDisposable
{
    private readonly OpenClDevice _device;
    private readonly nint _context, _queue;
    private readonly List<nint> _programs = [];
    private readonly List<DeviceBuffer> _buffers = [];
    private readonly List<DeviceKernel> _kernels = [];

    /// <summary>Every test here needs OpenCL: skips them where it has no device (fails them on CI).</summary>
    public DenseRateBatchKernelTests()
    {
        OpenClDriver.Require();
        _device = OpenClDevices.Select(null);
        (_context, _queue) = OpenClContexts.For(_device);
    }

    public void Dispose()
    {
        foreach (var kernel in _kernels) kernel.Release();
        foreach (var buffer in _buffers) buffer.Release();
        foreach (var program in _programs) OpenClDevices.Api.ReleaseProgram(program);
    }

    /// <summary>A projection from neurons [preStart, preStart + pre) of a population of preSize into neurons
    /// [postStart, postStart + post) of one of postSize, over B instances.</summary>
    private sealed record Shape(int Pre, int Post, int Instances, int PreStart, int PreSize, int PostStart, int PostSize);

    public static TheoryData<int, int, int, int, int, int, int> Shapes => new()
    {
        // pre, post, B, pre start, pre size, post start, post size
        { 37, 53, 5, 3, 45, 2, 60 },    // no size a multiple of the 16-wide tile
        { 16, 16, 1, 1, 20, 5, 21 },    // exactly one tile of k and of rows, a single instance
        { 100, 7, 33, 7, 110, 1, 9 },   // many tiles of k, fewer rows than a tile, instances spilling into a third group
        { 32, 48, 16, 16, 64, 4, 52 },  // whole tiles in every dimension
    };

    [SkippableTheory]
    [MemberData(nameof(Shapes))]
    public void Float64_sums_are_bitwise_a_column_order_loop_per_instance(int pre, int post, int instances, int preStart, int preSize, int postStart, int postSize)
    {
        var shape = new Shape(pre, post, instances, preStart, preSize, postStart, postSize);
        var (weights, source, prior) = RandomCase<double>(shape, seed: pre * 10_000 + post * 100 + instances);
        var actual = RunKernel(shape, weights, source, prior);
        var expected = ColumnOrder(shape, weights, source, prior);
        AssertBitwise(shape, expected, actual, BitConverter.DoubleToInt64Bits);
    }

    [SkippableTheory]
    [MemberData(nameof(Shapes))]
    public void Float32_sums_are_bitwise_a_float32_column_order_loop_per_instance(int pre, int post, int instances, int preStart, int preSize, int postStart, int postSize)
    {
        // The prelude turns floating-point contraction off, so the device forms each product and each sum rounded to
        // float32 on its own, as this loop does: no fused multiply-add (with FMA the sums would differ in the last bits).
        var shape = new Shape(pre, post, instances, preStart, preSize, postStart, postSize);
        var (weights, source, prior) = RandomCase<float>(shape, seed: pre * 10_000 + post * 100 + instances + 1);
        var actual = RunKernel(shape, weights, source, prior);
        var expected = ColumnOrder(shape, weights, source, prior);
        AssertBitwise(shape, expected, actual, x => BitConverter.SingleToInt32Bits(x));
    }

    [SkippableFact]
    public void A_slice_outside_an_instance_is_refused_with_the_side_named()
    {
        var kernel = Kernel<double>();
        var weights = Upload(new double[6], "weights");
        var source = Upload(new double[8], "source");
        var target = Upload(new double[8], "target");
        var e = Assert.Throws<ArgumentException>(() => DenseRateBatch.Bind<double>(kernel, _queue, weights, source, 0, 2, 4, target, 2, 3, 4, 2));
        Assert.Contains("postsynaptic slice [2, 5)", e.Message);
        Assert.Contains("4 neurons", e.Message);
        e = Assert.Throws<ArgumentException>(() => DenseRateBatch.Bind<double>(kernel, _queue, weights, source, 0, 2, 4, target, 0, 3, 4, 3));
        Assert.Contains("source holds 64 bytes", e.Message);
    }

    // W [post, pre] row-major with weights of both signs, a source holding every instance's whole population, and a
    // target whose every element (inside the slices or not) starts nonzero.
    private static (T[] Weights, T[] Source, T[] Prior) RandomCase<T>(Shape s, int seed) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new System.Random(seed);
        T Next(double scale) => T.CreateTruncating((random.NextDouble() * 2 - 1) * scale);
        var weights = Enumerable.Range(0, s.Post * s.Pre).Select(_ => Next(0.7)).ToArray();
        var source = Enumerable.Range(0, s.Instances * s.PreSize).Select(_ => Next(3)).ToArray();
        var prior = Enumerable.Range(0, s.Instances * s.PostSize).Select(_ => Next(10) + T.CreateTruncating(0.125)).ToArray();
        return (weights, source, prior);
    }

    // What the kernel must produce: for each instance and row, its prior value plus a sum started at zero and added
    // k = 0, 1, … in order.
    private static T[] ColumnOrder<T>(Shape s, T[] weights, T[] source, T[] prior) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var result = (T[])prior.Clone();
        for (int b = 0; b < s.Instances; b++)
            for (int j = 0; j < s.Post; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < s.Pre; k++) sum += weights[j * s.Pre + k] * source[b * s.PreSize + s.PreStart + k];
                result[b * s.PostSize + s.PostStart + j] += sum;
            }
        return result;
    }

    private T[] RunKernel<T>(Shape s, T[] rowMajorWeights, T[] source, T[] prior) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var kernel = Kernel<T>();
        var columnMajor = DenseRateWeights.ColumnMajor<T>(Array.ConvertAll(rowMajorWeights, double.CreateTruncating), s.Post, s.Pre);
        var weights = Upload(columnMajor, "weights");
        var sourceBuffer = Upload(source, "source");
        var target = Upload(prior, "target");
        var run = DenseRateBatch.Bind<T>(kernel, _queue, weights, sourceBuffer, s.PreStart, s.Pre, s.PreSize, target, s.PostStart, s.Post, s.PostSize, s.Instances);
        run();
        var result = new T[prior.Length];
        target.Read(_queue, result);
        return result;
    }

    private static void AssertBitwise<T, TBits>(Shape s, T[] expected, T[] actual, Func<T, TBits> bits)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            int b = i / s.PostSize, n = i % s.PostSize;
            string where = n >= s.PostStart && n < s.PostStart + s.Post ? $"row {n - s.PostStart}" : $"neuron {n} (outside the slice)";
            Assert.True(EqualityComparer<TBits>.Default.Equals(bits(expected[i]), bits(actual[i])),
                $"instance {b}, {where}: column order {expected[i]:R}, OpenCL {actual[i]:R}");
        }
    }

    private DeviceKernel Kernel<T>()
    {
        bool isDouble = typeof(T) == typeof(double);
        Assert.True(!isDouble || _device.SupportsFloat64, $"{_device} lacks cl_khr_fp64: the float64 kernel cannot be tested here");
        nint program = OpenClProgram.Build(_context, _device, OpenClProgram.FixedSource, OpenClProgram.Options(isDouble, _device.SupportsFloat64));
        _programs.Add(program);
        var kernel = new DeviceKernel(program, DenseRateBatch.KernelName);
        _kernels.Add(kernel);
        return kernel;
    }

    private DeviceBuffer Upload<T>(T[] host, string name) where T : unmanaged
    {
        var buffer = new DeviceBuffer(name, (long)host.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), host);
        _buffers.Add(buffer);
        buffer.Allocate(_context);
        buffer.Write(_queue, host);
        return buffer;
    }
}

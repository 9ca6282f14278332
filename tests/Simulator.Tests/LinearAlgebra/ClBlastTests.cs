using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.LinearAlgebra;
using Dendra.Tests;

namespace Dendra.Simulator.Tests.LinearAlgebra;

/// <summary>Dendra's CLBlast declarations: row-major products on device buffers, with and without transposes, against a
/// plain triple loop (on PoCL here).</summary>
public class ClBlastTests
{
    public ClBlastTests()
    {
        OpenClDriver.Require();
        Prerequisite.Require(ClBlast.Unavailable);
    }

    [SkippableTheory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Gemm_computes_the_row_major_product_on_the_device(bool transposeA, bool transposeB)
    {
        const int m = 7, n = 5, k = 11;
        var random = new System.Random(2);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var expected = ReferenceProduct.Of(transposeA, transposeB, m, n, k, [.. a.Select(x => (double)x)], [.. b.Select(x => (double)x)]);

        var device = OpenClDevices.Select(null);
        var (context, queue) = OpenClContexts.For(device);
        var buffers = new[] { new DeviceBuffer("A", a.Length * 4L, a), new DeviceBuffer("B", b.Length * 4L, b), new DeviceBuffer("C", m * n * 4L, null) };
        try
        {
            foreach (var buffer in buffers) buffer.Allocate(context);
            buffers[0].Write(queue, a);
            buffers[1].Write(queue, b);
            buffers[2].Write(queue, Enumerable.Repeat(1f, m * n).ToArray()); // beta = 0.5 keeps half of what C held
            ClBlast.Gemm(queue, isDouble: false, transposeA, transposeB, m, n, k, 2.0, buffers[0].Handle, buffers[1].Handle, 0.5, buffers[2].Handle);
            var c = new float[m * n];
            buffers[2].Read(queue, c);
            for (int q = 0; q < c.Length; q++) Assert.Equal(2 * expected[q] + 0.5, c[q], 1e-5);
        }
        finally
        {
            foreach (var buffer in buffers) buffer.Release();
        }
    }
}

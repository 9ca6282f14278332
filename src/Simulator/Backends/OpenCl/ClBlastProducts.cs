using Dendra.Simulator.LinearAlgebra;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Decides whether a float32 minibatch's dense products run through CLBlast (<see cref="ClBlast"/>) or Dendra's own kernels,
/// and binds the CLBlast launches. On PoCL CLBlast's gemm runs the product shape of 784 → 2000, B = 100 at 2.2× and the
/// update's outer products at 5.6× the speed of <c>rate_dense_batch</c> and <c>outer_product_dense</c> (docs/benchmarks.md).
/// Float64 keeps Dendra's kernels: their column-order, unfused sums are what make float64 device runs bitwise the CPU's
/// learned weights and a batch's instances bitwise single networks, which a gemm tuned per device does not promise
/// (docs/decisions.md, "Dense products on OpenCL go through CLBlast in float32").
/// </summary>
internal static class ClBlastProducts
{
    private static int s_noted;
    private static readonly AsyncLocal<bool> s_ownKernels = new();

    /// <summary>Set by tests, for the code that follows on this flow: build with Dendra's own kernels although CLBlast is there.</summary>
    internal static bool OwnKernels { get => s_ownKernels.Value; set => s_ownKernels.Value = value; }

    /// <summary>Whether a network of this precision and batch size runs its dense products through CLBlast. Where a float32
    /// minibatch could but the library is missing, says so once per process on <paramref name="notes"/>.</summary>
    public static bool Use(bool isDouble, int instances, TextWriter notes)
    {
        if (isDouble || instances < 2 || OwnKernels) return false;
        if (ClBlast.IsAvailable) return true;
        if (Interlocked.Exchange(ref s_noted, 1) == 0)
            notes.WriteLine($"note: {ClBlast.Unavailable}. Float32 minibatch products and plastic updates on OpenCL run on Dendra's own kernels, 2–6× slower on PoCL.");
        return false;
    }

    /// <summary>The launch that adds W · x of every instance into its target slice: C (B × post, rows <paramref name="targetStride"/>
    /// apart, from <paramref name="targetStart"/>) += X (B × pre, rows <paramref name="preSize"/> apart, from <paramref name="preStart"/>)
    /// · Wᵀ, where the device's column-major W is Wᵀ row-major (pre × post).</summary>
    public static Action Product(nint queue, DeviceBuffer weights, DeviceBuffer source, int preStart, int preCount, int preSize,
        DeviceBuffer target, int targetStart, int postCount, int targetStride, int instances) =>
        () => ClBlast.Gemm(queue, false, false, false, instances, postCount, preCount, 1, source.Handle, preStart, preSize,
            weights.Handle, 0, postCount, 1, target.Handle, targetStart, targetStride);

    /// <summary>The launch that forms Σ_n g_n ⊗ f_n into <paramref name="sums"/>, laid out as the device's column-major W
    /// (pre × post row-major): Gᵀ (pre × B) · F (B × post).</summary>
    public static Action OuterSums(nint queue, DeviceBuffer g, int preStart, int preCount, int preSize, DeviceBuffer f, int postStart,
        int postCount, int postSize, int instances, DeviceBuffer sums) =>
        () => ClBlast.Gemm(queue, false, true, false, preCount, postCount, instances, 1, g.Handle, preStart, preSize,
            f.Handle, postStart, postSize, 0, sums.Handle, 0, postCount);
}

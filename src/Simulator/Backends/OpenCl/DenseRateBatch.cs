namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// A dense rate projection over a minibatch of instances, <c>rate_dense_batch</c> in runtime.cl: every instance b adds
/// W · (its pre slice) to its post slice, where instance b's values of a population of N neurons are elements
/// b·N … b·N + N − 1 of its arrays. W is laid out as for <c>rate_dense</c> (<see cref="DenseRateWeights.ColumnMajor{T}"/>),
/// and each (row, instance) is summed in column order, so float64 results are bitwise those of a plain loop.
/// </summary>
internal static class DenseRateBatch
{
    /// <summary>The kernel's name in the program.</summary>
    public const string KernelName = "rate_dense_batch";

    /// <summary>Rows per work-group, and values of k per step of its local-memory tile: <c>DENDRA_RATE_BATCH_ROWS</c> in runtime.cl.</summary>
    public const int Rows = 64;

    /// <summary>Instances each work-item sums at once, reading each weight once for all of them:
    /// <c>DENDRA_RATE_BATCH_INSTANCES</c> in runtime.cl.</summary>
    public const int Instances = 8;

    /// <summary>
    /// Binds one projection's buffers and slices to <paramref name="kernel"/> and returns the launch that adds the
    /// projection into the target, to be run each step.
    /// </summary>
    /// <typeparam name="T">The network's precision (the element type of every buffer).</typeparam>
    /// <param name="kernel">A <see cref="KernelName"/> kernel for this projection alone (its arguments stay bound).</param>
    /// <param name="queue">The queue the launch is enqueued on.</param>
    /// <param name="weights">W, [post, pre] column-major: pre × post values.</param>
    /// <param name="source">The presynaptic population's array: <paramref name="instances"/> blocks of <paramref name="preSize"/>.</param>
    /// <param name="preStart">First presynaptic neuron of the slice, within an instance.</param>
    /// <param name="preCount">Neurons in the presynaptic slice (W's columns).</param>
    /// <param name="preSize">The presynaptic population's size: the distance between instances in <paramref name="source"/>.</param>
    /// <param name="target">The postsynaptic summed input: <paramref name="instances"/> blocks of <paramref name="postSize"/>.</param>
    /// <param name="postStart">First postsynaptic neuron of the slice, within an instance.</param>
    /// <param name="postCount">Neurons in the postsynaptic slice (W's rows).</param>
    /// <param name="postSize">The postsynaptic population's size: the distance between instances in <paramref name="target"/>.</param>
    /// <param name="instances">The minibatch size B.</param>
    public static Action Bind<T>(DeviceKernel kernel, nint queue, DeviceBuffer weights, DeviceBuffer source, int preStart, int preCount, int preSize,
        DeviceBuffer target, int postStart, int postCount, int postSize, int instances) where T : unmanaged
    {
        CheckSlice("presynaptic", preStart, preCount, preSize);
        CheckSlice("postsynaptic", postStart, postCount, postSize);
        if (instances < 1) throw new ArgumentOutOfRangeException(nameof(instances), $"a minibatch needs at least one instance, not {instances}");
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        CheckHolds(weights, (long)preCount * postCount * size);
        CheckHolds(source, (long)instances * preSize * size);
        CheckHolds(target, (long)instances * postSize * size);
        kernel.Set(0, weights).Set(1, source).Set(2, preStart).Set(3, preCount).Set(4, preSize)
            .Set(5, target).Set(6, postStart).Set(7, postCount).Set(8, postSize).Set(9, instances);
        int groups = (instances + Instances - 1) / Instances;
        return () => kernel.RunInGroups2D(queue, postCount, groups, Rows, 1);
    }

    private static void CheckSlice(string side, int start, int count, int size)
    {
        if (start < 0 || count < 0 || (long)start + count > size)
            throw new ArgumentException($"the {side} slice [{start}, {(long)start + count}) does not lie within an instance of {size} neurons");
    }

    private static void CheckHolds(DeviceBuffer buffer, long bytes)
    {
        if (buffer.Bytes < bytes)
            throw new ArgumentException($"{buffer.Name} holds {buffer.Bytes:N0} bytes, but the minibatch rate projection needs {bytes:N0}");
    }
}

using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.LinearAlgebra;

using Dendra.Plasticity;

namespace Dendra.Networks.KrotovHopfield;

/// <summary>
/// Krotov &amp; Hopfield's fast rule (<see cref="KrotovHopfieldRule"/>) on an OpenCL device: the weights and their
/// transform stay on the device from update to update, each minibatch is uploaded once, the currents are CLBlast's sgemm,
/// and the ranking, the rows of ΔW, max|ΔW| and the step are kernels of Dendra's own (Kernels/krotov_hopfield.cl).
/// </summary>
/// <remarks>
/// <para>ΔW is formed only for the units that won or ranked k-th in some image (at most 2 per image), one work-group per
/// unit, the untouched ones leaving at once. A dense ΔW by a second gemm, G (R^p V)ᵀ, would cost as many flops as the
/// currents' product: on PoCL, where the flops are the cost, it would double the update's time; on a GPU it would cost
/// about the product's time again plus three passes over W, while at most 2·batch rows change (200 of 2000 at the
/// paper's sizes). The rows cost a few of W's rows each, so the product dominates on both.</para>
/// <para>Deterministic: the ranking and every max are exact whatever the order, every sum runs in image order in one
/// work-item, and there are no float atomics; so the same seed gives the same bits from run to run on one device, driver
/// and CLBlast version (CLBlast's guarantee for its gemm, docs/decisions.md). Against the CPU rule the currents differ in
/// the last places (another gemm); given the same currents, the kernels give the CPU's bits.</para>
/// <para><see cref="Weights"/> is a host copy, read back when asked after an update; what is written into it before the
/// next update or product is copied to the device then. <see cref="KrotovHopfieldRule.Update(float[], int, double)"/> waits for the device, to return max|ΔW|.</para>
/// </remarks>
public sealed class KrotovHopfieldRankingOnDevice : KrotovHopfieldRule, IDisposable
{
    // Work-items per group of the kernels: KH_RANK_GROUP and KH_ROW_GROUP in krotov_hopfield.cl, DENDRA_LARGEST_GROUP in largest.cl.
    private const int RankGroup = 128, RowGroup = 128, LargestGroup = 128;

    private readonly nint _context, _queue, _program;
    private readonly DeviceKernel _transform, _rank, _rows, _largest, _step;
    private readonly DeviceBuffer _weights, _transformed, _change, _rowLargest, _touched, _largestChange;
    private readonly List<DeviceBuffer> _buffers = [];
    private readonly List<DeviceKernel> _kernels = [];
    private readonly float[] _host;
    private readonly float _p;
    private readonly bool _doubleSums;
    private DeviceBuffer? _images, _currents, _top, _kth;
    private int _capacity;
    private int[] _winners = [], _pushed = [];
    // The host copy is behind the device (an update ran since it was read) / may be ahead of it (it was handed out).
    private bool _hostBehind, _hostAhead = true, _winnersBehind, _pushedBehind;
    private bool _disposed;

    /// <param name="hidden">Number of hidden units.</param>
    /// <param name="inputs">Number of inputs (784 for MNIST).</param>
    /// <param name="p">Lp norm of the weights; at least 2.</param>
    /// <param name="k">Rank of the unit pushed away; 2 ≤ k ≤ hidden.</param>
    /// <param name="delta">Strength Δ of that push; 0 ≤ Δ.</param>
    /// <param name="radius">R, the norm the weights reach; positive.</param>
    /// <param name="device">The OpenCL device (<see cref="OpenClDevices.Select"/>); null: the first GPU, else the first device.</param>
    /// <exception cref="DllNotFoundException">CLBlast is not installed.</exception>
    /// <exception cref="OpenClException">No OpenCL device, or one without room for the network.</exception>
    public KrotovHopfieldRankingOnDevice(int hidden, int inputs, double p = 3, int k = 7, double delta = 0.4, double radius = 1,
        OpenClDevice? device = null)
        : base(hidden, inputs, p, k, delta, radius)
    {
        if (ClBlast.Unavailable is { } why) throw new DllNotFoundException($"{why}; KrotovHopfieldRanking runs the same rule on the CPU");
        Device = device ?? OpenClDevices.Select(null);
        long size = (long)hidden * inputs;
        if (size * sizeof(float) > Device.MaxAllocationBytes)
            throw new OpenClException($"{Device} allocates at most {Device.MaxAllocationBytes} bytes in one buffer; {hidden} × {inputs} weights need {size * sizeof(float)}");
        _host = new float[size];
        _p = (float)p;
        _doubleSums = Device.SupportsFloat64;
        (_context, _queue) = OpenClContexts.For(Device);
        string source = OpenClProgram.Resource("prelude") + OpenClProgram.Resource("largest") + Source();
        _program = OpenClProgram.Build(_context, Device, source, OpenClProgram.Options(false, Device.SupportsFloat64));
        _weights = Buffer("Krotov–Hopfield weights", size * sizeof(float));
        _transformed = Buffer("Krotov–Hopfield transformed weights", size * sizeof(float));
        _change = Buffer("Krotov–Hopfield weight change", size * sizeof(float));
        _rowLargest = Buffer("largest change of each Krotov–Hopfield unit", (long)hidden * sizeof(float));
        _touched = Buffer("Krotov–Hopfield units that change", (long)hidden * sizeof(int));
        _largestChange = Buffer("largest Krotov–Hopfield weight change", sizeof(float));
        _transform = Kernel("kh_transform").Set(0, _weights).Set(1, _transformed).Set(2, size).Set(3, _p);
        _rank = Kernel("kh_rank").Set(1, hidden).Set(2, k);
        _rows = Kernel("kh_change_rows").Set(0, _weights).Set(6, hidden).Set(7, inputs).Set(8, (float)-delta)
            .Set(9, (float)Math.Pow(radius, p)).Set(10, _change).Set(11, _rowLargest).Set(12, _touched);
        _largest = Kernel("largest_magnitude").Set(0, _rowLargest).Set(1, (long)hidden).Set(2, _largestChange);
        _step = Kernel("kh_step").Set(0, _weights).Set(1, _transformed).Set(2, _change).Set(3, _touched).Set(4, _largestChange)
            .Set(5, inputs).Set(6, size).Set(8, _p);
    }

    /// <summary>The device it runs on.</summary>
    public OpenClDevice Device { get; }

    /// <inheritdoc/>
    public override float[] Weights
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_hostBehind) _weights.ReadSpan<float>(_queue, _host);
            (_hostBehind, _hostAhead) = (false, true);
            return _host;
        }
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<int> Winners
    {
        get
        {
            if (_winnersBehind) _top!.ReadSpan<int>(_queue, _winners);
            _winnersBehind = false;
            return _winners;
        }
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<int> PushedAway
    {
        get
        {
            if (_pushedBehind) _kth!.ReadSpan<int>(_queue, _pushed);
            _pushedBehind = false;
            return _pushed;
        }
    }

    /// <inheritdoc/>
    protected override void CurrentsCore(ReadOnlySpan<float> images, int count, Span<float> currents)
    {
        Upload(images, count);
        ClBlast.Gemm(_queue, false, false, true, count, Hidden, Inputs, 1, _images!.Handle, _transformed.Handle, 0, _currents!.Handle);
        _currents.ReadSpan(_queue, currents);
    }

    /// <inheritdoc/>
    protected override void ResponsesCore(ReadOnlySpan<float> images, int count, Span<float> responses)
    {
        Upload(images, count);
        ClBlast.Gemm(_queue, false, false, true, count, Hidden, Inputs, 1, _images!.Handle, _weights.Handle, 0, _currents!.Handle);
        _currents.ReadSpan(_queue, responses);
    }

    /// <inheritdoc/>
    protected override double UpdateCore(float[] images, int count, double epsilon)
    {
        Upload(images.AsSpan(0, count * Inputs), count);
        if (_winners.Length != count) (_winners, _pushed) = (new int[count], new int[count]);
        ClBlast.Gemm(_queue, false, false, true, count, Hidden, Inputs, 1, _images!.Handle, _transformed.Handle, 0, _currents!.Handle);
        _rank.Set(0, _currents).Set(3, _top).Set(4, _kth).RunInGroups(_queue, (long)count * RankGroup, RankGroup);
        _rows.Set(1, _images).Set(2, _currents).Set(3, _top).Set(4, _kth).Set(5, count).RunInGroups(_queue, (long)Hidden * RowGroup, RowGroup);
        _largest.RunInGroups(_queue, LargestGroup, LargestGroup);
        if (_doubleSums) _step.Set(7, epsilon); else _step.Set(7, (float)epsilon);
        _step.Run(_queue, (long)Hidden * Inputs);
        (_hostBehind, _winnersBehind, _pushedBehind) = (true, true, true);
        var largest = new float[1];
        _largestChange.ReadSpan<float>(_queue, largest); // waits for the update
        if (!float.IsFinite(largest[0])) throw NonFiniteChange();
        return largest[0];
    }

    /// <summary>Copies the host's weights to the device when they may have been written, then the minibatch, growing the
    /// buffers that hold one per image when it is the largest yet.</summary>
    private void Upload(ReadOnlySpan<float> images, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_hostAhead)
        {
            _weights.WriteSpan<float>(_queue, _host);
            _transform.Run(_queue, _host.Length);
            _hostAhead = false;
        }
        if (count > _capacity)
        {
            foreach (var old in new[] { _images, _currents, _top, _kth }) if (old is not null) { old.Release(); _buffers.Remove(old); }
            _capacity = Math.Max(count, 2 * _capacity);
            _images = Buffer("Krotov–Hopfield minibatch", (long)_capacity * Inputs * sizeof(float));
            _currents = Buffer("Krotov–Hopfield currents", (long)_capacity * Hidden * sizeof(float));
            _top = Buffer("Krotov–Hopfield winners", (long)_capacity * sizeof(int));
            _kth = Buffer("Krotov–Hopfield k-th units", (long)_capacity * sizeof(int));
        }
        _images!.WriteSpan(_queue, images);
    }

    private DeviceBuffer Buffer(string name, long bytes)
    {
        var buffer = new DeviceBuffer(name, bytes, null);
        buffer.Allocate(_context);
        _buffers.Add(buffer);
        return buffer;
    }

    private DeviceKernel Kernel(string name)
    {
        var kernel = new DeviceKernel(_program, name);
        _kernels.Add(kernel);
        return kernel;
    }

    private static string Source()
    {
        using var stream = typeof(KrotovHopfieldRankingOnDevice).Assembly.GetManifestResourceStream("Dendra.Networks.krotov_hopfield.cl")
            ?? throw new InvalidOperationException("the OpenCL source krotov_hopfield.cl is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Gives the device memory, kernels and program back to the driver.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        OpenClDevices.Api.Finish(_queue);
        foreach (var kernel in _kernels) kernel.Release();
        foreach (var buffer in _buffers) buffer.Release();
        OpenClDevices.Api.ReleaseProgram(_program);
    }
}

using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// One rate projection's product on the device, run at the Inputs phase of every step. A projection whose source no step
/// changes (<see cref="Compilation.HeldSource"/>) has its product launched into a stored block, once, and that block added
/// into the target each step (<c>add_block</c> in runtime.cl) until <see cref="Invalidate"/> says the source was written
/// or the weights changed. The stored block starts at zero, so adding it gives the bits of the product added directly.
/// </summary>
internal sealed class DeviceRateProduct(RateProjection projection, Action launch, (DeviceBuffer Block, Action<nint> Clear, Action Add)? held)
{
    private bool _stale = true;

    public RateProjection Projection { get; } = projection;

    /// <summary>Enqueues this step's contribution.</summary>
    public void Run(nint queue)
    {
        if (held is not { } h)
        {
            launch();
            return;
        }
        if (_stale)
        {
            h.Clear(queue);
            launch();
            _stale = false;
        }
        h.Add();
    }

    /// <summary>The next step computes the product again.</summary>
    public void Invalidate() => _stale = true;
}

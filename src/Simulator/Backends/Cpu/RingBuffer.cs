using System.Numerics;
using System.Numerics.Tensors;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// Input arriving at one postsynaptic variable over the next <c>Length</c> steps: slot <c>step mod Length</c>
/// collects everything due at that step, and is added to the variable and cleared when the step comes.
/// </summary>
/// <remarks>
/// Without delays (length 1) there is nothing to hold back: spikes are added straight into the variable, in
/// spike order, which saves two passes over the population's memory every step.
/// </remarks>
internal sealed class RingBuffer<T>(T[] target, int length) where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _slots = length == 1 ? [] : new T[target.Length * length];

    public int Length { get; } = length;

    public Span<T> Slot(long step) =>
        Length == 1 ? target : _slots.AsSpan((int)(step % Length) * target.Length, target.Length);

    public void Deliver(long step)
    {
        if (Length == 1) return;
        var slot = Slot(step);
        TensorPrimitives.Add(target, slot, target);
        slot.Clear();
    }
}

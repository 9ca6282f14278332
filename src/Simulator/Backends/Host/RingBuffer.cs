using System.Numerics;
using System.Numerics.Tensors;

namespace Dendra.Simulator.Backends.Host;

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

    /// <summary>What is due in the <c>Length</c> steps from <paramref name="step"/> on, slot by slot (for checkpoints).</summary>
    public T[] Pending(long step)
    {
        var pending = new T[_slots.Length];
        for (int k = 0; k < Length && _slots.Length > 0; k++) Slot(step + k).CopyTo(pending.AsSpan(k * target.Length, target.Length));
        return pending;
    }

    /// <summary>Puts back what <see cref="Pending"/> returned.</summary>
    public void Restore(long step, ReadOnlySpan<T> pending)
    {
        for (int k = 0; k < Length && _slots.Length > 0; k++) pending.Slice(k * target.Length, target.Length).CopyTo(Slot(step + k));
    }

    public void Deliver(long step)
    {
        if (Length == 1) return;
        var slot = Slot(step);
        TensorPrimitives.Add(target, slot, target);
        slot.Clear();
    }
}

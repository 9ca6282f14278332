namespace Dendra.Differential.Tests.Framework;

/// <summary>A spike of <paramref name="Neuron"/> at step <paramref name="Step"/> (Brian2: round(t/dt)).</summary>
internal readonly record struct SpikeEvent(int Neuron, long Step) : IComparable<SpikeEvent>
{
    /// <inheritdoc />
    public int CompareTo(SpikeEvent other) => Step != other.Step ? Step.CompareTo(other.Step) : Neuron.CompareTo(other.Neuron);

    /// <inheritdoc />
    public override string ToString() => $"neuron {Neuron} at step {Step}";
}

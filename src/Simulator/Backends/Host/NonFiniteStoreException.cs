namespace Dendra.Simulator.Backends.Host;

/// <summary>
/// Thrown by a compiled kernel that checks its stores (<see cref="Compilation.KernelDefinition.ChecksFinite"/>) when it
/// is about to store a NaN or infinity. The simulation turns it into a <see cref="SimulationException"/> that names the
/// population or projection; the kernel itself only knows the array it writes and where.
/// </summary>
/// <param name="variable">The binding written (a synaptic variable, or a neuron variable with its <c>_pre</c>/<c>_post</c> suffix).</param>
/// <param name="index">The element of that binding's array: a synapse, or a neuron of the batch.</param>
/// <param name="step">The step.</param>
/// <param name="value">The value.</param>
internal sealed class NonFiniteStoreException(string variable, int index, long step, double value)
    : Exception($"'{variable}'[{index}] became {value} at step {step}")
{
    public string Variable { get; } = variable;
    public int Index { get; } = index;
    public long Step { get; } = step;
    public double Value { get; } = value;

    /// <summary>The exception inside <paramref name="e"/>, which may have come through a parallel loop.</summary>
    public static NonFiniteStoreException? Within(Exception e) => e switch
    {
        NonFiniteStoreException store => store,
        AggregateException many => many.InnerExceptions.Select(Within).FirstOrDefault(x => x is not null),
        _ => null,
    };
}

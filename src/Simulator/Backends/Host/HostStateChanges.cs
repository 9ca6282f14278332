using System.Numerics;
using Dendra.Simulator.Execution;

namespace Dendra.Simulator.Backends.Host;

/// <summary>
/// The change of watched state measured on the host arrays themselves, in their own precision: each instance's slice is
/// compared with a copy kept from the last step and the copy refreshed, in one pass, instances spread over the threads. A
/// settle of a batch of 100 × 2000 float units then costs one pass over 0.8 MB a step instead of a conversion to double
/// and two passes over 1.6 MB (a maximum is exact, so the result does not depend on the threads).
/// </summary>
internal sealed class HostStateChanges<T> : IStateChanges where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[][] _live, _previous;
    private readonly int[] _sizes;
    private readonly double[][] _largest;
    private readonly int _instances;
    private readonly Chunks _chunks;

    /// <param name="live">Each watched variable's array, [instance, neuron], as the backend steps it.</param>
    /// <param name="sizes">Each watched population's size.</param>
    /// <param name="instances">Instances of the batch.</param>
    /// <param name="chunks">The backend's threads.</param>
    public HostStateChanges(T[][] live, int[] sizes, int instances, Chunks chunks)
    {
        (_live, _sizes, _instances, _chunks) = (live, sizes, instances, chunks);
        _previous = live.Select(a => (T[])a.Clone()).ToArray();
        _largest = live.Select(_ => new double[instances]).ToArray();
    }

    public void Measure(Span<double> largest)
    {
        for (int k = 0; k < _live.Length; k++)
        {
            var (live, previous, found, size) = (_live[k], _previous[k], _largest[k], _sizes[k]);
            _chunks.ForRows(_instances, (long)_instances * size, (first, last) =>
            {
                for (int b = first; b < last; b++)
                    found[b] = double.CreateTruncating(StateChange.LargestChange(live.AsSpan(b * size, size), previous.AsSpan(b * size, size)));
            });
        }
        largest.Clear();
        for (int k = 0; k < _live.Length; k++)
            for (int b = 0; b < _instances; b++) largest[b] = StateChange.Larger(largest[b], _largest[k][b]);
    }
}

using System.Numerics;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Execution;

/// <summary>
/// Names the first NaN or infinity in a population's state, the same way on every backend: its state variables in
/// declaration order, the first bad element of the first variable that has one, with its instance when the network runs
/// a batch. Backends search only after cheap evidence (a non-finite sum, a device flag) says something went wrong.
/// </summary>
internal static class NonFiniteDiagnosis
{
    /// <summary>The error for the first non-finite state value of <paramref name="population"/>, or null when every value is finite.</summary>
    /// <param name="population">The population.</param>
    /// <param name="states">Its state variables, in declaration order, every instance one after another (on the host).</param>
    /// <param name="step">The step at which the value was stored.</param>
    public static SimulationException? Find<T>(Population population, IEnumerable<(string Name, T[] Values)> states, long step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int instances = population.Network.BatchSize;
        foreach (var (name, values) in states)
        {
            int bad = Array.FindIndex(values, v => !T.IsFinite(v));
            if (bad < 0) continue;
            return new SimulationException(population.Name, bad % population.Size, name, step, step * population.Network.Dt,
                double.CreateTruncating(values[bad]), instances > 1 ? bad / population.Size : null);
        }
        return null;
    }
}

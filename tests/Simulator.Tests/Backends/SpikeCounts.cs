namespace Dendra.Simulator.Tests.Backends;

/// <summary>The float32 agreement the OpenCL backend promises: per-neuron spike counts within 1% over a run.</summary>
internal static class SpikeCounts
{
    /// <summary>
    /// Each neuron's count within 1% of the CPU's (at least one spike of slack, since a neuron's last spike can fall
    /// either side of the run's end), and all differences together within 1% of all spikes.
    /// </summary>
    public static void AssertWithinOnePercent(string name, IReadOnlyList<int> expected, IReadOnlyList<int> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        long total = 0, differences = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            int difference = Math.Abs(expected[i] - actual[i]);
            Assert.True(difference <= Math.Max(1, expected[i] / 100),
                $"{name}: neuron {i} fired {actual[i]} times on OpenCL and {expected[i]} times on the CPU");
            total += expected[i];
            differences += difference;
        }
        Assert.True(differences <= total / 100, $"{name}: per-neuron spike counts differ by {differences} of {total} spikes (more than 1%)");
    }
}

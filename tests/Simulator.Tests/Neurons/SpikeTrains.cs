namespace Dendra.Simulator.Tests.Neurons;

/// <summary>Small helpers for spike-train statistics in the neuron model tests.</summary>
internal static class SpikeTrains
{
    /// <summary>Inter-spike intervals of sorted spike times.</summary>
    public static double[] Isis(IReadOnlyList<double> times) =>
        times.Zip(times.Skip(1), (a, b) => b - a).ToArray();

    /// <summary>Inter-spike intervals in whole steps.</summary>
    public static long[] IsiSteps(IReadOnlyList<long> steps) =>
        steps.Zip(steps.Skip(1), (a, b) => b - a).ToArray();

    /// <summary>Coefficient of variation (sd/mean).</summary>
    public static double Cv(IReadOnlyList<double> x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Count) / mean;
    }

    /// <summary>Mean and population standard deviation.</summary>
    public static (double Mean, double Sd) MeanSd(IReadOnlyList<double> x)
    {
        double mean = x.Average();
        return (mean, Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Count));
    }

    /// <summary>Steps of the spikes of one neuron recorded by a spike monitor.</summary>
    public static long[] StepsOf(Monitors.SpikeMonitor monitor, int neuron) =>
        monitor.Steps.Where((_, k) => monitor.Neurons[k] == neuron).ToArray();

    /// <summary>Asserts that the monitor holds exactly the expected spikes, each within one step of its expected step.</summary>
    public static void AssertWithinOneStep(IReadOnlyList<long> expected, Monitors.SpikeMonitor spikes)
    {
        Assert.Equal(expected.Count, spikes.Count);
        for (int k = 0; k < expected.Count; k++)
            Assert.InRange(spikes.Steps[k], expected[k] - 1, expected[k] + 1);
    }
}

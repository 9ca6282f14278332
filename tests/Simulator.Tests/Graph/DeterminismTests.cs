using Dendra.Simulator.Graph;
using Dendra.Simulator.Tests.Integration;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Graph;

/// <summary>A seed fixes every draw: the same spikes, bit for bit, run to run and for 1 or 2 threads.</summary>
public class DeterminismTests
{
    private static (long[] Steps, int[] Neurons, double[] V) Run(int threads, ulong seed, Precision precision)
    {
        // 10 003 neurons: above the size at which phases are split over threads, and odd, so the split falls
        // inside a SIMD vector and some neurons take the vector loop with one thread and the scalar loop with two.
        var (net, p, spikes) = CubaSmokeTests.Cuba(10_003, seed, precision, threads);
        net.Run(150 * ms);
        return (spikes.Steps.ToArray(), spikes.Neurons.ToArray(), p.Get("v"));
    }

    [Theory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void Same_seed_gives_identical_spikes_across_runs_and_thread_counts(Precision precision)
    {
        var one = Run(1, 42, precision);
        var two = Run(2, 42, precision);
        var again = Run(2, 42, precision);
        Assert.True(one.Steps.Length > 1000);
        Assert.Equal(one.Steps, two.Steps);
        Assert.Equal(one.Neurons, two.Neurons);
        Assert.Equal(one.V, two.V); // exact equality of doubles: bitwise
        Assert.Equal(two.Steps, again.Steps);
        Assert.Equal(two.Neurons, again.Neurons);
    }

    [Fact]
    public void A_different_seed_gives_different_spikes()
    {
        var a = Run(2, 1, Precision.Single);
        var b = Run(2, 2, Precision.Single);
        Assert.NotEqual(a.Neurons, b.Neurons);
    }
}

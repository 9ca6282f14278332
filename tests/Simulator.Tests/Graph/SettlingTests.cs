using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Graph;

/// <summary>Running a batch until its state settles, and what it reports per instance.</summary>
public class SettlingTests
{
    private const double Tau = 10 * ms, Dt = 0.1 * ms;

    /// <summary>h relaxes to its input (exactly integrated): h_n = I(1 − aⁿ) with a = e^(−dt/τ), so step n changes h by
    /// I·aⁿ⁻¹(1 − a), and the instance settles after the first step whose change is below the tolerance.</summary>
    private static (Network Net, Population P) Relaxing(double[] inputs)
    {
        var net = new Network(Dt, Precision.Double) { BatchSize = inputs.Length };
        var p = net.AddPopulation("h", 1, new NeuronModel("Leaky", "dh/dt = (I0 - h)/tau").WithParameter("tau", Tau).WithState("I0", 0));
        p.SetState("I0", inputs);
        return (net, p);
    }

    /// <summary>The step after which a unit relaxing to <paramref name="input"/> changes by less than <paramref name="tolerance"/>.</summary>
    private static long StepsFor(double input, double tolerance)
    {
        double a = Math.Exp(-Dt / Tau);
        long n = 1;
        while (input * Math.Pow(a, n - 1) * (1 - a) >= tolerance) n++;
        return n;
    }

    [Fact]
    public void Each_instance_settles_after_the_step_its_analytic_change_falls_below_the_tolerance()
    {
        double[] inputs = [1, 3, 0.2, 10];
        const double tolerance = 1e-4;
        var (net, p) = Relaxing(inputs);
        var settling = net.RunUntilSettled(tolerance, 1 * second, (p, "h"));

        for (int b = 0; b < inputs.Length; b++)
        {
            long expected = StepsFor(inputs[b], tolerance);
            Assert.NotNull(settling.SettledAfter[b]);
            Assert.InRange(settling.SettledAfter[b]!.Value, expected - 1, expected + 1);
        }
        Assert.True(settling.All);
        Assert.Equal(settling.SettledAfter.Max(), settling.Steps); // it stopped when the last instance settled
        Assert.Equal(settling.Steps, net.Step);
    }

    [Fact]
    public void An_instance_that_does_not_settle_within_the_maximum_time_is_reported_as_such()
    {
        // Instance 0 changes by 0.00995 in its first step and settles at once; instance 1, a million times more driven,
        // still moves by thousands per step when the 5 ms are up.
        var (net, p) = Relaxing([1, 1e6]);
        var settling = net.RunUntilSettled(1e-2, 5 * ms, (p, "h"));
        Assert.Equal(50, settling.Steps);
        Assert.Equal(1, settling.SettledAfter[0]);
        Assert.Null(settling.SettledAfter[1]);
        Assert.Equal(1, settling.Count);
        Assert.False(settling.All);
        Assert.True(settling.LargestChange[1] > 1e3);
    }

    [Fact]
    public void The_change_of_an_instance_is_its_largest_over_every_neuron_and_watched_variable()
    {
        // Two populations of different sizes in a batch of 2: instance 1's most driven neuron (in the second, larger
        // population) decides when it settles; instance 0 has small inputs everywhere and settles first.
        var net = new Network(Dt, Precision.Double) { BatchSize = 2 };
        var model = new NeuronModel("Leaky", "dh/dt = (I0 - h)/tau").WithParameter("tau", Tau).WithState("I0", 0);
        var small = net.AddPopulation("small", 2, model);
        var large = net.AddPopulation("large", 3, model);
        small.SetState("I0", [1, 1, 1, 1]);
        large.SetState("I0", [1, 1, 1, 1, 1, 50]);
        const double tolerance = 1e-3;
        var settling = net.RunUntilSettled(tolerance, 1 * second, (small, "h"), (large, "h"));

        Assert.InRange(settling.SettledAfter[0]!.Value, StepsFor(1, tolerance) - 1, StepsFor(1, tolerance) + 1);
        Assert.InRange(settling.SettledAfter[1]!.Value, StepsFor(50, tolerance) - 1, StepsFor(50, tolerance) + 1);
        Assert.True(settling.SettledAfter[1] > settling.SettledAfter[0]);
    }

    [Theory]
    [InlineData(Precision.Double, 0)]
    [InlineData(Precision.Double, 17)]
    [InlineData(Precision.Double, 36)]
    [InlineData(Precision.Single, 5)]
    [InlineData(Precision.Single, 36)]
    public void The_most_driven_neuron_decides_wherever_it_lies_among_the_vector_lanes_and_the_tail(Precision precision, int driven)
    {
        // 37 neurons: whole vectors and a tail of leftovers, in either precision. Instance 0's strongly driven neuron is
        // `driven` and instance 1's is the last; each instance settles when that neuron's analytic change falls below the
        // tolerance, so a change missed in any lane or in the tail would settle it early.
        const int size = 37;
        var net = new Network(Dt, precision) { BatchSize = 2 };
        var p = net.AddPopulation("h", size, new NeuronModel("Leaky", "dh/dt = (I0 - h)/tau").WithParameter("tau", Tau).WithState("I0", 0));
        var inputs = Enumerable.Repeat(1.0, 2 * size).ToArray();
        inputs[driven] = 40;
        inputs[2 * size - 1] = 20;
        p.SetState("I0", inputs);
        const double tolerance = 1e-3;
        var settling = net.RunUntilSettled(tolerance, 1 * second, (p, "h"));

        Assert.InRange(settling.SettledAfter[0]!.Value, StepsFor(40, tolerance) - 1, StepsFor(40, tolerance) + 1);
        Assert.InRange(settling.SettledAfter[1]!.Value, StepsFor(20, tolerance) - 1, StepsFor(20, tolerance) + 1);
    }

    [SkippableFact]
    public void OpenCl_reads_its_state_to_settle_and_settles_each_instance_when_the_cpu_does()
    {
        // The CPU measures the change on its own arrays; OpenCL reads the state back each step: the same steps either way.
        Dendra.Tests.OpenClDriver.Require();
        double[] inputs = [1, 3, 0.2, 10];
        var settled = new List<long?[]>();
        foreach (var backend in new[] { Backend.Cpu, Backend.OpenCl })
        {
            var (net, p) = Relaxing(inputs);
            net.Backend = backend;
            settled.Add(net.RunUntilSettled(1e-4, 1 * second, (p, "h")).SettledAfter.ToArray());
        }
        Assert.Equal(settled[0], settled[1]);
    }

    [Fact]
    public void Reading_into_a_span_gives_the_values_of_a_copy_and_refuses_a_span_of_another_length()
    {
        var (net, p) = Relaxing([1, 3, 0.2]);
        net.Run(2 * ms);
        var into = new double[3];
        p.Get("h", into);
        Assert.Equal(p.Get("h"), into);
        var error = Assert.Throws<ArgumentException>(() => p.Get("h", new double[2]));
        Assert.Contains("3 values (1 neurons × 3 instances)", error.Message);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-1e-3, 1.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1e-3, 0.0)]
    public void A_tolerance_or_maximum_time_that_is_not_positive_is_refused(double tolerance, double maxDuration)
    {
        var (net, p) = Relaxing([1]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => net.RunUntilSettled(tolerance, maxDuration, (p, "h")));
        Assert.Contains(tolerance > 0 ? "maximum time" : "settle tolerance", e.Message);
    }
}

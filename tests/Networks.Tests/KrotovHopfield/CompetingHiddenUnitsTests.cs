using Dendra.Networks.KrotovHopfield;
using Dendra.Simulator;
using Dendra.Simulator.Graph;

namespace Dendra.Networks.Tests.KrotovHopfield;

/// <summary>
/// The full dynamics of competing hidden units: the settled state of a tiny network against its fixed point solved by hand,
/// the calibration reaching its target on MNIST, a divergence reported with the population, unit, variable and time, and
/// the parameters it refuses.
/// </summary>
public class CompetingHiddenUnitsTests
{
    /// <summary>Three units reading three inputs through W = 1 (so with p = 2, I = v), in float64, settled tightly.</summary>
    private static CompetingHiddenUnits Tiny(int batch = 1) => new(new CompetingHiddenUnitsOptions
    {
        Hidden = 3, Inputs = 3, P = 2, Tau = 10e-3, Dt = 0.1e-3, Batch = batch, SettleTolerance = 1e-13, LongestSettle = 5,
        Precision = Precision.Double, Threads = 1,
    }, [1, 0, 0, 0, 1, 0, 0, 0, 1]);

    [Fact]
    public void The_settled_state_is_the_fixed_point_of_the_inhibition_solved_by_hand()
    {
        // At a fixed point an active unit has h_μ = I_μ − w_inh Σ_{other active} h_ν, an inactive one h_μ = I_μ − w_inh Σ_active h_ν < 0.
        // Image 1, I = (1, 0.8, 0.1), w_inh = 0.5: units 1 and 2 active, h1 = 1 − h2/2, h2 = 0.8 − h1/2, so h1 = 0.8,
        // h2 = 0.4; h3 = 0.1 − 0.5 (0.8 + 0.4) = −0.5.
        // Image 2, I = (0.3, 0.2, 0.9): unit 3 alone (with unit 1 active too, h3 = 1 and h1 = −0.2, a contradiction):
        // h3 = 0.9, h1 = 0.3 − 0.45 = −0.15, h2 = 0.2 − 0.45 = −0.25.
        var network = Tiny(batch: 3); // the third instance is padding: a blank image
        network.Inhibition = 0.5;
        float[] images = [1f, 0.8f, 0.1f, 0.3f, 0.2f, 0.9f];
        var h = network.Settle(images, 2);
        // The same solutions written for the currents as stored (float32 images: 0.8f is not 0.8).
        double[] v = [.. images.Select(x => (double)x)];
        const double w = 0.5;
        double h1 = (v[0] - w * v[1]) / (1 - w * w), h2 = (v[1] - w * v[0]) / (1 - w * w);
        double[] expected = [h1, h2, v[2] - w * (h1 + h2), v[3] - w * v[5], v[4] - w * v[5], v[5]];
        Assert.Equal([0.8, 0.4, -0.5, -0.15, -0.25, 0.9], expected.Select(x => Math.Round(x, 6)));
        Assert.Equal(6, h.Length);
        for (int q = 0; q < 6; q++) Assert.Equal(expected[q], h[q], 1e-8);
        // Without inhibition every unit settles at its current.
        network.Inhibition = 0;
        var free = network.Settle([1f, 0.8f, 0.1f], 1);
        Assert.Equal([1.0, 0.8, 0.1], free.Select(x => Math.Round(x, 6)));
        Assert.Equal([1.0, 0.8, 0.1], network.Currents.ToArray().Select(x => Math.Round(x, 6)));
    }

    [SkippableFact]
    public void The_calibration_reaches_its_target_fraction_of_active_units_on_MNIST()
    {
        var images = SmallMnist.Train(100);
        var weights = Dendra.Learning.Learners.LearnerTraining.InitialWeights(20, 784, seed: 3);
        var network = new CompetingHiddenUnits(new CompetingHiddenUnitsOptions { Hidden = 20, Batch = 100, Threads = 1 }, weights);
        var calibration = network.Calibrate(images.Inputs, 100, 0.1);

        Assert.InRange(calibration.ActiveFraction, 0.08, 0.12);
        Assert.Equal(calibration.Inhibition, network.Inhibition);
        Assert.True(calibration.Inhibition > 0);
        // h* lies between the largest and the second largest settled h of the median image: above 0, below the largest h.
        var h = network.Settle(images.Inputs, 100);
        Assert.InRange(calibration.Threshold, 0, h.Max());
        Assert.InRange(network.Settle(images.Inputs, 100).Count(x => x >= 0) / 2000.0, 0.08, 0.12);
    }

    [Fact]
    public void A_divergence_names_the_population_unit_variable_and_time()
    {
        // In float32, w_inh = 1e300 is infinite: the first step's inhibition makes h infinite or NaN.
        var network = new CompetingHiddenUnits(new CompetingHiddenUnitsOptions { Hidden = 3, Inputs = 3, Batch = 1, Threads = 1 }, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
        network.Inhibition = 1e300;
        var error = Assert.Throws<SimulationException>(() => network.Settle([1f, 0.8f, 0.1f], 1));
        Assert.Equal("hidden", error.Population);
        Assert.Equal("h", error.Variable);
        Assert.Matches(@"^Population 'hidden', neuron \d: variable 'h' became .* at t = [0-9.]+ ms", error.Message);
    }

    [Fact]
    public void Parameters_out_of_range_are_refused_naming_them()
    {
        static string Refused(CompetingHiddenUnitsOptions options) =>
            Assert.Throws<ArgumentOutOfRangeException>(() => new CompetingHiddenUnits(options, new float[options.Hidden * options.Inputs])).Message;
        var tiny = new CompetingHiddenUnitsOptions { Hidden = 3, Inputs = 3, Batch = 2 };
        Assert.Contains("p must be a finite number ≥ 1", Refused(tiny with { P = 0.5 }));
        Assert.Contains("p must be a finite number ≥ 1", Refused(tiny with { P = double.NaN }));
        Assert.Contains("Δ must be a finite number ≥ 0", Refused(tiny with { Delta = -0.1 }));
        Assert.Contains("ε must be a finite positive", Refused(tiny with { Epsilon = 0 }));
        Assert.Contains("at least 2 hidden units", Refused(tiny with { Hidden = 1 }));
        Assert.Contains("dt must be positive and at most τ", Refused(tiny with { Dt = 0.1 }));

        var network = Tiny(batch: 2);
        Assert.Contains("between 0 and 1", Assert.Throws<ArgumentOutOfRangeException>(() => network.Calibrate(new float[6], 2, 0)).Message);
        Assert.Contains("between 0 and 1", Assert.Throws<ArgumentOutOfRangeException>(() => network.Calibrate(new float[6], 2, 1)).Message);
        Assert.Contains("3 images cannot be settled by a network of batch 2", Assert.Throws<ArgumentException>(() => network.Settle(new float[9], 3)).Message);
        Assert.Contains("w_inh must be", Assert.Throws<ArgumentOutOfRangeException>(() => network.Inhibition = -1).Message);
        Assert.Contains("ε must be", Assert.Throws<ArgumentOutOfRangeException>(() => network.Learn(new float[6], 2, -0.1)).Message);
    }
}

using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Graph;

/// <summary>Global lateral inhibition written with a population reduction: O(N) per step, equal to the O(N²) sum.</summary>
public class LateralInhibitionTests
{
    private static NeuronModel Competing(double wInh) =>
        new NeuronModel("Competing", "dh/dt = (I - h - w_inh*(sum(max(h, 0)) - max(h, 0)))/tau")
            .WithParameter("tau", 10 * ms).WithParameter("w_inh", wInh).WithParameter("I", 0)
            .WithMethod(Integrator.Euler);

    private static double[] Inputs(int n) => Enumerable.Range(0, n).Select(k => Math.Sin(k * 12.9898) * 0.5 + 0.6).ToArray();

    [Fact]
    public void Reduction_matches_the_direct_quadratic_computation()
    {
        const int n = 50;
        const double wInh = 0.3, dt = 0.1 * ms, tau = 10 * ms;
        var inputs = Inputs(n);
        var net = new Network(dt: dt, precision: Precision.Double);
        var p = net.AddPopulation("hidden", n, Competing(wInh));
        p.Set("I", inputs);
        net.Run(30 * ms);

        var h = new double[n];
        for (int step = 0; step < 300; step++)
        {
            var next = new double[n];
            for (int mu = 0; mu < n; mu++)
            {
                double inhibition = 0;
                for (int nu = 0; nu < n; nu++) if (nu != mu) inhibition += Math.Max(h[nu], 0);
                next[mu] = h[mu] + dt * (inputs[mu] - h[mu] - wInh * inhibition) / tau;
            }
            h = next;
        }
        var simulated = p.Get("h");
        for (int mu = 0; mu < n; mu++) Assert.Equal(h[mu], simulated[mu], 1e-12);
    }

    [Fact]
    public void Ranking_of_inputs_is_kept_and_strong_inhibition_leaves_one_winner()
    {
        const int n = 40;
        var inputs = Inputs(n);
        foreach (var (wInh, expectedWinners) in new[] { (0.05, -1), (2.0, 1) })
        {
            var net = new Network(dt: 0.1 * ms, precision: Precision.Double);
            var p = net.AddPopulation("hidden", n, Competing(wInh));
            p.Set("I", inputs);
            net.Run(300 * ms);
            var h = p.Get("h");
            var byInput = Enumerable.Range(0, n).OrderBy(k => inputs[k]).ToArray();
            var positive = byInput.Where(k => h[k] > 0).ToArray();
            // Among active units, activity is ordered like the inputs.
            for (int k = 0; k + 1 < positive.Length; k++) Assert.True(h[positive[k]] < h[positive[k + 1]]);
            if (expectedWinners > 0)
            {
                Assert.Equal(expectedWinners, positive.Length);
                Assert.Equal(byInput[^1], positive[0]);
            }
            else
            {
                Assert.True(positive.Length > n / 2);
            }
        }
    }

    [Theory]
    [InlineData(1003, 3)]   // many small sums: the instances spread over the threads; 1003 leaves a scalar remainder
    [InlineData(20011, 1)]  // one large sum split over the threads in fixed pieces
    public void A_float_populations_sum_is_accumulated_in_double_with_the_same_bits_on_one_and_two_threads(int size, int batch)
    {
        // One value of 10⁴ among thousands of 10⁻⁴: summed in float, each small value would vanish against the large one
        // (float's spacing at 10⁴ is 10⁻³); in double they add up. y takes one Euler step of dy/dt = sum(x)/τ.
        double[] Run(int threads)
        {
            var net = new Network(dt: 1 * ms, precision: Precision.Single) { BatchSize = batch, Threads = threads };
            var p = net.AddPopulation("p", size, new NeuronModel("Summing", "dy/dt = sum(x)/tau").WithParameter("tau", 1 * second)
                .WithState("x").WithMethod(Integrator.Euler));
            p.SetState("x", Enumerable.Range(0, size * batch).Select(e => e % size == 7 ? 1e4 : 1e-4 * (1 + e / size)).ToArray());
            net.Run(1 * ms);
            return p.Get("y");
        }
        var (one, two) = (Run(1), Run(2));
        Assert.Equal(one, two);
        for (int b = 0; b < batch; b++)
        {
            double expected = 1e-3 * (1e4 + (size - 1) * (double)(float)(1e-4 * (1 + b)));
            Assert.Equal(expected, one[b * size], expected * 1e-6);
        }
    }
}

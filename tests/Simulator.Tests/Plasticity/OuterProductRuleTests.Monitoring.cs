using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>Weight monitors of plastic rate projections: what views and recordings read instead of the backend.</summary>
public partial class OuterProductRuleTests
{
    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void A_weight_monitor_of_a_rate_projection_samples_the_weights_a_read_then_would_give(Backend backend)
    {
        var hebb = new OuterProductRule("Hebb", post: "v", pre: "r").WithParameter("eta", 0.05);
        var (net, projection) = Layer(5, 3, 2, hebb, backend: backend);
        var monitor = net.MonitorWeights(projection, every: 3);
        net.Run(10 * ms);

        Assert.Equal([0L, 3, 6, 9], monitor.Steps);
        Assert.Equal(Enumerable.Range(0, 15).Select(k => k % 5), monitor.Pre);
        Assert.Equal(Enumerable.Range(0, 15).Select(k => k / 5), monitor.Post); // neurons of each side's population, row by row
        Assert.NotEqual(monitor.Sample(0), monitor.Sample(3));
        foreach (int k in new[] { 0, 2 })
        {
            // The same layer run to the end of the sampled step and read there.
            var (again, same) = Layer(5, 3, 2, hebb, backend: backend);
            again.Run((monitor.Steps[k] + 1) * ms);
            Assert.Equal(same.Weights().Cast<double>(), monitor.Sample(k));
        }
    }

    [Fact]
    public void A_weight_monitor_of_a_sparse_rate_projection_names_each_weights_neurons()
    {
        const int inputs = 6, outputs = 3;
        var (net, pre, post) = HeldRates(inputs, outputs, 1);
        int[] rowStart = [0, 2, 2, 5];
        int[] columns = [1, 4, 0, 2, 5];
        double[] values = [0.1, 0.2, 0.3, 0.4, 0.5];
        var sparse = net.ConnectRateSparse(pre, post, "r", "I", rowStart, columns, values)
            .Learn(new OuterProductRule("Hebb", post: "y", pre: "r").WithParameter("eta", 0.1));
        var monitor = net.MonitorWeights(sparse, 2 * ms);
        net.Run(5 * ms);

        Assert.Equal(2, monitor.Every);
        Assert.Equal([0L, 2, 4], monitor.Steps);
        Assert.Equal([1, 4, 0, 2, 5], monitor.Pre);
        Assert.Equal([0, 0, 2, 2, 2], monitor.Post);
        Assert.Equal(sparse.CurrentValues(), monitor.Latest); // sampled at the end of step 4, the last one run
        Assert.NotEqual(values, monitor.Latest);
    }
}

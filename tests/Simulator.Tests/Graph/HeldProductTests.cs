using Dendra.Neurons;
using Dendra.Simulator.Backends.Cpu;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Graph;

/// <summary>A rate projection whose source no step changes computes its product once per presentation, not every step.</summary>
public class HeldProductTests
{
    private const int Inputs = 13, Outputs = 7, Batch = 3;

    /// <summary>Inputs (held: only written) or inputs under <c>dr/dt = 0</c> (the same values, but an equation writes them
    /// each step), into a linear layer over a batch.</summary>
    private static (Network Net, Population Input, Population Output, RateProjection Projection) Layer(bool held, Backend backend = Backend.Cpu,
        OuterProductRule? rule = null)
    {
        if (backend == Backend.OpenCl) OpenClDriver.Require();
        var random = new System.Random(2);
        var net = new Network(1 * ms, Precision.Double) { BatchSize = Batch, Backend = backend };
        var input = net.AddPopulation("input", Inputs, held ? RateNeuron.Input() : new NeuronModel("Still", "dr/dt = 0/ms"));
        var output = net.AddPopulation("output", Outputs, new NeuronModel("Leaky", "dv/dt = (I - v)/(5*ms)").WithInput("I"));
        var w = new double[Outputs, Inputs];
        for (int j = 0; j < Outputs; j++)
            for (int i = 0; i < Inputs; i++) w[j, i] = random.NextDouble() - 0.5;
        input.SetState("r", Enumerable.Range(0, Inputs * Batch).Select(_ => random.NextDouble()).ToArray());
        var projection = net.ConnectRate(input, output, "r", "I", w);
        if (rule is not null) projection.Learn(rule);
        return (net, input, output, projection);
    }

    [Fact]
    public void A_held_source_gives_bitwise_what_a_source_computed_every_step_gives()
    {
        var (held, _, heldOutput, _) = Layer(held: true);
        var (stepped, _, steppedOutput, _) = Layer(held: false);
        held.Run(20 * ms);
        stepped.Run(20 * ms);
        Assert.Equal(steppedOutput.Get("v"), heldOutput.Get("v"));
    }

    [Fact]
    public void The_product_of_a_held_source_is_computed_once_until_the_source_is_written()
    {
        var (net, input, _, projection) = Layer(held: true);
        var simulation = new CpuSimulation<double>(net);
        simulation.Run(10, null);
        Assert.Equal(1, simulation.ProductsOf(projection));
        simulation.Write(input, "r", new double[Inputs * Batch]);
        simulation.Run(10, null);
        Assert.Equal(2, simulation.ProductsOf(projection));

        var (stepped, _, _, steppedProjection) = Layer(held: false);
        var every = new CpuSimulation<double>(stepped);
        every.Run(10, null);
        Assert.Equal(10, every.ProductsOf(steppedProjection));
    }

    [Fact]
    public void The_product_of_a_held_source_is_computed_again_after_each_change_of_the_weights()
    {
        var (net, _, _, projection) = Layer(held: true, rule: new OuterProductRule("Hebb", post: "v", pre: "r").WithParameter("eta", 0.01).Every(5));
        var simulation = new CpuSimulation<double>(net);
        simulation.Run(10, null); // products at steps 0 and 5; the rule applies at the ends of steps 4 and 9
        Assert.Equal(2, simulation.ProductsOf(projection));
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void A_written_source_is_read_by_the_next_step(Backend backend)
    {
        var (net, input, output, projection) = Layer(held: true, backend);
        net.MonitorState(output, "I", Enumerable.Range(0, Outputs), instance: Batch - 1);
        net.Run(1 * ms);
        var fresh = Enumerable.Range(0, Inputs * Batch).Select(k => Math.Cos(k)).ToArray();
        input.SetState("r", fresh);
        net.Run(1 * ms);
        var w = projection.Weights();
        for (int j = 0; j < Outputs; j++)
        {
            double expected = Enumerable.Range(0, Inputs).Sum(i => w[j, i] * fresh[(Batch - 1) * Inputs + i]);
            Assert.Equal(expected, net.StateMonitors[0].Trace(j)[^1], 1e-12);
        }
    }
}

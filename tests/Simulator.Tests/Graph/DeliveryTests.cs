using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Graph;

public class DeliveryTests
{
    private static NeuronModel Counter() => new NeuronModel("Counter", "").WithState("x");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    public void A_spike_arrives_exactly_d_steps_later(int delaySteps)
    {
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double);
        var source = net.AddSpikeSource("src", 1, [(0, 1.0 * ms)]); // step 10
        var target = net.AddPopulation("dst", 1, Counter());
        net.Connect(source, target, "x", Connectivity.AllToAll(), 1.0, delay: delaySteps * 0.1 * ms);
        var x = net.MonitorState(target, "x", [0]);
        net.Run(5 * ms);
        var trace = x.Trace(0);
        int arrival = Array.FindIndex(trace, v => v > 0);
        Assert.Equal(10 + delaySteps, x.Steps[arrival]);
        Assert.Equal(1.0, trace[^1]);
    }

    [Fact]
    public void Heterogeneous_delays_deliver_each_synapse_at_its_own_step()
    {
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double);
        var source = net.AddSpikeSource("src", 1, [(0, 0.0)]);
        var target = net.AddPopulation("dst", 4, Counter());
        // Synapse to neuron j has a delay of 3j steps.
        net.Connect(source, target, "x", Connectivity.AllToAll(), 1.0, delay: "3*j*0.1*ms");
        var x = net.MonitorState(target, "x", [0, 1, 2, 3]);
        net.Run(2 * ms);
        for (int j = 0; j < 4; j++)
        {
            int arrival = Array.FindIndex(x.Trace(j), v => v > 0);
            Assert.Equal(3 * j, x.Steps[arrival]);
        }
    }

    [Fact]
    public void Refractory_neurons_are_clamped_and_do_not_fire()
    {
        var model = new NeuronModel("Clamped", "dv/dt = (I - v)/tau : unless refractory\ndu/dt = (I - u)/tau")
            .WithParameter("tau", 10 * ms).WithInput("I").WithThreshold("v > 0.5").WithReset("v = 0").WithRefractory(2 * ms);
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double);
        var p = net.AddPopulation("n", 1, model);
        net.Inject(p, "I", CurrentSource.Constant(1));
        var v = net.MonitorState(p, "v", [0]);
        var u = net.MonitorState(p, "u", [0]);
        var spikes = net.MonitorSpikes(p);
        net.Run(50 * ms);

        Assert.True(spikes.Count >= 3);
        var trace = v.Trace(0);
        var steps = spikes.Steps;
        for (int k = 0; k + 1 < steps.Count; k++)
        {
            long s = steps[k];
            // Reset at the spike step, then held at exactly 0 for the 20 steps of the refractory period, then free.
            for (long q = s; q < s + 20; q++) Assert.Equal(0.0, trace[q]);
            Assert.True(trace[s + 20] > 0);
            Assert.True(steps[k + 1] - s > 20);
        }
        // The variable without "unless refractory" keeps integrating: u follows 1 - e^{-t/tau} exactly.
        Assert.Equal(1 - Math.Exp(-50 * ms / (10 * ms)), u.Trace(0)[^1], 12);
        // Inter-spike interval = refractory + time to reach 0.5 from 0: tau·ln 2.
        double isi = (steps[2] - steps[1]) * 0.1 * ms;
        Assert.Equal(2 * ms + 10 * ms * Math.Log(2), isi, 0.1 * ms + 1e-12);
    }

    [Fact]
    public void Spike_sources_fire_at_their_times_and_poisson_sources_at_their_rate()
    {
        var net = new Network(dt: 0.1 * ms);
        var src = net.AddSpikeSource("src", 3, [(2, 1 * ms), (0, 0.5 * ms), (2, 3 * ms)]);
        var poisson = net.AddPoisson("poisson", 2000, 20 * Hz);
        var s1 = net.MonitorSpikes(src);
        var s2 = net.MonitorSpikes(poisson);
        net.Run(1 * second);
        Assert.Equal([5L, 10L, 30L], s1.Steps);
        Assert.Equal([0, 2, 2], s1.Neurons);
        double rate = s2.Count / 2000.0;
        Assert.InRange(rate, 20 - 4 * Math.Sqrt(20 / 2000.0), 20 + 4 * Math.Sqrt(20 / 2000.0));
    }
}

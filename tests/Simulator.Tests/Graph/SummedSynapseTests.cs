using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Graph;

/// <summary>Rate-based synapses: a summed variable feeds the postsynaptic input; weights may have dynamics (dw/dt).</summary>
public class SummedSynapseTests
{
    [Fact]
    public void Summed_variable_adds_w_times_presynaptic_rate_into_the_named_input()
    {
        var net = new Network(dt: 1 * ms, precision: Precision.Double);
        var pre = net.AddPopulation("pre", 3, new NeuronModel("Source", "r = 1 + i"));
        var post = net.AddPopulation("post", 2, new NeuronModel("Sink", "dh/dt = (I - h)/tau").WithParameter("tau", 1 * ms).WithInput("I"));
        var synapse = new SynapseModel("Rate", "I_post = w*r_pre : summed");
        net.Connect(pre, post, synapse, Connectivity.AllToAll(), weight: "0.1*(j + 1)");
        var input = net.MonitorState(post, "I", [0, 1]);
        net.Run(3 * ms);
        // post j receives Σ_i 0.1(j+1)·(1+i) = 0.6(j+1), every step, from the first.
        Assert.All(input.Trace(0), v => Assert.Equal(0.6, v, 1e-12));
        Assert.All(input.Trace(1), v => Assert.Equal(1.2, v, 1e-12));
    }

    [Fact]
    public void Weights_with_their_own_dynamics_are_integrated_every_step()
    {
        var net = new Network(dt: 1 * ms, precision: Precision.Double);
        var pre = net.AddPopulation("pre", 2, new NeuronModel("Source", "r = 1 + i"));
        var post = net.AddPopulation("post", 1, new NeuronModel("Sink", "").WithInput("I"));
        // Hebbian growth with decay: dw/dt = (r_pre - w)/tau_w → w → r_pre.
        var synapse = new SynapseModel("Hebb", "dw/dt = (r_pre - w)/tau_w\nI_post = w*r_pre : summed").WithParameter("tau_w", 10 * ms);
        var projection = net.Connect(pre, post, synapse, Connectivity.AllToAll(), weight: 0);
        net.Run(100 * ms);
        var (preIndex, _, w) = projection.Get("w");
        for (int k = 0; k < w.Length; k++)
            Assert.Equal((1 + preIndex[k]) * (1 - Math.Exp(-10)), w[k], 1e-9);
    }

    [Fact]
    public void A_summed_variable_must_name_a_summed_input()
    {
        var net = new Network();
        var pre = net.AddPopulation("pre", 1, new NeuronModel("Source", "r = 1"));
        var post = net.AddPopulation("post", 1, new NeuronModel("Sink", "").WithInput("I"));
        net.Connect(pre, post, new SynapseModel("Bad", "J_post = w*r_pre : summed"), Connectivity.AllToAll(), 1);
        var e = Assert.Throws<ModelException>(() => net.Build());
        Assert.Contains("J_post = w*r_pre", e.Message);
        Assert.Contains("summed input", e.Message);
    }
}

public class SpikeIntoSummedInputTests
{
    [Fact]
    public void Spikes_into_a_summed_input_are_refused_with_what_to_do_instead()
    {
        var net = new Network();
        var src = net.AddSpikeSource("src", 1, [(0, 1 * ms)]);
        var post = net.AddPopulation("post", 1, new NeuronModel("Rate", "dh/dt = (I - h)/tau").WithParameter("tau", 10 * ms).WithInput("I"));
        net.Connect(src, post, "I", Connectivity.AllToAll(), 1000);
        var e = Assert.Throws<ModelException>(() => net.Build());
        Assert.Contains("'I' is a summed input", e.Message);
        Assert.Contains("I_post = w*r_pre : summed", e.Message);
    }
}

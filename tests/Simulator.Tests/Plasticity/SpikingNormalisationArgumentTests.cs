using Dendra.Plasticity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>What a spiking projection's normalisation refuses, each with a message that names the projection and what to change.</summary>
public sealed class SpikingNormalisationArgumentTests
{
    private static Projection Stdp(SynapseModel? synapse = null)
    {
        var net = new Network(0.1 * ms);
        var input = net.AddPoisson("input", 3, 10 * Hz);
        var output = net.AddPopulation("output", 2, new NeuronModel("Leaky", "dv/dt = -v/(10*ms)"));
        return net.Connect(input, output, synapse ?? PairStdp.Synapse("v"), Connectivity.AllToAll(), weight: 0.005, name: "in→out");
    }

    private static string Refusal(Action normalise)
    {
        var message = Assert.Throws<ModelException>(normalise).Message;
        Assert.Contains("projection 'in→out'", message);
        return message;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void An_exponent_that_is_not_finite_and_positive_is_refused(double p) =>
        Assert.Contains($"finite exponent p > 0, got {p}", Refusal(() => SynapticNormalisation.Lp(Stdp(), p, radius: 1)));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-78.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_radius_that_is_not_finite_and_positive_is_refused(double radius) =>
        Assert.Contains($"finite radius > 0, got {radius}", Refusal(() => SynapticNormalisation.L1(Stdp(), radius)));

    [Fact]
    public void Fewer_than_one_presentation_between_normalisations_is_refused() =>
        Assert.Contains("every 1 or more presentations, got 0",
            Refusal(() => Stdp().NormalisedTo(78, p: 1, NormalisationSchedule.EveryPresentations(0))));

    [Fact]
    public void Fewer_than_one_step_between_normalisations_is_refused() =>
        Assert.Contains("every 1 or more steps, got -2", Refusal(() => SynapticNormalisation.L2(Stdp(), 1, NormalisationSchedule.EverySteps(-2))));

    [Fact]
    public void A_schedule_left_at_its_default_value_is_refused() =>
        Assert.Contains("every 1 or more presentations, got 0", Refusal(() => Stdp().NormalisedTo(1, every: default(NormalisationSchedule))));

    [Fact]
    public void A_variable_the_synapse_model_does_not_have_is_refused()
    {
        var message = Refusal(() => SynapticNormalisation.L1(Stdp(), 78, variable: "weight"));
        Assert.Contains("PairSTDP has no variable 'weight'", message);
        Assert.Contains("its per-synapse variables: w", message);
    }

    [Fact]
    public void A_neuron_level_variable_is_refused()
    {
        var message = Refusal(() => SynapticNormalisation.L1(Stdp(), 78, variable: "Apost"));
        Assert.Contains("'Apost': it is a postsynaptic variable, stored once per neuron, not per synapse", message);
    }

    [Fact]
    public void A_parameter_is_refused() =>
        Assert.Contains("'wmax' is a parameter of PairSTDP, one value for all synapses", Refusal(() => SynapticNormalisation.L1(Stdp(), 78, variable: "wmax")));

    [Fact]
    public void A_sub_expression_is_refused()
    {
        var model = new SynapseModel("Summing", "I_post = w*v_pre : summed").WithVariable("u");
        Assert.Contains("'I_post' is a sub-expression of Summing", Refusal(() => Stdp(model).NormalisedTo(1, variable: "I_post")));
    }

    [Fact]
    public void An_event_driven_variable_is_refused()
    {
        var model = new SynapseModel("Decaying", "dx/dt = -x/(5*ms) : event-driven").OnPre("v += w*x\nx += 1");
        Assert.Contains("'x': it is event-driven, stored as of each synapse's last event", Refusal(() => Stdp(model).NormalisedTo(1, variable: "x")));
    }

    [Fact]
    public void A_clock_driven_synaptic_variable_may_be_normalised()
    {
        var model = new SynapseModel("Growing", "dx/dt = 1/second").OnPre("v += w*x");
        Assert.Equal("x", Stdp(model).NormalisedTo(1, variable: "x").Normalisation!.Variable);
    }

    [Fact]
    public void A_built_network_is_refused()
    {
        var projection = Stdp();
        projection.Network.Build();
        var message = Assert.Throws<InvalidOperationException>(() => SynapticNormalisation.L1(projection, 78)).Message;
        Assert.Contains("already built", message);
        Assert.Contains("normalisation", message);
    }
}

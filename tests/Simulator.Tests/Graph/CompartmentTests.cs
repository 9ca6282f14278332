using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Graph;

/// <summary>Projections reach the compartment whose named input they target.</summary>
public class CompartmentTests
{
    private static NeuronModel TwoCompartment(double coupling) => new NeuronModel("Pyramidal", """
        dv_s/dt = (-v_s + g_c*(v_d - v_s) + I_basal)/tau
        dv_d/dt = (-v_d + g_c*(v_s - v_d) + I_apical + ge_apical)/tau
        dge_apical/dt = -ge_apical/tau_syn
        """)
        .WithParameter("tau", 10 * ms).WithParameter("g_c", coupling).WithParameter("tau_syn", 5 * ms)
        .WithInput("I_basal").WithInput("I_apical");

    private static NeuronModel Rate() => new NeuronModel("Drive", "r = 1");

    [Fact]
    public void Rate_projections_onto_basal_and_apical_inputs_reach_their_own_compartment()
    {
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double);
        var pyramidal = net.AddPopulation("pyr", 2, TwoCompartment(coupling: 0));
        var bottomUp = net.AddPopulation("bottom-up", 3, Rate());
        var topDown = net.AddPopulation("top-down", 3, Rate());
        // Neuron 0 gets only basal drive, neuron 1 only apical drive.
        net.ConnectRate(bottomUp, pyramidal, "r", "I_basal", new double[,] { { 1, 1, 1 }, { 0, 0, 0 } });
        net.ConnectRate(topDown, pyramidal, "r", "I_apical", new double[,] { { 0, 0, 0 }, { 0.5, 0.5, 0.5 } });
        net.Run(200 * ms);
        var vs = pyramidal.Get("v_s");
        var vd = pyramidal.Get("v_d");
        Assert.Equal(3.0, vs[0], 1e-6);
        Assert.Equal(0.0, vd[0]);
        Assert.Equal(0.0, vs[1]);
        Assert.Equal(1.5, vd[1], 1e-6);
    }

    [Fact]
    public void Spiking_projection_onto_an_apical_synapse_moves_the_dendrite_first()
    {
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double);
        var pyramidal = net.AddPopulation("pyr", 1, TwoCompartment(coupling: 0.5));
        var spikes = net.AddSpikeSource("top-down", 1, [(0, 1 * ms)]);
        net.Connect(spikes, pyramidal, "ge_apical", Connectivity.AllToAll(), 1.0);
        var vd = net.MonitorState(pyramidal, "v_d", [0]);
        var vs = net.MonitorState(pyramidal, "v_s", [0]);
        net.Run(20 * ms);
        Assert.True(vd.Trace(0).Max() > 2 * vs.Trace(0).Max());
        Assert.True(vs.Trace(0).Max() > 0); // the coupling carries it on to the soma
    }

    [Fact]
    public void Injected_current_reaches_only_the_named_input()
    {
        var net = new Network(dt: 0.1 * ms, precision: Precision.Double);
        var pyramidal = net.AddPopulation("pyr", 1, TwoCompartment(coupling: 0));
        net.Inject(pyramidal, "I_apical", CurrentSource.Step(2, 0, 1));
        net.Run(100 * ms);
        Assert.Equal(0.0, pyramidal.Get("v_s")[0]);
        Assert.Equal(2.0, pyramidal.Get("v_d")[0], 1e-3);
    }
}

using Dendra.Differential.Tests.Framework;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Differential.Tests.Cases;

/// <summary>
/// Population reductions, <c>sum()</c> and <c>mean()</c> in neuron equations: computed once per step from the state at
/// the start of the step and held over every stage of the integrator. Brian2 has no reductions; the same math is a
/// summed variable of all-to-all Synapses from the group onto itself, written into a parameter of the group. Its
/// updater runs in the groups slot just before the group's state update (order − 1), from the start-of-step state,
/// and the parameter stays constant over the integrator's stages.
/// </summary>
internal static class ReductionCases
{
    public static IEnumerable<DifferentialCase> All =>
    [
        SumForLateralInhibition,
        MeanHeldOverRk4Stages,
        MeanWithSpikesAndResets,
        SumOfASubExpression,
    ];

    /// <summary>Rate neurons inhibiting each other through the sum of their rectified activities.</summary>
    private static DifferentialCase SumForLateralInhibition => new("reductions.sum_for_lateral_inhibition")
    {
        Steps = 300,
        Dendra = net => net.AddPopulation("G", 4, new NeuronModel("Competing", "dh/dt = (I0 - h - winh*(sum(max(h, 0)) - max(h, 0)))/tau")
                .WithParameter("tau", 5 * ms).WithParameter("winh", 0.3).WithParameter("I0", 0)
                .WithInitial("h", "0.1*i").WithMethod(Integrator.Euler))
            .Set("I0", "1 + 0.5*i"),
        Brian = """
            tau = 5*ms
            winh = 0.3
            G = NeuronGroup(4, '''dh/dt = (I0 - h - winh*(total - clip(h, 0, inf)))/tau : 1
                                  I0 : 1 (constant)
                                  total : 1''', method='euler')
            G.I0 = '1 + 0.5*i'
            G.h = '0.1*i'
            T = Synapses(G, G, 'total_post = clip(h_pre, 0, inf) : 1 (summed)')
            T.connect()
            """,
        Traces = [TraceRequest.Of("G", "h", 0, 1, 2, 3)],
    };

    /// <summary>A mean-field coupling under RK4: the mean is the start-of-step value in all four stages.</summary>
    private static DifferentialCase MeanHeldOverRk4Stages => new("reductions.mean_held_over_rk4_stages")
    {
        Steps = 200,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("MeanField", "dx/dt = (k*tanh(mean(x)) - x + drive)/tau")
                .WithParameter("tau", 2 * ms).WithParameter("k", 1.5).WithParameter("drive", 0)
                .WithInitial("x", "1 - i").WithMethod(Integrator.RK4))
            .Set("drive", "0.2*i - 0.1"),
        Brian = """
            tau = 2*ms
            k = 1.5
            G = NeuronGroup(3, '''dx/dt = (k*tanh(avg) - x + drive)/tau : 1
                                  drive : 1 (constant)
                                  avg : 1''', method='rk4')
            G.drive = '0.2*i - 0.1'
            G.x = '1 - i'
            T = Synapses(G, G, 'avg_post = x_pre/N_pre : 1 (summed)')
            T.connect()
            """,
        Traces = [TraceRequest.Of("G", "x", 0, 1, 2)],
    };

    /// <summary>Spiking neurons pulled towards their mean: the mean of each step reads the reset values of the step before.</summary>
    private static DifferentialCase MeanWithSpikesAndResets => new("reductions.mean_with_spikes_and_resets")
    {
        Steps = 400,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("Coupled", "dv/dt = (El + drive - v + k*(mean(v) - v))/tau")
                .WithParameter("El", -65 * mV).WithParameter("tau", 10 * ms).WithParameter("k", 0.5).WithParameter("drive", 0)
                .WithThreshold("v > -50*mV").WithReset("v = El").WithInitial("v", "El").WithMethod(Integrator.Exact))
            .Set("drive", "16*mV + 6*mV*i"),
        Brian = """
            El = -65*mV
            tau = 10*ms
            k = 0.5
            G = NeuronGroup(3, '''dv/dt = (El + drive - v + k*(avg - v))/tau : volt
                                  drive : volt (constant)
                                  avg : volt''',
                            threshold='v > -50*mV', reset='v = El', method='exact')
            G.drive = '16*mV + 6*mV*i'
            G.v = 'El'
            T = Synapses(G, G, 'avg_post = v_pre/N_pre : volt (summed)')
            T.connect()
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2)],
        Spikes = ["G"],
    };

    /// <summary>The sum of a (monitored) sub-expression, under RK2.</summary>
    private static DifferentialCase SumOfASubExpression => new("reductions.sum_of_a_subexpression")
    {
        Steps = 200,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("Recurrent", """
                dh/dt = (I0 - h + c*sum(r))/tau
                r = tanh(h)
                """)
                .WithParameter("tau", 4 * ms).WithParameter("c", -0.4).WithParameter("I0", 0)
                .WithMethod(Integrator.RK2))
            .Set("I0", "0.5 + 0.5*i"),
        Brian = """
            tau = 4*ms
            c = -0.4
            G = NeuronGroup(3, '''dh/dt = (I0 - h + c*total)/tau : 1
                                  r = tanh(h) : 1
                                  I0 : 1 (constant)
                                  total : 1''', method='rk2')
            G.I0 = '0.5 + 0.5*i'
            T = Synapses(G, G, 'total_post = tanh(h_pre) : 1 (summed)')
            T.connect()
            """,
        Traces = [TraceRequest.Of("G", "h", 0, 1, 2), TraceRequest.Of("G", "r", 0, 2)],
    };
}

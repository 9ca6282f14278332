using Dendra.Differential.Tests.Framework;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Differential.Tests.Cases;

/// <summary>
/// Initial values: expressions of <c>i</c>, <c>N</c>, parameters (shared and per neuron) and other state variables, and
/// explicit arrays. An initial value that reads another variable reads that variable's initial value, whatever order
/// the variables are declared in (the Brian2 side assigns them in dependency order, which is what that means).
/// </summary>
internal static class InitialisationCases
{
    public static IEnumerable<DifferentialCase> All =>
    [
        ExpressionsOfParametersAndIndex,
        ReadsAVariableDeclaredLater,
        ReadsAVariableDeclaredEarlier,
        ExplicitArrays,
    ];

    /// <summary>A per-neuron parameter from i, and state from that parameter, i and N; recorded from the first step on.</summary>
    private static DifferentialCase ExpressionsOfParametersAndIndex => new("initialisation.from_parameters_and_index")
    {
        Steps = 50,
        Dendra = net => net.AddPopulation("G", 4, new NeuronModel("Leaky", "dv/dt = (El - v)/tau")
                .WithParameter("El", 0).WithParameter("tau", 10 * ms)
                .WithState("z", "2*i - N")
                .WithInitial("v", "El + 5*mV*i/N + 1*mV").WithMethod(Integrator.Exact))
            .Set("El", "-70*mV + 2*mV*i"),
        Brian = """
            tau = 10*ms
            G = NeuronGroup(4, '''dv/dt = (El - v)/tau : volt
                                  El : volt (constant)
                                  z : 1''', method='exact')
            G.El = '-70*mV + 2*mV*i'
            G.z = '2*i - N'
            G.v = 'El + 5*mV*i/N + 1*mV'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2, 3), TraceRequest.Of("G", "z", 0, 3), TraceRequest.Of("G", "El", 0, 3)],
    };

    /// <summary>v's initial value reads u, whose equation comes after v's.</summary>
    private static DifferentialCase ReadsAVariableDeclaredLater => new("initialisation.reads_a_variable_declared_later")
    {
        Steps = 50,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("Pair", """
                dv/dt = (u - v)/tau
                du/dt = -u/tauu
                """)
                .WithParameter("tau", 5 * ms).WithParameter("tauu", 20 * ms)
                .WithInitial("v", "u + 1*mV").WithInitial("u", "-60*mV + 2*mV*i").WithMethod(Integrator.Exact)),
        Brian = """
            tau = 5*ms
            tauu = 20*ms
            G = NeuronGroup(3, '''dv/dt = (u - v)/tau : volt
                                  du/dt = -u/tauu : volt''', method='exact')
            G.u = '-60*mV + 2*mV*i'
            G.v = 'u + 1*mV'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2), TraceRequest.Of("G", "u", 0, 1, 2)],
    };

    /// <summary>The same, the other way round: w reads v, declared before it.</summary>
    private static DifferentialCase ReadsAVariableDeclaredEarlier => new("initialisation.reads_a_variable_declared_earlier")
    {
        Steps = 50,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("Pair", """
                dv/dt = -v/tau
                dw/dt = (v - w)/tauw
                """)
                .WithParameter("tau", 20 * ms).WithParameter("tauw", 5 * ms)
                .WithInitial("v", "-60*mV + 2*mV*i").WithInitial("w", "0.5*v").WithMethod(Integrator.Exact)),
        Brian = """
            tau = 20*ms
            tauw = 5*ms
            G = NeuronGroup(3, '''dv/dt = -v/tau : volt
                                  dw/dt = (v - w)/tauw : volt''', method='exact')
            G.v = '-60*mV + 2*mV*i'
            G.w = '0.5*v'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2), TraceRequest.Of("G", "w", 0, 1, 2)],
    };

    /// <summary>Initial values and a per-neuron parameter given as arrays, one value per neuron.</summary>
    private static DifferentialCase ExplicitArrays => new("initialisation.explicit_arrays")
    {
        Steps = 50,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("Leaky", "dv/dt = (El - v)/tau")
                .WithParameter("El", 0).WithParameter("tau", 10 * ms).WithMethod(Integrator.Exact))
            .Set("El", new[] { -70 * mV, -62.5 * mV, -55.25 * mV })
            .Initialize("v", new[] { -80 * mV, -50 * mV, -65.125 * mV }),
        Brian = """
            tau = 10*ms
            G = NeuronGroup(3, '''dv/dt = (El - v)/tau : volt
                                  El : volt (constant)''', method='exact')
            G.El = [-70, -62.5, -55.25]*mV
            G.v = [-80, -50, -65.125]*mV
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2)],
    };
}

using Dendra.Differential.Tests.Framework;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Differential.Tests.Cases;

/// <summary>
/// Sub-expressions: inlined into every stage of the integrators, used in thresholds and resets, and monitored. A
/// monitored sub-expression is the value of its expression at the end of the step (Brian2 evaluates it when the
/// monitor records, after resets and synaptic effects), so it must show a reset or an arriving spike of that step.
/// </summary>
internal static class SubExpressionCases
{
    public static IEnumerable<DifferentialCase> All =>
    [
        MonitoredSynapticCurrent,
        MonitoredAfterReset,
        MonitoredAfterSynapticInput,
        ChainedInsideRk4Stages,
        UsedInThresholdAndReset,
        MonitoredFunctionOfTime,
    ];

    /// <summary>A conductance-based current, monitored as the simulation integrates v with it inlined (exponential Euler).</summary>
    private static DifferentialCase MonitoredSynapticCurrent => new("subexpressions.monitored_synaptic_current")
    {
        Steps = 300,
        Dendra = net => net.AddPopulation("G", 2, new NeuronModel("COBA", """
                dv/dt = (gl*(El - v) + I_syn)/C
                dg/dt = -g/taug
                I_syn = g*(Ee - v)
                """)
                .WithParameter("gl", 10 * nS).WithParameter("El", -70 * mV).WithParameter("Ee", 0).WithParameter("C", 200 * pF)
                .WithParameter("taug", 5 * ms)
                .WithInitial("v", "El").WithInitial("g", "(20 + 20*i)*nS").WithMethod(Integrator.ExponentialEuler)),
        Brian = """
            gl = 10*nS
            El = -70*mV
            Ee = 0*mV
            C = 200*pF
            taug = 5*ms
            G = NeuronGroup(2, '''dv/dt = (gl*(El - v) + I_syn)/C : volt
                                  dg/dt = -g/taug : siemens
                                  I_syn = g*(Ee - v) : amp''', method='exponential_euler')
            G.v = 'El'
            G.g = '(20 + 20*i)*nS'
            """,
        Traces = [TraceRequest.Of("G", "I_syn", 0, 1), TraceRequest.Of("G", "v", 0, 1)],
    };

    /// <summary>A monitored sub-expression of v in a spiking neuron: at a spike step it must reflect the reset v.</summary>
    private static DifferentialCase MonitoredAfterReset => new("subexpressions.monitored_after_reset")
    {
        Steps = 400,
        Dendra = net => net.AddPopulation("G", 2, new NeuronModel("LIF", """
                dv/dt = (El + drive - v)/tau
                distance = Vt - v
                """)
                .WithParameter("El", -65 * mV).WithParameter("tau", 10 * ms).WithParameter("Vt", -50 * mV).WithParameter("drive", 0)
                .WithThreshold("v > Vt").WithReset("v = El").WithInitial("v", "El").WithMethod(Integrator.Exact))
            .Set("drive", "18*mV + 6*mV*i"),
        Brian = """
            El = -65*mV
            tau = 10*ms
            Vt = -50*mV
            G = NeuronGroup(2, '''dv/dt = (El + drive - v)/tau : volt
                                  distance = Vt - v : volt
                                  drive : volt (constant)''',
                            threshold='v > Vt', reset='v = El', method='exact')
            G.drive = '18*mV + 6*mV*i'
            G.v = 'El'
            """,
        Traces = [TraceRequest.Of("G", "distance", 0, 1), TraceRequest.Of("G", "v", 0, 1)],
        Spikes = ["G"],
    };

    /// <summary>A monitored sub-expression of a variable that spikes bump: in a step where a spike arrives it must include it.</summary>
    private static DifferentialCase MonitoredAfterSynapticInput => new("subexpressions.monitored_after_synaptic_input")
    {
        Steps = 100,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 1, [(0, 1 * ms), (0, 4 * ms)]);
            var g = net.AddPopulation("G", 2, new NeuronModel("CUBA", """
                    dv/dt = (El - v + ge)/tau
                    dge/dt = -ge/taue
                    depolarisation = v - El + ge
                    """)
                .WithParameter("El", -65 * mV).WithParameter("tau", 10 * ms).WithParameter("taue", 2 * ms)
                .WithInitial("v", "El").WithMethod(Integrator.Exact));
            net.Connect(p, g, "ge", Connectivity.AllToAll(), weight: "(2 + j)*mV", name: "S");
        },
        Brian = """
            El = -65*mV
            tau = 10*ms
            taue = 2*ms
            P = SpikeGeneratorGroup(1, [0, 0], [1, 4]*ms)
            G = NeuronGroup(2, '''dv/dt = (El - v + ge)/tau : volt
                                  dge/dt = -ge/taue : volt
                                  depolarisation = v - El + ge : volt''', method='exact')
            G.v = 'El'
            S = Synapses(P, G, 'w : volt', on_pre='ge += w')
            S.connect()
            S.w = '(2 + j)*mV'
            """,
        Traces = [TraceRequest.Of("G", "depolarisation", 0, 1), TraceRequest.Of("G", "ge", 0, 1)],
    };

    /// <summary>Sub-expressions of sub-expressions, nonlinear, inlined into each of RK4's four stages.</summary>
    private static DifferentialCase ChainedInsideRk4Stages => new("subexpressions.chained_inside_rk4_stages")
    {
        Steps = 300,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("Chain", """
                dx/dt = (gain - x)/tau
                gain = 2*tanh(u)
                u = k*x + bias
                """)
                .WithParameter("tau", 5 * ms).WithParameter("k", 1.5).WithParameter("bias", 0)
                .WithInitial("x", "-1 + i").WithMethod(Integrator.RK4))
            .Set("bias", "-0.5 + 0.3*i"),
        Brian = """
            tau = 5*ms
            k = 1.5
            G = NeuronGroup(3, '''dx/dt = (gain - x)/tau : 1
                                  gain = 2*tanh(u) : 1
                                  u = k*x + bias : 1
                                  bias : 1 (constant)''', method='rk4')
            G.bias = '-0.5 + 0.3*i'
            G.x = '-1 + i'
            """,
        Traces = [TraceRequest.Of("G", "x", 0, 1, 2), TraceRequest.Of("G", "gain", 0, 1, 2), TraceRequest.Of("G", "u", 2)],
    };

    /// <summary>An adaptive threshold written as a sub-expression, read by the threshold and by the reset (before the reset
    /// raises it).</summary>
    private static DifferentialCase UsedInThresholdAndReset => new("subexpressions.used_in_threshold_and_reset")
    {
        Steps = 500,
        Dendra = net => net.AddPopulation("G", 2, new NeuronModel("AdaptiveThreshold", """
                dv/dt = (El + drive - v)/tau
                dh/dt = -h/tauh
                theta = Vt0 + h
                """)
                .WithParameter("El", -65 * mV).WithParameter("tau", 10 * ms).WithParameter("tauh", 40 * ms).WithParameter("Vt0", -50 * mV)
                .WithParameter("drive", 0)
                .WithThreshold("v > theta").WithReset("v = theta - 15*mV; h += 3*mV")
                .WithInitial("v", "El").WithMethod(Integrator.Exact))
            .Set("drive", "20*mV + 8*mV*i"),
        Brian = """
            El = -65*mV
            tau = 10*ms
            tauh = 40*ms
            Vt0 = -50*mV
            G = NeuronGroup(2, '''dv/dt = (El + drive - v)/tau : volt
                                  dh/dt = -h/tauh : volt
                                  theta = Vt0 + h : volt
                                  drive : volt (constant)''',
                            threshold='v > theta', reset='v = theta - 15*mV; h += 3*mV', method='exact')
            G.drive = '20*mV + 8*mV*i'
            G.v = 'El'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1), TraceRequest.Of("G", "h", 0, 1)],
        Spikes = ["G"],
    };

    /// <summary>A monitored sub-expression of t: the value at the step's time t = step·dt, as the step's update used it.</summary>
    private static DifferentialCase MonitoredFunctionOfTime => new("subexpressions.monitored_function_of_time")
    {
        Steps = 200,
        Dendra = net => net.AddPopulation("G", 2, new NeuronModel("Filter", """
                dx/dt = (stimulus - x)/tau
                stimulus = A*sin(6.283185307179586*f*t)
                """)
                .WithParameter("A", 1).WithParameter("f", 200 * Hz).WithParameter("tau", 2 * ms).WithMethod(Integrator.Euler))
            .Set("A", "1 + i"),
        Brian = """
            f = 200*Hz
            tau = 2*ms
            G = NeuronGroup(2, '''dx/dt = (stimulus - x)/tau : 1
                                  stimulus = A*sin(6.283185307179586*f*t) : 1
                                  A : 1 (constant)''', method='euler')
            G.A = '1 + i'
            """,
        Traces = [TraceRequest.Of("G", "stimulus", 0, 1), TraceRequest.Of("G", "x", 0, 1)],
    };
}

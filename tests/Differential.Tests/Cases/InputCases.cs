using Dendra.Differential.Tests.Framework;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Differential.Tests.Cases;

/// <summary>
/// Deterministic inputs: spike-time sources (Brian2's SpikeGeneratorGroup) and current sources. Dendra adds a current
/// source's value at t = step·dt to a summed input, held for the whole step (every stage of RK2 and RK4 sees it); the
/// Brian2 side sets a parameter from a TimedArray (or expression) with run_regularly at the start of the step
/// (when='before_groups'), which holds it the same way. A TimedArray read inside the equations would not: RK4's last stage
/// would read the next step's sample.
/// </summary>
internal static class InputCases
{
    public static IEnumerable<DifferentialCase> All =>
    [
        SpikeSourceDrivesLif,
        TwoSourceNeuronsInOneStep,
        SpikeSourceTimesRoundToTheNearestStep,
        CurrentStepOnTheGrid,
        CurrentStepStartingBetweenFloatingPointSteps,
        CurrentStepHeldOverRk4Stages,
        SineCurrentHeldOverRk2Stages,
        ArrayCurrentHeldPerSample,
    ];

    /// <summary>A leaky neuron with a summed input I (amperes) that current sources feed.</summary>
    private static NeuronModel Lif(Integrator method) => new NeuronModel("LIF", "dv/dt = (El - v + R*I)/tau")
        .WithParameter("El", -65 * mV).WithParameter("R", 100 * Mohm).WithParameter("tau", 10 * ms).WithInput("I")
        .WithInitial("v", "El").WithMethod(method);

    /// <summary>The Brian2 side of <see cref="Lif"/>: I is a parameter that <paramref name="feed"/> sets at the start of each
    /// step, from <c>stim</c> (which <paramref name="stimulus"/> defines) or from an expression of t.</summary>
    private static string BrianLif(string method, string stimulus, string feed) => $"""
        El = -65*mV
        R = 100*Mohm
        tau = 10*ms
        {stimulus}
        G = NeuronGroup(3, '''dv/dt = (El - v + R*I)/tau : volt
                              I : amp''', method='{method}')
        G.v = 'El'
        {feed}
        """;

    /// <summary>Python that sets I of the given neurons from <c>stim</c> at the start of every step.</summary>
    private static string FeedFromStim(string neurons) => $"G[{neurons}].run_regularly('I = stim(t)', when='before_groups')";

    /// <summary>A TimedArray <c>stim</c>, one sample per step, that is <paramref name="amplitude"/> from step <paramref name="on"/>
    /// to step <paramref name="off"/> (excluded).</summary>
    private static string StepStimulus(string amplitude, int on, int off, int steps) =>
        $"stim = TimedArray(np.where((np.arange({steps}) >= {on}) & (np.arange({steps}) < {off}), 1.0, 0.0)*{amplitude}, dt=defaultclock.dt)";

    /// <summary>Three sources, two of them spiking in the same step, into a current-based neuron through weights of i and j.</summary>
    private static DifferentialCase SpikeSourceDrivesLif => new("inputs.spike_source_drives_lif")
    {
        Steps = 150,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 3, [(0, 1 * ms), (1, 2.5 * ms), (2, 2.5 * ms), (0, 4 * ms), (2, 7.3 * ms), (1, 7.3 * ms)]);
            var g = net.AddPopulation("G", 2, new NeuronModel("CUBA", """
                    dv/dt = (El - v + ge)/tau
                    dge/dt = -ge/taue
                    """)
                .WithParameter("El", -60 * mV).WithParameter("tau", 10 * ms).WithParameter("taue", 2 * ms)
                .WithThreshold("v > -55*mV").WithReset("v = El").WithInitial("v", "El").WithMethod(Integrator.Exact));
            net.Connect(p, g, "ge", Connectivity.AllToAll(), weight: "4*mV*(1 + i) + 2*mV*j", name: "S");
        },
        Brian = """
            El = -60*mV
            tau = 10*ms
            taue = 2*ms
            P = SpikeGeneratorGroup(3, [0, 1, 2, 0, 2, 1], [1, 2.5, 2.5, 4, 7.3, 7.3]*ms)
            G = NeuronGroup(2, '''dv/dt = (El - v + ge)/tau : volt
                                  dge/dt = -ge/taue : volt''',
                            threshold='v > -55*mV', reset='v = El', method='exact')
            G.v = 'El'
            S = Synapses(P, G, 'w : volt', on_pre='ge += w')
            S.connect()
            S.w = '4*mV*(1 + i) + 2*mV*j'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1), TraceRequest.Of("G", "ge", 0, 1)],
        Spikes = ["P", "G"],
    };

    /// <summary>
    /// Two source neurons spiking in the same step onto one target: both spikes arrive in that step. (One neuron given two
    /// times in one step is refused by both simulators, Dendra naming the neuron and the times; see AuditedModelTests.)
    /// </summary>
    private static DifferentialCase TwoSourceNeuronsInOneStep => new("inputs.two_source_neurons_in_one_step")
    {
        Steps = 50,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 2, [(0, 1 * ms), (1, 1 * ms), (0, 3 * ms)]);
            var g = net.AddPopulation("G", 1, new NeuronModel("Counter", "dx/dt = -x/tau").WithParameter("tau", 10 * ms).WithMethod(Integrator.Exact));
            net.Connect(p, g, "x", Connectivity.AllToAll(), weight: 1, name: "S");
        },
        Brian = """
            tau = 10*ms
            P = SpikeGeneratorGroup(2, [0, 1, 0], [1, 1, 3]*ms)
            G = NeuronGroup(1, 'dx/dt = -x/tau : 1', method='exact')
            S = Synapses(P, G, on_pre='x += 1')
            S.connect()
            """,
        Traces = [TraceRequest.Of("G", "x", 0)],
    };

    /// <summary>
    /// Convention difference, pinned to Dendra's documented behaviour ("rounded to the step"): a spike time between two
    /// steps goes to the nearest step in Dendra, to the step before it in Brian2 (which bins t/dt + 0.001 down).
    /// 0.37, 1.26 and 0.78 ms become steps 4, 13 and 8 in Dendra, 3, 12 and 7 in Brian2; the Brian2 side is given the
    /// steps Dendra uses.
    /// </summary>
    private static DifferentialCase SpikeSourceTimesRoundToTheNearestStep => new("inputs.spike_times_round_to_the_nearest_step")
    {
        Steps = 40,
        Dendra = net => net.AddSpikeSource("P", 2, [(0, 0.37 * ms), (0, 1.26 * ms), (1, 2.04 * ms), (1, 0.78 * ms)]),
        Brian = """
            P = SpikeGeneratorGroup(2, [0, 0, 1, 1], [4, 13, 20, 8]*defaultclock.dt)
            """,
        Spikes = ["P"],
    };

    /// <summary>A current step from 2 to 8 ms into two of three neurons (exact integration, the input held over the step).</summary>
    private static DifferentialCase CurrentStepOnTheGrid => new("inputs.current_step_on_the_grid")
    {
        Steps = 120,
        Dendra = net =>
        {
            var g = net.AddPopulation("G", 3, Lif(Integrator.Exact));
            net.Inject(g.Slice(0, 2), "I", CurrentSource.Step(0.15 * nA, 2 * ms, 8 * ms));
        },
        Brian = BrianLif("exact", StepStimulus("0.15*nA", 20, 80, 120), FeedFromStim("0:2")),
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2), TraceRequest.Of("G", "I", 0, 2)],
    };

    /// <summary>
    /// A step starting at 4.9 ms (4.9·1e-3 = 0.004900000000000001 in binary) switches on at step 49, the step whose time
    /// it names, although 49·dt = 0.0049 is a hair smaller than that start.
    /// </summary>
    private static DifferentialCase CurrentStepStartingBetweenFloatingPointSteps => new("inputs.current_step_start_between_float_steps")
    {
        Steps = 100,
        Dendra = net =>
        {
            var g = net.AddPopulation("G", 3, Lif(Integrator.Exact));
            net.Inject(g.Slice(0, 3), "I", CurrentSource.Step(0.15 * nA, 4.9 * ms, 8 * ms));
        },
        Brian = BrianLif("exact", StepStimulus("0.15*nA", 49, 80, 100), FeedFromStim("0:3")),
        Traces = [TraceRequest.Of("G", "v", 0), TraceRequest.Of("G", "I", 0)],
    };

    /// <summary>A current step under RK4: all four stages see the step's value, also at the steps where it switches.</summary>
    private static DifferentialCase CurrentStepHeldOverRk4Stages => new("inputs.current_step_held_over_rk4_stages")
    {
        Steps = 120,
        Dendra = net =>
        {
            var g = net.AddPopulation("G", 3, Lif(Integrator.RK4));
            net.Inject(g.Slice(1, 2), "I", CurrentSource.Step(0.2 * nA, 3 * ms, 9 * ms));
        },
        Brian = BrianLif("rk4", StepStimulus("0.2*nA", 30, 90, 120), FeedFromStim("1:3")),
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2)],
    };

    /// <summary>A sine current, the value at the start of each step held over RK2's two stages.</summary>
    private static DifferentialCase SineCurrentHeldOverRk2Stages => new("inputs.sine_current_held_over_rk2_stages")
    {
        Steps = 200,
        Dendra = net =>
        {
            var g = net.AddPopulation("G", 3, Lif(Integrator.RK2));
            net.Inject(g.Slice(0, 3), "I", CurrentSource.Sine(0.1 * nA, 150 * Hz, phase: 0.5, offset: 0.05 * nA));
        },
        Brian = BrianLif("rk2", "", "G.run_regularly('I = 0.1*nA*sin(2*pi*150*Hz*t + 0.5) + 0.05*nA', when='before_groups')"),
        Traces = [TraceRequest.Of("G", "v", 0), TraceRequest.Of("G", "I", 0)],
    };

    /// <summary>A sampled current, each sample held for 1 ms, the last one held after the end of the array.</summary>
    private static DifferentialCase ArrayCurrentHeldPerSample => new("inputs.array_current_held_per_sample")
    {
        Steps = 100,
        Dendra = net =>
        {
            var g = net.AddPopulation("G", 3, Lif(Integrator.Exact));
            net.Inject(g.Slice(0, 3), "I", CurrentSource.FromArray([0.1 * nA, -0.05 * nA, 0.2 * nA, 0, 0.12 * nA], 1 * ms));
        },
        Brian = BrianLif("exact", "stim = TimedArray([0.1, -0.05, 0.2, 0, 0.12]*nA, dt=1*ms)", FeedFromStim("0:3")),
        Traces = [TraceRequest.Of("G", "v", 0), TraceRequest.Of("G", "I", 0)],
    };
}

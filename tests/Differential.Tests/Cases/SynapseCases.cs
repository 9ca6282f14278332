using Dendra.Differential.Tests.Framework;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Differential.Tests.Cases;

/// <summary>
/// Spiking synapses: delivery with and without delays, on-pre and on-post code (on-pre first when both fall in one
/// step, in both simulators), event-driven and clock-driven synaptic variables, summed variables, <c>i</c> and <c>j</c>,
/// slices, and how names in synapse code resolve. Synaptic variables are sampled at the end of every step; an
/// event-driven one holds its value as of its last event in both simulators.
/// </summary>
internal static class SynapseCases
{
    public static IEnumerable<DifferentialCase> All =>
    [
        ConstantDelay,
        PerSynapseDelaysFromJ,
        BetweenPopulationSlices,
        VariablesInitialisedFromIAndJ,
        Stdp(delayMs: 0),
        Stdp(delayMs: 2),
        ClockDrivenTraceFeedsSummedInput,
        EventDrivenTraceReadBySummedCode,
        EventDrivenTraceReadByClockDrivenEquation,
        IInOnPreIsThePresynapticIndex,
        JInOnPreIsThePostsynapticIndex,
        IAndJInOnPost,
        SubExpressionNamedLikeAPostsynapticVariable,
        VariableAndParameterNamedLikePostsynapticVariables,
        OnPreReadsPresynapticParameter,
        EventCodeReadsNeuronVariablesAfterReset,
        OnPreWritesPreAndPostsynapticCounters,
        SummedRateCoupling,
        ClockDrivenWeightReadsUpdatedNeurons,
    ];

    /// <summary>A decaying postsynaptic variable, the target of most cases.</summary>
    private static NeuronModel Decaying(string variable, double tau) =>
        new NeuronModel("Decaying", $"d{variable}/dt = -{variable}/tau").WithParameter("tau", tau).WithMethod(Integrator.Exact);

    /// <summary>Regularly spiking presynaptic neurons (drive grows with i), for cases whose synapse code reads neuron variables.</summary>
    private static NeuronModel Pacemaker() => new NeuronModel("Pacemaker", "dv/dt = (El + drive - v)/tau")
        .WithParameter("El", -65 * mV).WithParameter("tau", 10 * ms).WithParameter("drive", 0)
        .WithThreshold("v > -50*mV").WithReset("v = El").WithInitial("v", "El").WithMethod(Integrator.Exact);

    /// <summary>The Brian2 side of <see cref="Pacemaker"/>, as group <paramref name="name"/> of <paramref name="size"/> neurons,
    /// with <paramref name="variables"/> declared besides (one per line, Brian2's syntax).</summary>
    private static string BrianPacemaker(string name, int size, string drive, params string[] variables) => $"""
        {name} = NeuronGroup({size}, '''dv/dt = (-65*mV + drive - v)/(10*ms) : volt
                                 drive : volt (constant)
                                 {string.Join("\n", variables)}''',
                        threshold='v > -50*mV', reset='v = -65*mV', method='exact')
        {name}.drive = '{drive}'
        {name}.v = -65*mV

        """;

    /// <summary>A spike arrives 1.5 ms (15 steps) after it was emitted.</summary>
    private static DifferentialCase ConstantDelay => new("synapses.constant_delay")
    {
        Steps = 100,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 2, [(0, 1 * ms), (1, 2 * ms), (0, 2.2 * ms)]);
            var g = net.AddPopulation("G", 2, Decaying("x", 5 * ms));
            net.Connect(p, g, "x", Connectivity.AllToAll(), weight: "1 + i + 10*j", delay: 1.5 * ms, name: "S");
        },
        Brian = """
            P = SpikeGeneratorGroup(2, [0, 1, 0], [1, 2, 2.2]*ms)
            G = NeuronGroup(2, 'dx/dt = -x/(5*ms) : 1', method='exact')
            S = Synapses(P, G, 'w : 1', on_pre='x += w', delay=1.5*ms)
            S.connect()
            S.w = '1 + i + 10*j'
            """,
        Traces = [TraceRequest.Of("G", "x", 0, 1)],
    };

    /// <summary>Delays of 0.7, 1.4 and 2.1 ms, one per target neuron, from an expression in j.</summary>
    private static DifferentialCase PerSynapseDelaysFromJ => new("synapses.per_synapse_delays_from_j")
    {
        Steps = 60,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 1, [(0, 1 * ms)]);
            var g = net.AddPopulation("G", 3, Decaying("x", 5 * ms));
            net.Connect(p, g, "x", Connectivity.AllToAll(), weight: 1, delay: "(1 + j)*0.7*ms", name: "S");
        },
        Brian = """
            P = SpikeGeneratorGroup(1, [0], [1]*ms)
            G = NeuronGroup(3, 'dx/dt = -x/(5*ms) : 1', method='exact')
            S = Synapses(P, G, on_pre='x += 1')
            S.connect()
            S.delay = '(1 + j)*0.7*ms'
            """,
        Traces = [TraceRequest.Of("G", "x", 0, 1, 2)],
    };

    /// <summary>A projection from a slice to a slice: i and j count from the start of each slice. (The source is a neuron
    /// group because Brian2 cannot take a slice of a SpikeGeneratorGroup.)</summary>
    private static DifferentialCase BetweenPopulationSlices => new("synapses.between_population_slices")
    {
        Steps = 200,
        Dendra = net =>
        {
            var p = net.AddPopulation("P", 4, Pacemaker()).Set("drive", "20*mV + 5*mV*i");
            var g = net.AddPopulation("G", 3, Decaying("x", 5 * ms));
            net.Connect(p.Slice(1, 2), g.Slice(1, 2), "x", Connectivity.AllToAll(), weight: "1 + i + 10*j", name: "S");
        },
        Brian = BrianPacemaker("P", 4, "20*mV + 5*mV*i") + """
            G = NeuronGroup(3, 'dx/dt = -x/(5*ms) : 1', method='exact')
            S = Synapses(P[1:3], G[1:3], 'w : 1', on_pre='x += w')
            S.connect()
            S.w = '1 + i + 10*j'
            """,
        Traces = [TraceRequest.Of("G", "x", 0, 1, 2)],
        Spikes = ["P"],
    };

    /// <summary>A synaptic variable and the weight initialised from expressions in i and j, both read by on-pre code.</summary>
    private static DifferentialCase VariablesInitialisedFromIAndJ => new("synapses.variables_initialised_from_i_and_j")
    {
        Steps = 50,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 3, [(0, 1 * ms), (1, 2 * ms), (2, 3 * ms)]);
            var g = net.AddPopulation("G", 2, Decaying("y", 10 * ms));
            var model = new SynapseModel("Tagged").WithVariable("x").OnPre("y += w + x");
            net.Connect(p, g, model, Connectivity.AllToAll(), weight: "(1 + i)*0.5 + j", name: "S").Initialize("x", "0.1*i + 0.01*j");
        },
        Brian = """
            P = SpikeGeneratorGroup(3, [0, 1, 2], [1, 2, 3]*ms)
            G = NeuronGroup(2, 'dy/dt = -y/(10*ms) : 1', method='exact')
            S = Synapses(P, G, '''w : 1
                                  x : 1''', on_pre='y += w + x')
            S.connect()
            S.w = '(1 + i)*0.5 + j'
            S.x = '0.1*i + 0.01*j'
            """,
        Traces = [TraceRequest.Of("G", "y", 0, 1)],
        SynapseTraces = [new("S", "x"), new("S", "w")],
    };

    /// <summary>
    /// Pair STDP with event-driven traces between two spike sources, including a pre and a post spike in the same step
    /// (on-pre runs first in both simulators). With a delay, the pre-side code runs when the spike arrives.
    /// </summary>
    private static DifferentialCase Stdp(int delayMs) => new($"synapses.stdp_event_driven_traces_delay_{delayMs}ms")
    {
        Steps = 400,
        Dendra = net =>
        {
            var pre = net.AddSpikeSource("P", 2, [(0, 5 * ms), (1, 8 * ms), (0, 12 * ms), (0, 20 * ms), (1, 22 * ms)]);
            var post = net.AddSpikeSource("Q", 2, [(1, 6 * ms), (0, 7 * ms), (0, 12 * ms), (0, 18 * ms), (1, 30 * ms)]);
            var stdp = new SynapseModel("STDP", """
                    dApre/dt = -Apre/taupre : event-driven
                    dApost/dt = -Apost/taupost : event-driven
                    """)
                .WithParameter("taupre", 20 * ms).WithParameter("taupost", 20 * ms).WithParameter("wmax", 0.01)
                .WithParameter("dApre", 1e-3).WithParameter("dApost", -1.05e-3)
                .OnPre("Apre += dApre; w = clip(w + Apost, 0, wmax)")
                .OnPost("Apost += dApost; w = clip(w + Apre, 0, wmax)");
            net.Connect(pre, post, stdp, Connectivity.AllToAll(), weight: 0.005, delay: delayMs * ms, name: "S");
        },
        Brian = $"""
            taupre = 20*ms
            taupost = 20*ms
            wmax = 0.01
            dApre = 1e-3
            dApost = -1.05e-3
            P = SpikeGeneratorGroup(2, [0, 1, 0, 0, 1], [5, 8, 12, 20, 22]*ms)
            Q = SpikeGeneratorGroup(2, [1, 0, 0, 0, 1], [6, 7, 12, 18, 30]*ms)
            S = Synapses(P, Q, '''w : 1
                                  dApre/dt = -Apre/taupre : 1 (event-driven)
                                  dApost/dt = -Apost/taupost : 1 (event-driven)''',
                         on_pre='''Apre += dApre
                                   w = clip(w + Apost, 0, wmax)''',
                         on_post='''Apost += dApost
                                    w = clip(w + Apre, 0, wmax)''', delay={delayMs}*ms)
            S.connect()
            S.w = 0.005
            """,
        SynapseTraces = [new("S", "w"), new("S", "Apre"), new("S", "Apost")],
    };

    /// <summary>The neuron fed by the summed synaptic current of <see cref="ClockDrivenTraceFeedsSummedInput"/> and its kin.</summary>
    private static NeuronModel SummedInputLif() => new NeuronModel("LIF", "dv/dt = (El - v + R*I)/tau")
        .WithParameter("El", -65 * mV).WithParameter("R", 100 * Mohm).WithParameter("tau", 10 * ms).WithInput("I")
        .WithInitial("v", "El").WithMethod(Integrator.Exact);

    private const string BrianSummedInputLif = """
        G = NeuronGroup(2, '''dv/dt = (-65*mV - v + 100*Mohm*I)/(10*ms) : volt
                              I : amp''', method='exact')
        G.v = -65*mV
        """;

    private const string BrianTraceSource = "P = SpikeGeneratorGroup(2, [0, 1, 0, 1], [1, 3, 4, 9]*ms)";

    private static Population TraceSource(Network net) => net.AddSpikeSource("P", 2, [(0, 1 * ms), (1, 3 * ms), (0, 4 * ms), (1, 9 * ms)]);

    /// <summary>A clock-driven synaptic trace, bumped by on-pre code, feeding the postsynaptic input through a summed variable.</summary>
    private static DifferentialCase ClockDrivenTraceFeedsSummedInput => new("synapses.clock_driven_trace_feeds_summed_input")
    {
        Steps = 150,
        Dendra = net =>
        {
            var g = net.AddPopulation("G", 2, SummedInputLif());
            var model = new SynapseModel("Trace", """
                    dx/dt = -x/taux
                    I_post = w*x : summed
                    """).WithParameter("taux", 5 * ms).OnPre("x += 1").WithMethod(Integrator.Exact);
            net.Connect(TraceSource(net), g, model, Connectivity.AllToAll(), weight: "(1 + i)*0.1*nA - 0.05*nA*j", name: "S");
        },
        Brian = $"""
            {BrianTraceSource}
            {BrianSummedInputLif}
            S = Synapses(P, G, '''w : amp
                                  dx/dt = -x/(5*ms) : 1 (clock-driven)
                                  I_post = w*x : amp (summed)''', on_pre='x += 1', method='exact')
            S.connect()
            S.w = '(1 + i)*0.1*nA - 0.05*nA*j'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1), TraceRequest.Of("G", "I", 0, 1)],
        SynapseTraces = [new("S", "x")],
    };

    /// <summary>
    /// The same trace declared event-driven: the summed variable must read its value now, not as of the last spike.
    /// Brian2 refuses summed or clock-driven code that reads an event-driven variable, so its side writes the trace in
    /// closed form, x = x0·exp(−(t − tx)/τ), with x0 and tx set by on-pre code: what event-driven integration promises at
    /// every step. (A clock-driven trace is not the same model here: Brian2's summed update reads it before its state
    /// update, one step behind the event's time.)
    /// </summary>
    private static DifferentialCase EventDrivenTraceReadBySummedCode => new("synapses.event_driven_read_by_summed_code")
    {
        Steps = 150,
        Dendra = net =>
        {
            var g = net.AddPopulation("G", 2, SummedInputLif());
            var model = new SynapseModel("Trace", """
                    dx/dt = -x/taux : event-driven
                    I_post = w*x : summed
                    """).WithParameter("taux", 5 * ms).OnPre("x += 1");
            net.Connect(TraceSource(net), g, model, Connectivity.AllToAll(), weight: "(1 + i)*0.1*nA - 0.05*nA*j", name: "S");
        },
        Brian = $"""
            {BrianTraceSource}
            {BrianSummedInputLif}
            S = Synapses(P, G, '''w : amp
                                  x0 : 1
                                  tx : second
                                  x = x0*exp(-(t - tx)/(5*ms)) : 1
                                  I_post = w*x : amp (summed)''',
                         on_pre='''x0 = x0*exp(-(t - tx)/(5*ms)) + 1
                                   tx = t''')
            S.connect()
            S.w = '(1 + i)*0.1*nA - 0.05*nA*j'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1), TraceRequest.Of("G", "I", 0, 1)],
    };

    /// <summary>
    /// An event-driven trace read by a clock-driven (Euler) equation: each step must see the trace's value at the start
    /// of the step. Brian2 refuses the mix, so its side writes the trace in closed form, x = x0·exp(−(t − tx)/τ), with x0
    /// and tx set by on-pre code: exactly what event-driven integration computes.
    /// </summary>
    private static DifferentialCase EventDrivenTraceReadByClockDrivenEquation => new("synapses.event_driven_read_by_clock_driven_code")
    {
        Steps = 150,
        Dendra = net =>
        {
            var g = net.AddPopulation("G", 2, SummedInputLif());
            var model = new SynapseModel("FilteredTrace", """
                    dx/dt = -x/taux : event-driven
                    dy/dt = (x - y)/tauy
                    I_post = w*y : summed
                    """).WithParameter("taux", 5 * ms).WithParameter("tauy", 3 * ms).OnPre("x += 1").WithMethod(Integrator.Euler);
            net.Connect(TraceSource(net), g, model, Connectivity.AllToAll(), weight: "(1 + i)*0.1*nA - 0.05*nA*j", name: "S");
        },
        Brian = $"""
            {BrianTraceSource}
            {BrianSummedInputLif}
            S = Synapses(P, G, '''w : amp
                                  x0 : 1
                                  tx : second
                                  x = x0*exp(-(t - tx)/(5*ms)) : 1
                                  dy/dt = (x - y)/(3*ms) : 1 (clock-driven)
                                  I_post = w*y : amp (summed)''',
                         on_pre='''x0 = x0*exp(-(t - tx)/(5*ms)) + 1
                                   tx = t''', method='euler')
            S.connect()
            S.w = '(1 + i)*0.1*nA - 0.05*nA*j'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1), TraceRequest.Of("G", "I", 0, 1)],
        SynapseTraces = [new("S", "y")],
    };

    /// <summary>Three sources onto two targets, all to all: in on-pre code, i is the presynaptic neuron (not the synapse).</summary>
    private static DifferentialCase IInOnPreIsThePresynapticIndex => new("synapses.i_in_on_pre_is_the_presynaptic_index")
    {
        Steps = 50,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 3, [(0, 1 * ms), (1, 2 * ms), (2, 3 * ms)]);
            var g = net.AddPopulation("G", 2, Decaying("x", 10 * ms));
            net.Connect(p, g, new SynapseModel("Indexed").OnPre("x += 1 + i"), Connectivity.AllToAll(), weight: 0, name: "S");
        },
        Brian = """
            P = SpikeGeneratorGroup(3, [0, 1, 2], [1, 2, 3]*ms)
            G = NeuronGroup(2, 'dx/dt = -x/(10*ms) : 1', method='exact')
            S = Synapses(P, G, on_pre='x += 1 + i')
            S.connect()
            """,
        Traces = [TraceRequest.Of("G", "x", 0, 1)],
    };

    /// <summary>The same with j, the postsynaptic neuron.</summary>
    private static DifferentialCase JInOnPreIsThePostsynapticIndex => new("synapses.j_in_on_pre_is_the_postsynaptic_index")
    {
        Steps = 50,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 3, [(0, 1 * ms), (1, 2 * ms), (2, 3 * ms)]);
            var g = net.AddPopulation("G", 2, Decaying("x", 10 * ms));
            net.Connect(p, g, new SynapseModel("Indexed").OnPre("x += 1 + 10*j"), Connectivity.AllToAll(), weight: 0, name: "S");
        },
        Brian = """
            P = SpikeGeneratorGroup(3, [0, 1, 2], [1, 2, 3]*ms)
            G = NeuronGroup(2, 'dx/dt = -x/(10*ms) : 1', method='exact')
            S = Synapses(P, G, on_pre='x += 1 + 10*j')
            S.connect()
            """,
        Traces = [TraceRequest.Of("G", "x", 0, 1)],
    };

    /// <summary>On-post code that counts postsynaptic spikes into each synapse, weighted by its i and j.</summary>
    private static DifferentialCase IAndJInOnPost => new("synapses.i_and_j_in_on_post")
    {
        Steps = 50,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 2, [(0, 1 * ms)]);
            var q = net.AddSpikeSource("Q", 3, [(0, 2 * ms), (1, 3 * ms), (2, 4 * ms), (1, 4.5 * ms)]);
            net.Connect(p, q, new SynapseModel("PostCounter").OnPost("w += 1 + i + 10*j"), Connectivity.AllToAll(), weight: 0, name: "S");
        },
        Brian = """
            P = SpikeGeneratorGroup(2, [0], [1]*ms)
            Q = SpikeGeneratorGroup(3, [0, 1, 2, 1], [2, 3, 4, 4.5]*ms)
            S = Synapses(P, Q, 'w : 1', on_post='w += 1 + i + 10*j')
            S.connect()
            """,
        SynapseTraces = [new("S", "w")],
    };

    /// <summary>
    /// A synapse sub-expression g while the target neuron also has a g: bare g in synapse code is the synapse's own (the
    /// model language resolves synaptic names before postsynaptic ones), g_post the neuron's. Brian2 refuses the clash,
    /// so its side calls the sub-expression g_syn.
    /// </summary>
    private static DifferentialCase SubExpressionNamedLikeAPostsynapticVariable => new("synapses.own_subexpression_shadows_post_variable")
    {
        Steps = 50,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 2, [(0, 1 * ms), (1, 2 * ms)]);
            var g = net.AddPopulation("G", 2, Decaying("g", 10 * ms).WithInitial("g", "5 + 5*i"));
            net.Connect(p, g, new SynapseModel("Doubled", "g = 2*w").OnPre("g_post += g"), Connectivity.AllToAll(), weight: "1 + i", name: "S");
        },
        Brian = """
            P = SpikeGeneratorGroup(2, [0, 1], [1, 2]*ms)
            G = NeuronGroup(2, 'dg/dt = -g/(10*ms) : 1', method='exact')
            G.g = '5 + 5*i'
            S = Synapses(P, G, '''w : 1
                                  g_syn = 2*w : 1''', on_pre='g_post += g_syn')
            S.connect()
            S.w = '1 + i'
            """,
        Traces = [TraceRequest.Of("G", "g", 0, 1)],
    };

    /// <summary>
    /// A synaptic variable x and a synapse parameter k while the target neuron has an x and a k as well: bare names are the
    /// synapse's own, x_post and k_post the neuron's. Brian2 refuses a synaptic variable named like a postsynaptic one
    /// (and would resolve an external constant k to the neuron's k), so its side renames them.
    /// </summary>
    private static DifferentialCase VariableAndParameterNamedLikePostsynapticVariables => new("synapses.own_names_shadow_post_names")
    {
        Steps = 50,
        Dendra = net =>
        {
            var p = net.AddSpikeSource("P", 2, [(0, 1 * ms), (1, 2 * ms), (0, 3 * ms)]);
            var g = net.AddPopulation("G", 2, new NeuronModel("TwoDecaying", """
                    dx/dt = -x/tau
                    dk/dt = -k/tau
                    """).WithParameter("tau", 10 * ms).WithInitial("x", "10*i").WithInitial("k", "100 + 10*i").WithMethod(Integrator.Exact));
            var model = new SynapseModel("Shadowing").WithVariable("x").WithParameter("k", 3).OnPre("x_post += x*k; k_post += 1; x += 1");
            net.Connect(p, g, model, Connectivity.AllToAll(), weight: 0, name: "S").Initialize("x", "1 + i + 2*j");
        },
        Brian = """
            k_syn = 3
            P = SpikeGeneratorGroup(2, [0, 1, 0], [1, 2, 3]*ms)
            G = NeuronGroup(2, '''dx/dt = -x/(10*ms) : 1
                                  dk/dt = -k/(10*ms) : 1''', method='exact')
            G.x = '10*i'
            G.k = '100 + 10*i'
            S = Synapses(P, G, 'x_syn : 1', on_pre='x_post += x_syn*k_syn; k_post += 1; x_syn += 1')
            S.connect()
            S.x_syn = '1 + i + 2*j'
            """,
        Traces = [TraceRequest.Of("G", "x", 0, 1), TraceRequest.Of("G", "k", 0, 1)],
    };

    /// <summary>On-pre code reading a presynaptic parameter (x_pre) from spiking neuron groups, in Brian2's default schedule.</summary>
    private static DifferentialCase OnPreReadsPresynapticParameter => new("synapses.on_pre_reads_presynaptic_parameter")
    {
        Steps = 300,
        Dendra = net =>
        {
            var a = net.AddPopulation("A", 2, Pacemaker().WithParameter("scale", 0)).Set("drive", "20*mV + 10*mV*i").Set("scale", "1 + 2*i");
            var b = net.AddPopulation("B", 2, Decaying("y", 10 * ms));
            net.Connect(a, b, new SynapseModel("Scaled").OnPre("y_post += w*scale_pre"), Connectivity.AllToAll(), weight: "1 + j", name: "S");
        },
        Brian = BrianPacemaker("A", 2, "20*mV + 10*mV*i", "scale : 1 (constant)") + """
            A.scale = '1 + 2*i'
            B = NeuronGroup(2, 'dy/dt = -y/(10*ms) : 1', method='exact')
            S = Synapses(A, B, 'w : 1', on_pre='y_post += w*scale_pre')
            S.connect()
            S.w = '1 + j'
            """,
        Traces = [TraceRequest.Of("B", "y", 0, 1)],
        Spikes = ["A"],
    };

    /// <summary>
    /// Convention difference, aligned: on-pre code reads v_pre and on-post code reads v_post, both just reset. Dendra resets
    /// in its threshold phase, before any synaptic code runs, so both see the reset value; Brian2's default schedule runs
    /// synapses before resets (they would read the value above threshold), so its side runs resets first.
    /// </summary>
    private static DifferentialCase EventCodeReadsNeuronVariablesAfterReset => new("synapses.event_code_reads_neurons_after_reset")
    {
        Steps = 300,
        Dendra = net =>
        {
            var a = net.AddPopulation("A", 2, Pacemaker()).Set("drive", "20*mV + 10*mV*i");
            var b = net.AddPopulation("B", 2, Pacemaker().WithState("y")).Set("drive", "17*mV + 5*mV*i");
            var model = new SynapseModel("ReadsNeurons").OnPre("y_post += v_pre + 70*mV").OnPost("w += v_post + 70*mV");
            net.Connect(a, b, model, Connectivity.AllToAll(), weight: 0, name: "S");
        },
        Brian = BrianPacemaker("A", 2, "20*mV + 10*mV*i") + BrianPacemaker("B", 2, "17*mV + 5*mV*i", "y : volt") + """
            S = Synapses(A, B, 'w : volt', on_pre='y_post += v_pre + 70*mV', on_post='w += v_post + 70*mV')
            S.connect()
            """,
        BrianSchedule = BrianSchedules.ResetsBeforeSynapses,
        Traces = [TraceRequest.Of("B", "y", 0, 1)],
        SynapseTraces = [new("S", "w")],
        Spikes = ["A", "B"],
    };

    /// <summary>On-pre code that writes a presynaptic and a postsynaptic variable: one spike onto three targets adds three.</summary>
    private static DifferentialCase OnPreWritesPreAndPostsynapticCounters => new("synapses.on_pre_writes_pre_and_post_counters")
    {
        Steps = 300,
        Dendra = net =>
        {
            var a = net.AddPopulation("A", 2, Pacemaker().WithState("sent")).Set("drive", "20*mV + 10*mV*i");
            var b = net.AddPopulation("B", 3, Decaying("received", 1 * second));
            net.Connect(a, b, new SynapseModel("Counting").OnPre("sent_pre += 1; received_post += 1"), Connectivity.AllToAll(), weight: 0, name: "S");
        },
        Brian = BrianPacemaker("A", 2, "20*mV + 10*mV*i", "sent : 1") + """
            B = NeuronGroup(3, 'dreceived/dt = -received/second : 1', method='exact')
            S = Synapses(A, B, on_pre='sent_pre += 1; received_post += 1')
            S.connect()
            """,
        Traces = [TraceRequest.Of("A", "sent", 0, 1), TraceRequest.Of("B", "received", 0, 1, 2)],
        Spikes = ["A"],
    };

    /// <summary>Rate neurons coupled through a summed variable w·r_pre into the postsynaptic input.</summary>
    private static DifferentialCase SummedRateCoupling => new("synapses.summed_rate_coupling")
    {
        Steps = 200,
        Dendra = net =>
        {
            var a = net.AddPopulation("A", 2, new NeuronModel("Rate", "dr/dt = (drive - r)/tau")
                .WithParameter("tau", 5 * ms).WithParameter("drive", 0).WithMethod(Integrator.Euler)).Set("drive", "1 + i");
            var b = net.AddPopulation("B", 2, new NeuronModel("Sink", "dh/dt = (I - h)/tau")
                .WithParameter("tau", 10 * ms).WithInput("I").WithMethod(Integrator.Euler));
            net.Connect(a, b, new SynapseModel("Rate", "I_post = w*r_pre : summed"), Connectivity.AllToAll(), weight: "0.5 + 0.25*i - 0.5*j", name: "S");
        },
        Brian = """
            A = NeuronGroup(2, '''dr/dt = (drive - r)/(5*ms) : 1
                                  drive : 1 (constant)''', method='euler')
            A.drive = '1 + i'
            B = NeuronGroup(2, '''dh/dt = (I - h)/(10*ms) : 1
                                  I : 1''', method='euler')
            S = Synapses(A, B, '''w : 1
                                  I_post = w*r_pre : 1 (summed)''')
            S.connect()
            S.w = '0.5 + 0.25*i - 0.5*j'
            """,
        Traces = [TraceRequest.Of("B", "h", 0, 1), TraceRequest.Of("B", "I", 0, 1), TraceRequest.Of("A", "r", 1)],
    };

    /// <summary>
    /// A Hebbian weight integrated every step from r_pre·h_post. Dendra integrates synaptic equations after every
    /// population's update of the same step, so they read the neurons' new values; the Brian2 side gives the Synapses
    /// order=1 so its state updater runs after the groups' (with equal order Brian2 would order them by object name).
    /// </summary>
    private static DifferentialCase ClockDrivenWeightReadsUpdatedNeurons => new("synapses.clock_driven_weight_reads_updated_neurons")
    {
        Steps = 200,
        Dendra = net =>
        {
            var a = net.AddPopulation("A", 2, new NeuronModel("Rate", "dr/dt = (drive - r)/tau")
                .WithParameter("tau", 5 * ms).WithParameter("drive", 0).WithMethod(Integrator.Euler)).Set("drive", "1 + i");
            var b = net.AddPopulation("B", 2, new NeuronModel("Sink", "dh/dt = (I - h + 0.2)/tau")
                .WithParameter("tau", 10 * ms).WithInput("I").WithMethod(Integrator.Euler));
            var hebb = new SynapseModel("Hebb", """
                    dw/dt = (r_pre*h_post - w)/tauw
                    I_post = w*r_pre : summed
                    """).WithParameter("tauw", 20 * ms).WithMethod(Integrator.Euler);
            net.Connect(a, b, hebb, Connectivity.AllToAll(), weight: "0.1*(1 + i + j)", name: "S");
        },
        Brian = """
            A = NeuronGroup(2, '''dr/dt = (drive - r)/(5*ms) : 1
                                  drive : 1 (constant)''', method='euler')
            A.drive = '1 + i'
            B = NeuronGroup(2, '''dh/dt = (I - h + 0.2)/(10*ms) : 1
                                  I : 1''', method='euler')
            S = Synapses(A, B, '''dw/dt = (r_pre*h_post - w)/(20*ms) : 1 (clock-driven)
                                  I_post = w*r_pre : 1 (summed)''', method='euler', order=1)
            S.connect()
            S.w = '0.1*(1 + i + j)'
            """,
        Traces = [TraceRequest.Of("B", "h", 0, 1), TraceRequest.Of("B", "I", 0, 1)],
        SynapseTraces = [new("S", "w")],
    };
}

using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Neurons;

/// <summary>The cortical and thalamic cell classes of Izhikevich (2003), each a choice of (a, b, c, d).</summary>
public enum IzhikevichType
{
    /// <summary>Regular spiking (excitatory cortical cells): a = 0.02, b = 0.2, c = −65 mV, d = 8 mV. Tonic firing with adaptation.</summary>
    RS,

    /// <summary>Intrinsically bursting: a = 0.02, b = 0.2, c = −55 mV, d = 4 mV. An initial burst, then tonic spikes.</summary>
    IB,

    /// <summary>Chattering: a = 0.02, b = 0.2, c = −50 mV, d = 2 mV. Repetitive high-frequency bursts.</summary>
    CH,

    /// <summary>Fast spiking (inhibitory interneurons): a = 0.1, b = 0.2, c = −65 mV, d = 2 mV. High rate, little adaptation.</summary>
    FS,

    /// <summary>Low-threshold spiking (inhibitory interneurons): a = 0.02, b = 0.25, c = −65 mV, d = 2 mV.</summary>
    LTS,

    /// <summary>Thalamo-cortical: a = 0.02, b = 0.25, c = −65 mV, d = 0.05 mV.</summary>
    TC,

    /// <summary>Resonator: a = 0.1, b = 0.26, c = −65 mV, d = 2 mV.</summary>
    RZ,
}

/// <summary>The simple spiking neuron of Izhikevich (2003), written in SI units, with the paper's cell classes as presets.</summary>
public static class Izhikevich
{
    /// <summary>A new Izhikevich neuron of the given class (regular spiking by default).</summary>
    /// <param name="type">Which (a, b, c, d) to use; see <see cref="IzhikevichType"/>.</param>
    /// <remarks>
    /// The paper writes, with <c>v</c> and <c>u</c> in mV and time in ms,
    /// <c>v' = 0.04v² + 5v + 140 − u + I</c>, <c>u' = a(bv − u)</c>, and on <c>v ≥ 30</c>: <c>v ← c, u ← u + d</c>.
    /// Here <c>v</c>, <c>u</c>, <c>I</c>, <c>c</c> and <c>d</c> are in volts and time in seconds, which gives
    /// <code>
    /// dv/dt = (0.04*v^2/mV + 5*v + 140*mV - u + I)/ms
    /// du/dt = a*(b*v - u)/ms
    /// spike when v >= V_peak; then v = c, u += d
    /// </code>
    /// (the unit names read as their SI values: <c>mV</c> = 1e-3, <c>ms</c> = 1e-3), so <c>a</c> and <c>b</c> keep the
    /// paper's dimensionless values and <c>c</c>, <c>d</c> are the paper's millivolts. <c>I</c> is a summed input
    /// <b>in volts</b> (the paper's input, a current times the membrane resistance): the paper's <c>I = 10</c> is
    /// <c>10 * mV</c>. <c>v</c> starts at −65 mV and <c>u</c> at <c>b·v</c>, as in the paper.
    /// Integration: the <c>v²</c> term makes the system nonlinear; it is integrated with RK4 (what
    /// <see cref="Integrator.Auto"/> chooses), accurate at dt = 0.1 ms. Izhikevich's own code used forward Euler
    /// with 0.5–1 ms steps; call <c>.WithMethod(Integrator.Euler)</c> on the returned model to reproduce that scheme.
    /// <list type="table">
    /// <listheader><term>name</term><description>default (RS)</description><description>unit</description><description>meaning</description></listheader>
    /// <item><term>a</term><description>0.02</description><description>1</description><description>recovery rate of <c>u</c> (per ms)</description></item>
    /// <item><term>b</term><description>0.2</description><description>1</description><description>sensitivity of <c>u</c> to <c>v</c></description></item>
    /// <item><term>c</term><description>−65 mV</description><description>V</description><description>reset potential</description></item>
    /// <item><term>d</term><description>8 mV</description><description>V</description><description>increment of <c>u</c> at a spike</description></item>
    /// <item><term>V_peak</term><description>30 mV</description><description>V</description><description>spike cut-off: the spike is emitted when <c>v ≥ V_peak</c></description></item>
    /// </list>
    /// Reference: E. M. Izhikevich, "Simple model of spiking neurons", IEEE Trans. Neural Netw. 14 (2003) 1569–1572.
    /// </remarks>
    public static NeuronModel Create(IzhikevichType type = IzhikevichType.RS)
    {
        var (a, b, c, d) = Parameters(type);
        return new NeuronModel($"Izhikevich-{type}", """
            dv/dt = (0.04*v^2/mV + 5*v + 140*mV - u + I)/ms
            du/dt = a*(b*v - u)/ms
            """)
            .WithParameter("a", a, "1", "recovery rate of u (per ms)")
            .WithParameter("b", b, "1", "sensitivity of u to v")
            .WithParameter("c", c, "V", "reset potential")
            .WithParameter("d", d, "V", "increment of u at a spike")
            .WithParameter("V_peak", 30 * mV, "V", "spike cut-off")
            .WithInput("I")
            .WithThreshold("v >= V_peak")
            .WithReset("v = c; u += d")
            .WithInitial("v", -65 * mV)
            .WithInitial("u", "b*v")
            .WithMethod(Integrator.RK4);
    }

    /// <summary>The paper's (a, b, c, d) of a cell class, with c and d in volts.</summary>
    /// <param name="type">The cell class.</param>
    public static (double A, double B, double C, double D) Parameters(IzhikevichType type) => type switch
    {
        IzhikevichType.RS => (0.02, 0.2, -65 * mV, 8 * mV),
        IzhikevichType.IB => (0.02, 0.2, -55 * mV, 4 * mV),
        IzhikevichType.CH => (0.02, 0.2, -50 * mV, 2 * mV),
        IzhikevichType.FS => (0.1, 0.2, -65 * mV, 2 * mV),
        IzhikevichType.LTS => (0.02, 0.25, -65 * mV, 2 * mV),
        IzhikevichType.TC => (0.02, 0.25, -65 * mV, 0.05 * mV),
        IzhikevichType.RZ => (0.1, 0.26, -65 * mV, 2 * mV),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown Izhikevich cell class"),
    };
}

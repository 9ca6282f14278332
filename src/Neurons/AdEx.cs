using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Neurons;

/// <summary>The adaptive exponential integrate-and-fire neuron (AdEx) of Brette and Gerstner (2005).</summary>
public static class AdEx
{
    /// <summary>A new AdEx neuron with the parameters of Brette and Gerstner (2005), starting at rest.</summary>
    /// <remarks>
    /// <code>
    /// dv/dt = (g_L*(E_L - v) + g_L*Delta_T*exp((min(v, V_peak) - V_th)/Delta_T) - w + I_ext)/C_m
    /// dw/dt = (a*(v - E_L) - w)/tau_w
    /// spike when v > V_peak; then v = V_reset, w += b
    /// </code>
    /// <c>I_ext</c> is a summed input in amperes (from <c>net.Inject</c> or rate projections). The spike is cut off
    /// at <c>V_peak = V_th + 5·Delta_T</c> as in the paper. Capping <c>v</c> at <c>V_peak</c> inside the
    /// exponential (as NEST's <c>aeif</c> models do) changes nothing below the cut-off but keeps the intermediate
    /// stages of the integrator from overflowing during the upswing. The exponential makes the system nonlinear;
    /// it is integrated with RK4 (what <see cref="Integrator.Auto"/> chooses). <c>v</c> starts at <c>E_L</c> and
    /// <c>w</c> at 0. There is no refractory period.
    /// <list type="table">
    /// <listheader><term>name</term><description>default</description><description>unit</description><description>meaning</description></listheader>
    /// <item><term>C_m</term><description>281 pF</description><description>F</description><description>membrane capacitance</description></item>
    /// <item><term>g_L</term><description>30 nS</description><description>S</description><description>leak conductance</description></item>
    /// <item><term>E_L</term><description>−70.6 mV</description><description>V</description><description>leak reversal (resting) potential</description></item>
    /// <item><term>V_th</term><description>−50.4 mV</description><description>V</description><description>threshold of the exponential term (<c>V_T</c> in the paper)</description></item>
    /// <item><term>Delta_T</term><description>2 mV</description><description>V</description><description>slope factor of the exponential term</description></item>
    /// <item><term>tau_w</term><description>144 ms</description><description>s</description><description>adaptation time constant</description></item>
    /// <item><term>a</term><description>4 nS</description><description>S</description><description>subthreshold adaptation</description></item>
    /// <item><term>b</term><description>0.0805 nA</description><description>A</description><description>spike-triggered adaptation: increment of <c>w</c> at a spike</description></item>
    /// <item><term>V_reset</term><description>−70.6 mV</description><description>V</description><description>reset potential (<c>E_L</c>)</description></item>
    /// <item><term>V_peak</term><description>−40.4 mV</description><description>V</description><description>spike cut-off <c>V_th + 5·Delta_T</c></description></item>
    /// </list>
    /// Reference: R. Brette and W. Gerstner, "Adaptive exponential integrate-and-fire model as an effective
    /// description of neuronal activity", J. Neurophysiol. 94 (2005) 3637–3642.
    /// </remarks>
    public static NeuronModel Create() =>
        new NeuronModel("AdEx", """
            dv/dt = (g_L*(E_L - v) + g_L*Delta_T*exp((min(v, V_peak) - V_th)/Delta_T) - w + I_ext)/C_m
            dw/dt = (a*(v - E_L) - w)/tau_w
            """)
            .WithParameter("C_m", 281 * pF, "F", "membrane capacitance")
            .WithParameter("g_L", 30 * nS, "S", "leak conductance")
            .WithParameter("E_L", -70.6 * mV, "V", "leak reversal (resting) potential")
            .WithParameter("V_th", -50.4 * mV, "V", "threshold of the exponential term (V_T)")
            .WithParameter("Delta_T", 2 * mV, "V", "slope factor")
            .WithParameter("tau_w", 144 * ms, "s", "adaptation time constant")
            .WithParameter("a", 4 * nS, "S", "subthreshold adaptation")
            .WithParameter("b", 0.0805 * nA, "A", "spike-triggered adaptation")
            .WithParameter("V_reset", -70.6 * mV, "V", "reset potential")
            .WithParameter("V_peak", -40.4 * mV, "V", "spike cut-off V_th + 5 Delta_T")
            .WithInput("I_ext")
            .WithThreshold("v > V_peak")
            .WithReset("v = V_reset; w += b")
            .WithInitial("v", "E_L")
            .WithMethod(Integrator.RK4);
}

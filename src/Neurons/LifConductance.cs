using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Neurons;

/// <summary>
/// Leaky integrate-and-fire neurons with exponentially decaying synaptic conductances, measured in units of
/// the leak conductance <c>g_L</c> (so they are dimensionless): <see cref="Create"/> starts at rest, and
/// <see cref="Coba"/> is the network neuron of benchmark 1 (COBA) of Brette et al. (2007), with its random
/// initial state.
/// </summary>
public static class LifConductance
{
    /// <summary>Excitatory weight of the COBA benchmark, added to <c>ge</c> (units of <c>g_L</c>): 6 nS / 10 nS = 0.6.</summary>
    public const double CobaWeightE = 0.6;

    /// <summary>Inhibitory weight of the COBA benchmark, added to <c>gi</c> (units of <c>g_L</c>): 67 nS / 10 nS = 6.7.</summary>
    public const double CobaWeightI = 6.7;

    /// <summary>A conductance-based LIF neuron at rest: <c>v = E_L</c>, <c>ge = gi = 0</c>.</summary>
    /// <remarks>
    /// <code>
    /// dv/dt = ((E_L - v) + ge*(E_e - v) + gi*(E_i - v) + I_ext/g_L)/tau_m   : unless refractory
    /// dge/dt = -ge/tau_e
    /// dgi/dt = -gi/tau_i
    /// spike when v > V_th; then v = V_reset, and v is held for the refractory period
    /// </code>
    /// <c>ge</c> and <c>gi</c> are conductances <b>in units of the leak conductance</b> <c>g_L</c>: a synapse of
    /// <c>G</c> siemens has weight <c>G/g_L</c> (6 nS → 0.6 with the default 10 nS), and inhibitory weights are
    /// positive. <c>I_ext</c> is a summed input in amperes (from <c>net.Inject</c> or rate projections);
    /// <c>g_L</c> only converts it to volts. The capacitance is <c>tau_m·g_L</c> (200 pF by default). Because
    /// <c>v</c> multiplies the conductances the system is not linear with constant coefficients; it is
    /// integrated with exponential Euler, which is exact for <c>v</c> while the conductances stay constant over
    /// a step.
    /// <list type="table">
    /// <listheader><term>name</term><description>default</description><description>unit</description><description>meaning</description></listheader>
    /// <item><term>E_L</term><description>−60 mV</description><description>V</description><description>leak reversal (resting) potential</description></item>
    /// <item><term>tau_m</term><description>20 ms</description><description>s</description><description>membrane time constant <c>C_m/g_L</c></description></item>
    /// <item><term>g_L</term><description>10 nS</description><description>S</description><description>leak conductance: the unit of <c>ge</c>, <c>gi</c>; converts <c>I_ext</c> to volts</description></item>
    /// <item><term>V_th</term><description>−50 mV</description><description>V</description><description>spike threshold</description></item>
    /// <item><term>V_reset</term><description>−60 mV</description><description>V</description><description>reset potential</description></item>
    /// <item><term>E_e</term><description>0 mV</description><description>V</description><description>excitatory reversal potential</description></item>
    /// <item><term>E_i</term><description>−80 mV</description><description>V</description><description>inhibitory reversal potential</description></item>
    /// <item><term>tau_e</term><description>5 ms</description><description>s</description><description>decay time of <c>ge</c></description></item>
    /// <item><term>tau_i</term><description>10 ms</description><description>s</description><description>decay time of <c>gi</c></description></item>
    /// <item><term>t_ref</term><description>5 ms</description><description>s</description><description>refractory period (<see cref="NeuronModel.RefractorySeconds"/>)</description></item>
    /// </list>
    /// Reference: R. Brette et al., J. Comput. Neurosci. 23 (2007) 349–398, benchmark 1 (after Vogels and
    /// Abbott 2005); P. Dayan and L. F. Abbott, <i>Theoretical Neuroscience</i> (2001), section 5.8.
    /// </remarks>
    public static NeuronModel Create() => Build("LIF-conductance");

    private static NeuronModel Build(string name) =>
        new NeuronModel(name, """
            dv/dt = ((E_L - v) + ge*(E_e - v) + gi*(E_i - v) + I_ext/g_L)/tau_m : unless refractory
            dge/dt = -ge/tau_e
            dgi/dt = -gi/tau_i
            """)
            .WithParameter("E_L", -60 * mV, "V", "leak reversal (resting) potential")
            .WithParameter("tau_m", 20 * ms, "s", "membrane time constant C_m/g_L")
            .WithParameter("g_L", 10 * nS, "S", "leak conductance: unit of ge and gi; converts I_ext to volts")
            .WithParameter("V_th", -50 * mV, "V", "spike threshold")
            .WithParameter("V_reset", -60 * mV, "V", "reset potential")
            .WithParameter("E_e", 0 * mV, "V", "excitatory reversal potential")
            .WithParameter("E_i", -80 * mV, "V", "inhibitory reversal potential")
            .WithParameter("tau_e", 5 * ms, "s", "decay time of ge (units of g_L)")
            .WithParameter("tau_i", 10 * ms, "s", "decay time of gi (units of g_L)")
            .WithInput("I_ext")
            .WithThreshold("v > V_th")
            .WithReset("v = V_reset")
            .WithRefractory(5 * ms)
            .WithInitial("v", "E_L");

    /// <summary>
    /// The neuron of the COBA benchmark (benchmark 1 of Brette et al. 2007): <see cref="Create"/> with the
    /// benchmark's random initial state.
    /// </summary>
    /// <remarks>
    /// Same equations and parameters as <see cref="Create"/>; the initial values follow Brian 2's COBA example:
    /// <code>
    /// v  = E_L + (randn()*5 - 5)*mV
    /// ge = randn()*1.5 + 4          # units of g_L
    /// gi = randn()*12 + 20          # units of g_L
    /// </code>
    /// The benchmark connects 4000 neurons (3200 excitatory) with 2% probability and weights
    /// <see cref="CobaWeightE"/> = 0.6 into <c>ge</c> and <see cref="CobaWeightI"/> = 6.7 into <c>gi</c>.
    /// Brian writes <c>v</c> relative to rest (reversal potentials +60 mV and −20 mV, threshold 10 mV); here
    /// potentials are absolute, which is the same model.
    /// Reference: R. Brette et al., J. Comput. Neurosci. 23 (2007) 349–398, benchmark 1.
    /// </remarks>
    public static NeuronModel Coba() =>
        Build("COBA-LIF")
            .WithInitial("v", "E_L + (randn()*5 - 5)*mV")
            .WithInitial("ge", "randn()*1.5 + 4")
            .WithInitial("gi", "randn()*12 + 20");
}

using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Neurons;

/// <summary>
/// Leaky integrate-and-fire neurons with current-based synapses: <see cref="CurrentBased"/>, a LIF neuron with
/// exponentially decaying synaptic currents (NEST's <c>iaf_psc_exp</c>), and <see cref="Cuba"/>, the network
/// neuron of benchmark 2 (CUBA) of Brette et al. (2007).
/// </summary>
public static class Lif
{
    /// <summary>Excitatory weight of the CUBA benchmark, added to <c>ge</c>: (60 × 0.27 / 10) mV = 1.62 mV.</summary>
    public const double CubaWeightE = 1.62 * mV;

    /// <summary>Inhibitory weight of the CUBA benchmark, added to <c>gi</c>: (−20 × 4.5 / 10) mV = −9 mV.</summary>
    public const double CubaWeightI = -9 * mV;

    /// <summary>
    /// A leaky integrate-and-fire neuron with exponentially decaying excitatory and inhibitory synaptic
    /// currents and a summed external current.
    /// </summary>
    /// <remarks>
    /// <code>
    /// dv/dt = (E_L - v)/tau_m + (I_e + I_i + I_ext)/C_m   : unless refractory
    /// dI_e/dt = -I_e/tau_e
    /// dI_i/dt = -I_i/tau_i
    /// spike when v > V_th; then v = V_reset, and v is held for the refractory period
    /// </code>
    /// Spiking projections target the currents in amperes: <c>net.Connect(pre, post, "I_e", …, weight: 100 * pA)</c>
    /// (inhibitory weights into <c>I_i</c> are negative). <c>I_ext</c> is a summed input in amperes, filled by
    /// <c>net.Inject</c> and rate projections. <c>v</c> starts at <c>E_L</c>, the currents at 0. The equations
    /// are linear with constant coefficients and are integrated exactly. The membrane resistance is
    /// <c>R = tau_m/C_m</c> (40 MΩ by default), so a constant current <c>I</c> above <c>(V_th − E_L)/R</c> fires
    /// at <c>1/(t_ref + tau_m·ln((R·I − (V_reset − E_L))/(R·I − (V_th − E_L))))</c>.
    /// <list type="table">
    /// <listheader><term>name</term><description>default</description><description>unit</description><description>meaning</description></listheader>
    /// <item><term>E_L</term><description>−70 mV</description><description>V</description><description>leak reversal (resting) potential</description></item>
    /// <item><term>C_m</term><description>250 pF</description><description>F</description><description>membrane capacitance</description></item>
    /// <item><term>tau_m</term><description>10 ms</description><description>s</description><description>membrane time constant</description></item>
    /// <item><term>V_th</term><description>−55 mV</description><description>V</description><description>spike threshold</description></item>
    /// <item><term>V_reset</term><description>−70 mV</description><description>V</description><description>reset potential</description></item>
    /// <item><term>tau_e</term><description>2 ms</description><description>s</description><description>decay time of the excitatory current <c>I_e</c></description></item>
    /// <item><term>tau_i</term><description>2 ms</description><description>s</description><description>decay time of the inhibitory current <c>I_i</c></description></item>
    /// <item><term>t_ref</term><description>2 ms</description><description>s</description><description>refractory period (<see cref="NeuronModel.RefractorySeconds"/>)</description></item>
    /// </list>
    /// Defaults are those of NEST's <c>iaf_psc_exp</c>. Reference: R. B. Stein, "A theoretical analysis of
    /// neuronal variability", Biophys. J. 5 (1965) 173–194; P. Dayan and L. F. Abbott, <i>Theoretical
    /// Neuroscience</i> (2001), section 5.4.
    /// </remarks>
    public static NeuronModel CurrentBased() =>
        new NeuronModel("LIF-current", """
            dv/dt = (E_L - v)/tau_m + (I_e + I_i + I_ext)/C_m : unless refractory
            dI_e/dt = -I_e/tau_e
            dI_i/dt = -I_i/tau_i
            """)
            .WithParameter("E_L", -70 * mV, "V", "leak reversal (resting) potential")
            .WithParameter("C_m", 250 * pF, "F", "membrane capacitance")
            .WithParameter("tau_m", 10 * ms, "s", "membrane time constant")
            .WithParameter("V_th", -55 * mV, "V", "spike threshold")
            .WithParameter("V_reset", -70 * mV, "V", "reset potential")
            .WithParameter("tau_e", 2 * ms, "s", "decay time of the excitatory synaptic current")
            .WithParameter("tau_i", 2 * ms, "s", "decay time of the inhibitory synaptic current")
            .WithInput("I_ext")
            .WithThreshold("v > V_th")
            .WithReset("v = V_reset")
            .WithRefractory(2 * ms)
            .WithInitial("v", "E_L");

    /// <summary>
    /// The neuron of the CUBA benchmark (benchmark 2 of Brette et al. 2007): a LIF neuron whose synaptic
    /// inputs <c>ge</c> and <c>gi</c> are voltages that decay exponentially.
    /// </summary>
    /// <remarks>
    /// <code>
    /// dv/dt = (ge + gi - (v - E_L))/tau_m   : unless refractory
    /// dge/dt = -ge/tau_e
    /// dgi/dt = -gi/tau_i
    /// spike when v > V_th; then v = V_reset; refractory 5 ms
    /// v starts uniformly in [V_reset, V_th): V_reset + rand()*(V_th - V_reset)
    /// </code>
    /// Spikes add their weight (in volts) to <c>ge</c> or <c>gi</c>; the benchmark uses
    /// <see cref="CubaWeightE"/> = 1.62 mV and <see cref="CubaWeightI"/> = −9 mV with 2% connection probability
    /// among 4000 neurons (3200 excitatory). Because <c>E_L</c> lies above <c>V_th</c>, an isolated neuron fires
    /// tonically every <c>t_ref + tau_m·ln((V_reset − E_L)/(V_th − E_L))</c> ≈ 53 ms. The equations are
    /// linear with constant coefficients and are integrated exactly.
    /// <list type="table">
    /// <listheader><term>name</term><description>default</description><description>unit</description><description>meaning</description></listheader>
    /// <item><term>E_L</term><description>−49 mV</description><description>V</description><description>resting potential (above threshold: the neurons are intrinsically active)</description></item>
    /// <item><term>tau_m</term><description>20 ms</description><description>s</description><description>membrane time constant</description></item>
    /// <item><term>V_th</term><description>−50 mV</description><description>V</description><description>spike threshold</description></item>
    /// <item><term>V_reset</term><description>−60 mV</description><description>V</description><description>reset potential</description></item>
    /// <item><term>tau_e</term><description>5 ms</description><description>s</description><description>decay time of <c>ge</c></description></item>
    /// <item><term>tau_i</term><description>10 ms</description><description>s</description><description>decay time of <c>gi</c></description></item>
    /// <item><term>t_ref</term><description>5 ms</description><description>s</description><description>refractory period (<see cref="NeuronModel.RefractorySeconds"/>)</description></item>
    /// </list>
    /// Reference: R. Brette et al., "Simulation of networks of spiking neurons: a review of tools and
    /// strategies", J. Comput. Neurosci. 23 (2007) 349–398, benchmark 2 (after Vogels and Abbott 2005).
    /// </remarks>
    public static NeuronModel Cuba() =>
        new NeuronModel("CUBA-LIF", """
            dv/dt = (ge + gi - (v - E_L))/tau_m : unless refractory
            dge/dt = -ge/tau_e
            dgi/dt = -gi/tau_i
            """)
            .WithParameter("E_L", -49 * mV, "V", "resting potential")
            .WithParameter("tau_m", 20 * ms, "s", "membrane time constant")
            .WithParameter("V_th", -50 * mV, "V", "spike threshold")
            .WithParameter("V_reset", -60 * mV, "V", "reset potential")
            .WithParameter("tau_e", 5 * ms, "s", "decay time of the excitatory input ge (volts)")
            .WithParameter("tau_i", 10 * ms, "s", "decay time of the inhibitory input gi (volts)")
            .WithThreshold("v > V_th")
            .WithReset("v = V_reset")
            .WithRefractory(5 * ms)
            .WithInitial("v", "V_reset + rand()*(V_th - V_reset)");
}

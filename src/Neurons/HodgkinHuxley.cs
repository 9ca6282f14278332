using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Neurons;

/// <summary>
/// Hodgkin–Huxley type neurons: the Traub–Miles point neuron of benchmark 3 (COBAHH) of Brette et al. (2007),
/// with sodium, delayed-rectifier potassium and leak currents and exponentially decaying synaptic conductances.
/// </summary>
public static class HodgkinHuxley
{
    /// <summary>Excitatory weight of the COBAHH benchmark, added to <c>ge</c>: 6 nS.</summary>
    public const double CobahhWeightE = 6 * nS;

    /// <summary>Inhibitory weight of the COBAHH benchmark, added to <c>gi</c>: 67 nS.</summary>
    public const double CobahhWeightI = 67 * nS;

    // x/(exp(x/k) - 1), with its limit k where x vanishes (the rate functions' removable singularities).
    private static string Exprel(string x, string k) => $"where(abs({x}) > 1e-6, ({x})/(exp(({x})/({k})) - 1), {k})";

    private static readonly string Equations = $"""
        dv/dt = (g_L*(E_L - v) + ge*(E_e - v) + gi*(E_i - v) - g_Na*m*m*m*h*(v - E_Na) - g_K*n*n*n*n*(v - E_K) + I_ext)/C_m
        dm/dt = alpha_m*(1 - m) - beta_m*m
        dn/dt = alpha_n*(1 - n) - beta_n*n
        dh/dt = alpha_h*(1 - h) - beta_h*h
        dge/dt = -ge/tau_e
        dgi/dt = -gi/tau_i
        u = v - V_T
        alpha_m = 0.32/(mV*ms)*{Exprel("13*mV - u", "4*mV")}
        beta_m = 0.28/(mV*ms)*{Exprel("u - 40*mV", "5*mV")}
        alpha_h = 0.128/ms*exp((17*mV - u)/(18*mV))
        beta_h = 4/ms/(1 + exp((40*mV - u)/(5*mV)))
        alpha_n = 0.032/(mV*ms)*{Exprel("15*mV - u", "5*mV")}
        beta_n = 0.5/ms*exp((10*mV - u)/(40*mV))
        """;

    /// <summary>A Traub–Miles neuron (the COBAHH cell) at rest: <c>v = E_L</c>, gates at their steady state, no synaptic conductance.</summary>
    /// <remarks>
    /// <code>
    /// dv/dt = (g_L*(E_L - v) + ge*(E_e - v) + gi*(E_i - v)
    ///          - g_Na*m³*h*(v - E_Na) - g_K*n⁴*(v - E_K) + I_ext)/C_m
    /// dx/dt = alpha_x*(1 - x) - beta_x*x            for the gates x = m, n, h
    /// dge/dt = -ge/tau_e,  dgi/dt = -gi/tau_i       (siemens)
    /// with u = v - V_T (in mV and ms):
    /// alpha_m = 0.32 (13 - u)/(exp((13 - u)/4) - 1)     beta_m = 0.28 (u - 40)/(exp((u - 40)/5) - 1)
    /// alpha_h = 0.128 exp((17 - u)/18)                  beta_h = 4/(1 + exp((40 - u)/5))
    /// alpha_n = 0.032 (15 - u)/(exp((15 - u)/5) - 1)    beta_n = 0.5 exp((10 - u)/40)
    /// spike when v > V_th (no reset); refractory 3 ms (only prevents detecting the same spike twice)
    /// </code>
    /// The rate functions are written in SI units in the model text; their removable singularities
    /// (0/0 at <c>u</c> = 13, 40 and 15 mV) are replaced by their limits. <c>ge</c> and <c>gi</c> are conductances
    /// in siemens (the benchmark adds <see cref="CobahhWeightE"/> = 6 nS and <see cref="CobahhWeightI"/> = 67 nS);
    /// <c>I_ext</c> is a summed input in amperes. Values per unit area are those of the benchmark times a membrane
    /// area of 20 000 µm². Each equation is linear in its own variable, so the model is integrated with
    /// exponential Euler, as in Brian 2's COBAHH example (dt = 0.1 ms there; 0.01–0.05 ms is more accurate).
    /// The gates start at their steady state <c>alpha/(alpha + beta)</c> for the initial <c>v</c>.
    /// Note that with these parameters the isolated cell has no stable resting state: at <c>E_L</c> the sodium
    /// window current exceeds the leak, and without input it fires slowly (about 13 Hz); a hyperpolarizing
    /// current of 50 pA gives a stable rest near −65 mV. (Brian 2's COBAHH example behaves the same.)
    /// <list type="table">
    /// <listheader><term>name</term><description>default</description><description>unit</description><description>meaning</description></listheader>
    /// <item><term>C_m</term><description>200 pF</description><description>F</description><description>membrane capacitance (1 µF/cm²)</description></item>
    /// <item><term>g_L</term><description>10 nS</description><description>S</description><description>leak conductance (0.05 mS/cm²)</description></item>
    /// <item><term>E_L</term><description>−60 mV</description><description>V</description><description>leak reversal potential</description></item>
    /// <item><term>g_Na</term><description>20 µS</description><description>S</description><description>maximal sodium conductance (100 mS/cm²)</description></item>
    /// <item><term>E_Na</term><description>50 mV</description><description>V</description><description>sodium reversal potential</description></item>
    /// <item><term>g_K</term><description>6 µS</description><description>S</description><description>maximal delayed-rectifier potassium conductance (30 mS/cm²)</description></item>
    /// <item><term>E_K</term><description>−90 mV</description><description>V</description><description>potassium reversal potential</description></item>
    /// <item><term>V_T</term><description>−63 mV</description><description>V</description><description>shift of the rate functions (sets the firing threshold)</description></item>
    /// <item><term>E_e</term><description>0 mV</description><description>V</description><description>excitatory reversal potential</description></item>
    /// <item><term>E_i</term><description>−80 mV</description><description>V</description><description>inhibitory reversal potential</description></item>
    /// <item><term>tau_e</term><description>5 ms</description><description>s</description><description>decay time of <c>ge</c></description></item>
    /// <item><term>tau_i</term><description>10 ms</description><description>s</description><description>decay time of <c>gi</c></description></item>
    /// <item><term>V_th</term><description>−20 mV</description><description>V</description><description>spike detection threshold</description></item>
    /// <item><term>t_ref</term><description>3 ms</description><description>s</description><description>refractory period (<see cref="NeuronModel.RefractorySeconds"/>)</description></item>
    /// </list>
    /// References: R. D. Traub and R. Miles, <i>Neuronal Networks of the Hippocampus</i>, Cambridge University
    /// Press 1991; R. Brette et al., J. Comput. Neurosci. 23 (2007) 349–398, benchmark 3.
    /// </remarks>
    public static NeuronModel TraubMiles() => Build("TraubMiles", "E_L");

    /// <summary>
    /// The neuron of the COBAHH benchmark: <see cref="TraubMiles"/> with the random initial state of Brian 2's
    /// COBAHH example.
    /// </summary>
    /// <remarks>
    /// Same equations and parameters as <see cref="TraubMiles"/>, starting at
    /// <code>
    /// v  = E_L + (randn()*5 - 5)*mV
    /// ge = (randn()*1.5 + 4)*10*nS
    /// gi = (randn()*12 + 20)*10*nS
    /// </code>
    /// with the gates at their steady state for that <c>v</c> (Brian's example leaves them at 0).
    /// Reference: R. Brette et al., J. Comput. Neurosci. 23 (2007) 349–398, benchmark 3.
    /// </remarks>
    public static NeuronModel Cobahh() =>
        Build("COBAHH", "E_L + (randn()*5 - 5)*mV")
            .WithInitial("ge", "(randn()*1.5 + 4)*10*nS")
            .WithInitial("gi", "(randn()*12 + 20)*10*nS");

    private static NeuronModel Build(string name, string initialV) =>
        new NeuronModel(name, Equations)
            .WithParameter("C_m", 200 * pF, "F", "membrane capacitance")
            .WithParameter("g_L", 10 * nS, "S", "leak conductance")
            .WithParameter("E_L", -60 * mV, "V", "leak reversal potential")
            .WithParameter("g_Na", 20 * uS, "S", "maximal sodium conductance")
            .WithParameter("E_Na", 50 * mV, "V", "sodium reversal potential")
            .WithParameter("g_K", 6 * uS, "S", "maximal delayed-rectifier potassium conductance")
            .WithParameter("E_K", -90 * mV, "V", "potassium reversal potential")
            .WithParameter("V_T", -63 * mV, "V", "shift of the rate functions")
            .WithParameter("E_e", 0 * mV, "V", "excitatory reversal potential")
            .WithParameter("E_i", -80 * mV, "V", "inhibitory reversal potential")
            .WithParameter("tau_e", 5 * ms, "s", "decay time of ge (siemens)")
            .WithParameter("tau_i", 10 * ms, "s", "decay time of gi (siemens)")
            .WithParameter("V_th", -20 * mV, "V", "spike detection threshold")
            .WithInput("I_ext")
            .WithThreshold("v > V_th")
            .WithRefractory(3 * ms)
            .WithInitial("v", initialV)
            .WithInitial("m", "alpha_m/(alpha_m + beta_m)")
            .WithInitial("n", "alpha_n/(alpha_n + beta_n)")
            .WithInitial("h", "alpha_h/(alpha_h + beta_h)")
            .WithMethod(Integrator.ExponentialEuler);
}

using Dendra.Differential.Tests.Framework;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Differential.Tests.Cases;

/// <summary>
/// Each of Dendra's integrators against the Brian2 method of the same name, on linear, conditionally linear and
/// nonlinear models, with and without spikes, and with equations that read <c>t</c> (so RK2 and RK4 must advance
/// time within their stages as Brian2 does).
/// </summary>
internal static class IntegratorCases
{
    public static IEnumerable<DifferentialCase> All =>
    [
        ExactLifWithThreshold,
        ExactThreeCoupledVariables,
        ExponentialEulerConductanceLif,
        ExponentialEulerHodgkinHuxley,
        EulerIzhikevich,
        AdExRk4,
        FitzHughNagumo(Integrator.Euler),
        FitzHughNagumo(Integrator.RK2),
        FitzHughNagumo(Integrator.RK4),
        TimeDependentDrive(Integrator.ExponentialEuler),
        TimeDependentDrive(Integrator.Euler),
        TimeDependentDrive(Integrator.RK2),
        TimeDependentDrive(Integrator.RK4),
    ];

    /// <summary>A leaky integrate-and-fire neuron per drive, exact propagator, threshold and reset.</summary>
    private static DifferentialCase ExactLifWithThreshold => new("integrators.exact_lif_with_threshold")
    {
        Steps = 400,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("LIF", "dv/dt = (El + drive - v)/tau")
                .WithParameter("El", -65 * mV).WithParameter("tau", 10 * ms).WithParameter("drive", 0)
                .WithThreshold("v > -50*mV").WithReset("v = El").WithInitial("v", "El").WithMethod(Integrator.Exact))
            .Set("drive", "16*mV + 4*mV*i"),
        Brian = """
            El = -65*mV
            tau = 10*ms
            G = NeuronGroup(3, '''dv/dt = (El + drive - v)/tau : volt
                                  drive : volt (constant)''',
                            threshold='v > -50*mV', reset='v = El', method='exact')
            G.drive = '16*mV + 4*mV*i'
            G.v = 'El'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2)],
        Spikes = ["G"],
    };

    /// <summary>The CUBA neuron of Brette et al. (2007): v driven by two decaying currents, solved as one 3×3 linear system.</summary>
    private static DifferentialCase ExactThreeCoupledVariables => new("integrators.exact_three_coupled_variables")
    {
        Steps = 600,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("CUBA", """
                dv/dt = (ge + gi - (v - El))/taum
                dge/dt = -ge/taue
                dgi/dt = -gi/taui
                """)
                .WithParameter("El", -49 * mV).WithParameter("taum", 20 * ms).WithParameter("taue", 5 * ms).WithParameter("taui", 10 * ms)
                .WithThreshold("v > -50*mV").WithReset("v = -60*mV")
                .WithInitial("v", "-60*mV + 2*mV*i").WithInitial("ge", "(20 + 10*i)*mV").WithInitial("gi", "-(2 + i)*mV")
                .WithMethod(Integrator.Exact)),
        Brian = """
            El = -49*mV
            taum = 20*ms
            taue = 5*ms
            taui = 10*ms
            G = NeuronGroup(3, '''dv/dt = (ge + gi - (v - El))/taum : volt
                                  dge/dt = -ge/taue : volt
                                  dgi/dt = -gi/taui : volt''',
                            threshold='v > -50*mV', reset='v = -60*mV', method='exact')
            G.v = '-60*mV + 2*mV*i'
            G.ge = '(20 + 10*i)*mV'
            G.gi = '-(2 + i)*mV'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2), TraceRequest.Of("G", "ge", 0, 2), TraceRequest.Of("G", "gi", 1)],
        Spikes = ["G"],
    };

    /// <summary>A conductance-based neuron: linear in v only for a given conductance, so exponential Euler.</summary>
    private static DifferentialCase ExponentialEulerConductanceLif => new("integrators.exponential_euler_conductance_lif")
    {
        Steps = 400,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("COBA", """
                dv/dt = (gl*(El - v) + g*(Ee - v) + Ibias)/C
                dg/dt = -g/taug
                """)
                .WithParameter("gl", 10 * nS).WithParameter("El", -70 * mV).WithParameter("Ee", 0).WithParameter("C", 200 * pF)
                .WithParameter("taug", 5 * ms).WithParameter("Ibias", 220 * pA)
                .WithThreshold("v > -50*mV").WithReset("v = El")
                .WithInitial("v", "El").WithInitial("g", "(10 + 5*i)*nS")
                .WithMethod(Integrator.ExponentialEuler)),
        Brian = """
            gl = 10*nS
            El = -70*mV
            Ee = 0*mV
            C = 200*pF
            taug = 5*ms
            Ibias = 220*pA
            G = NeuronGroup(3, '''dv/dt = (gl*(El - v) + g*(Ee - v) + Ibias)/C : volt
                                  dg/dt = -g/taug : siemens''',
                            threshold='v > -50*mV', reset='v = El', method='exponential_euler')
            G.v = 'El'
            G.g = '(10 + 5*i)*nS'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2), TraceRequest.Of("G", "g", 0, 2)],
        Spikes = ["G"],
    };

    /// <summary>The Traub–Miles Hodgkin–Huxley neuron of Brian2's COBAHH example, spiking on a constant current.</summary>
    private static DifferentialCase ExponentialEulerHodgkinHuxley => new("integrators.exponential_euler_hodgkin_huxley")
    {
        Dt = 0.05 * ms,
        Steps = 600,
        Dendra = net => net.AddPopulation("G", 2, new NeuronModel("TraubMiles", """
                dv/dt = (gl*(El - v) - g_na*m*m*m*h*(v - ENa) - g_kd*n*n*n*n*(v - EK) + I)/Cm
                dm/dt = alpha_m*(1 - m) - beta_m*m
                dn/dt = alpha_n*(1 - n) - beta_n*n
                dh/dt = alpha_h*(1 - h) - beta_h*h
                alpha_m = 0.32*(13*mV - v + VT)/(exp((13*mV - v + VT)/(4*mV)) - 1)/(mV*ms)
                beta_m = 0.28*(v - VT - 40*mV)/(exp((v - VT - 40*mV)/(5*mV)) - 1)/(mV*ms)
                alpha_h = 0.128*exp((17*mV - v + VT)/(18*mV))/ms
                beta_h = 4/(1 + exp((40*mV - v + VT)/(5*mV)))/ms
                alpha_n = 0.032*(15*mV - v + VT)/(exp((15*mV - v + VT)/(5*mV)) - 1)/(mV*ms)
                beta_n = 0.5*exp((10*mV - v + VT)/(40*mV))/ms
                """)
                .WithParameter("Cm", 200 * pF).WithParameter("gl", 10 * nS).WithParameter("El", -60 * mV)
                .WithParameter("g_na", 20 * uS).WithParameter("ENa", 50 * mV).WithParameter("g_kd", 6 * uS).WithParameter("EK", -90 * mV)
                .WithParameter("VT", -63 * mV).WithParameter("I", 0)
                .WithThreshold("v > -20*mV").WithRefractory(3 * ms)
                .WithInitial("v", "El").WithInitial("m", 0.05).WithInitial("n", 0.3).WithInitial("h", 0.6)
                .WithMethod(Integrator.ExponentialEuler))
            .Set("I", "0.2*nA + 0.3*nA*i"),
        Brian = """
            Cm = 200*pF
            gl = 10*nS
            El = -60*mV
            g_na = 20*uS
            ENa = 50*mV
            g_kd = 6*uS
            EK = -90*mV
            VT = -63*mV
            G = NeuronGroup(2, '''dv/dt = (gl*(El - v) - g_na*m*m*m*h*(v - ENa) - g_kd*n*n*n*n*(v - EK) + I)/Cm : volt
                                  dm/dt = alpha_m*(1 - m) - beta_m*m : 1
                                  dn/dt = alpha_n*(1 - n) - beta_n*n : 1
                                  dh/dt = alpha_h*(1 - h) - beta_h*h : 1
                                  alpha_m = 0.32*(13*mV - v + VT)/(exp((13*mV - v + VT)/(4*mV)) - 1)/(mV*ms) : Hz
                                  beta_m = 0.28*(v - VT - 40*mV)/(exp((v - VT - 40*mV)/(5*mV)) - 1)/(mV*ms) : Hz
                                  alpha_h = 0.128*exp((17*mV - v + VT)/(18*mV))/ms : Hz
                                  beta_h = 4/(1 + exp((40*mV - v + VT)/(5*mV)))/ms : Hz
                                  alpha_n = 0.032*(15*mV - v + VT)/(exp((15*mV - v + VT)/(5*mV)) - 1)/(mV*ms) : Hz
                                  beta_n = 0.5*exp((10*mV - v + VT)/(40*mV))/ms : Hz
                                  I : amp (constant)''',
                            threshold='v > -20*mV', refractory=3*ms, method='exponential_euler')
            G.I = '0.2*nA + 0.3*nA*i'
            G.v = 'El'
            G.m = 0.05
            G.n = 0.3
            G.h = 0.6
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1), TraceRequest.Of("G", "m", 1), TraceRequest.Of("G", "n", 0), TraceRequest.Of("G", "h", 1)],
        Spikes = ["G"],
    };

    /// <summary>Izhikevich's regular-spiking neuron with forward Euler; the reset reads and changes both variables.</summary>
    private static DifferentialCase EulerIzhikevich => new("integrators.euler_izhikevich")
    {
        Steps = 500,
        Dendra = net => net.AddPopulation("G", 3, new NeuronModel("Izhikevich", """
                dv/dt = (0.04*v*v/mV + 5*v + 140*mV - u + I)/ms
                du/dt = a*(b*v - u)/ms
                """)
                .WithParameter("a", 0.02).WithParameter("b", 0.2).WithParameter("c", -65 * mV).WithParameter("d", 8 * mV).WithParameter("I", 0)
                .WithThreshold("v >= 30*mV").WithReset("v = c; u += d")
                .WithInitial("v", "c").WithInitial("u", "b*c")
                .WithMethod(Integrator.Euler))
            .Set("I", "10*mV + 2*mV*i"),
        Brian = """
            a = 0.02
            b = 0.2
            c = -65*mV
            d = 8*mV
            G = NeuronGroup(3, '''dv/dt = (0.04*v*v/mV + 5*v + 140*mV - u + I)/ms : volt
                                  du/dt = a*(b*v - u)/ms : volt
                                  I : volt (constant)''',
                            threshold='v >= 30*mV', reset='v = c; u += d', method='euler')
            G.I = '10*mV + 2*mV*i'
            G.v = 'c'
            G.u = 'b*c'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1, 2), TraceRequest.Of("G", "u", 0, 1, 2)],
        Spikes = ["G"],
    };

    /// <summary>The adaptive exponential neuron with RK4: a stiff upswing, then a reset that adds to the adaptation current.</summary>
    private static DifferentialCase AdExRk4 => new("integrators.rk4_adex")
    {
        Steps = 1000,
        Dendra = net => net.AddPopulation("G", 2, new NeuronModel("AdEx", """
                dv/dt = (gl*(El - v) + gl*DeltaT*exp((v - VT)/DeltaT) - w + I)/C
                dw/dt = (a*(v - El) - w)/tauw
                """)
                .WithParameter("C", 281 * pF).WithParameter("gl", 30 * nS).WithParameter("El", -70.6 * mV).WithParameter("VT", -50.4 * mV)
                .WithParameter("DeltaT", 2 * mV).WithParameter("tauw", 144 * ms).WithParameter("a", 4 * nS).WithParameter("b", 0.0805 * nA)
                .WithParameter("Vr", -70.6 * mV).WithParameter("I", 0)
                .WithThreshold("v > -40.4*mV").WithReset("v = Vr; w += b")
                .WithInitial("v", "El")
                .WithMethod(Integrator.RK4))
            .Set("I", "0.8*nA + 0.4*nA*i"),
        Brian = """
            C = 281*pF
            gl = 30*nS
            El = -70.6*mV
            VT = -50.4*mV
            DeltaT = 2*mV
            tauw = 144*ms
            a = 4*nS
            b = 0.0805*nA
            Vr = -70.6*mV
            G = NeuronGroup(2, '''dv/dt = (gl*(El - v) + gl*DeltaT*exp((v - VT)/DeltaT) - w + I)/C : volt
                                  dw/dt = (a*(v - El) - w)/tauw : amp
                                  I : amp (constant)''',
                            threshold='v > -40.4*mV', reset='v = Vr; w += b', method='rk4')
            G.I = '0.8*nA + 0.4*nA*i'
            G.v = 'El'
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1), TraceRequest.Of("G", "w", 0, 1)],
        Spikes = ["G"],
    };

    /// <summary>The FitzHugh–Nagumo oscillator (cubic, two variables, no threshold).</summary>
    private static DifferentialCase FitzHughNagumo(Integrator method) => new($"integrators.{BrianMethod.Of(method)}_fitzhugh_nagumo")
    {
        Steps = 600,
        Dendra = net => net.AddPopulation("G", 2, new NeuronModel("FitzHughNagumo", """
                dv/dt = (v - v*v*v/3 - w + I)/tau
                dw/dt = (v + a - b*w)/tauw
                """)
                .WithParameter("tau", 1 * ms).WithParameter("tauw", 12.5 * ms).WithParameter("a", 0.7).WithParameter("b", 0.8)
                .WithParameter("I", 0).WithInitial("v", "-1 + 0.5*i").WithInitial("w", -0.5)
                .WithMethod(method))
            .Set("I", "0.5 + 0.25*i"),
        Brian = $"""
            tau = 1*ms
            tauw = 12.5*ms
            a = 0.7
            b = 0.8
            G = NeuronGroup(2, '''dv/dt = (v - v*v*v/3 - w + I)/tau : 1
                                  dw/dt = (v + a - b*w)/tauw : 1
                                  I : 1 (constant)''', method='{BrianMethod.Of(method)}')
            G.I = '0.5 + 0.25*i'
            G.v = '-1 + 0.5*i'
            G.w = -0.5
            """,
        Traces = [TraceRequest.Of("G", "v", 0, 1), TraceRequest.Of("G", "w", 0, 1)],
    };

    /// <summary>A low-pass filter of a sine of t: the multi-stage methods must evaluate t at t + c·dt in their stages.</summary>
    private static DifferentialCase TimeDependentDrive(Integrator method) => new($"integrators.{BrianMethod.Of(method)}_time_dependent_drive")
    {
        Steps = 300,
        // 2π written out: Dendra's language has no pi, and the same literal on both sides keeps the products identical.
        Dendra = net => net.AddPopulation("G", 2, new NeuronModel("Filter", "dx/dt = (A*sin(6.283185307179586*f*t) - x)/tau")
                .WithParameter("A", 1).WithParameter("f", 100 * Hz).WithParameter("tau", 2 * ms).WithMethod(method))
            .Set("A", "1 + i"),
        Brian = $"""
            f = 100*Hz
            tau = 2*ms
            G = NeuronGroup(2, '''dx/dt = (A*sin(6.283185307179586*f*t) - x)/tau : 1
                                  A : 1 (constant)''', method='{BrianMethod.Of(method)}')
            G.A = '1 + i'
            """,
        Traces = [TraceRequest.Of("G", "x", 0, 1)],
    };
}

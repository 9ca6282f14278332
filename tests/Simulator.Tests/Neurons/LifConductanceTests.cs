using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Neurons;

public abstract class LifConductanceTests
{
    /// <summary>The backend the tests run on: each test runs on the CPU and on OpenCL (PoCL in CI).</summary>
    protected abstract Backend Backend { get; }

    private const double EL = -60 * mV, TauM = 20 * ms, GL = 10 * nS, Vth = -50 * mV, Vreset = -60 * mV, Ee = 0, Ei = -80 * mV, TRef = 5 * ms;

    [SkippableFact]
    public void Constant_conductances_shift_rest_and_shorten_the_time_constant()
    {
        // With tau_e, tau_i huge, ge and gi are constant: v relaxes to (E_L + ge E_e + gi E_i)/(1 + ge + gi)
        // with time constant tau_m/(1 + ge + gi). Exponential Euler is exact for v while the conductances are constant.
        double[] ge = [0.1, 0, 0.5], gi = [0, 3, 1];
        var net = new Network(0.1 * ms, Precision.Double) { Backend = Backend };
        var p = net.AddPopulation("coba", 3, LifConductance.Create());
        p.Set("tau_e", 1e6).Set("tau_i", 1e6);
        p.Initialize("ge", ge).Initialize("gi", gi);
        var v = net.MonitorState(p, "v", [0, 1, 2]);
        net.Run(60 * ms);

        Assert.Equal(Integrator.ExponentialEuler, net.IntegratorOf(p));
        var times = v.Times;
        for (int n = 0; n < 3; n++)
        {
            double g = 1 + ge[n] + gi[n];
            double vinf = (EL + ge[n] * Ee + gi[n] * Ei) / g;
            Assert.True(vinf < Vth); // stays subthreshold
            var trace = v.Trace(n);
            for (int k = 0; k < trace.Length; k++)
            {
                double expected = vinf + (EL - vinf) * Math.Exp(-times[k] * g / TauM);
                Assert.Equal(expected, trace[k], 1e-9);
            }
        }
        // sanity of the case that shunts: 3 g_L of inhibition pulls rest to -75 mV
        Assert.Equal(-75 * mV, v.Trace(1)[^1], 0.01 * mV);
    }

    [SkippableFact]
    public void External_current_is_in_amperes_f_I_curve_matches_the_analytic_rate()
    {
        const double dt = 0.01 * ms;
        double[] currents = [0.15 * nA, 0.2 * nA, 0.5 * nA];
        var net = new Network(dt) { Backend = Backend };
        var p = net.AddPopulation("lif", currents.Length + 1, LifConductance.Create());
        for (int k = 0; k < currents.Length; k++)
            net.Inject(p.Slice(k, 1), "I_ext", CurrentSource.Constant(currents[k]));
        net.Inject(p.Slice(currents.Length, 1), "I_ext", CurrentSource.Constant(0.099 * nA)); // below rheobase g_L (V_th - E_L) = 0.1 nA
        var spikes = net.MonitorSpikes(p);
        net.Run(200 * ms);

        double r = 1 / GL;
        for (int k = 0; k < currents.Length; k++)
        {
            double tc = TauM * Math.Log((r * currents[k] - (Vreset - EL)) / (r * currents[k] - (Vth - EL)));
            double analytic = 1 / (TRef + tc);
            var steps = SpikeTrains.StepsOf(spikes, k);
            Assert.True(steps.Length >= 5);
            double measured = (steps.Length - 1) / ((steps[^1] - steps[0]) * dt);
            Assert.True(Math.Abs(measured - analytic) <= 0.01 * analytic, $"I = {currents[k] / nA} nA: {measured:F2} Hz vs {analytic:F2} Hz");
        }
        Assert.Empty(SpikeTrains.StepsOf(spikes, currents.Length));
    }

    [SkippableFact]
    public void Excitation_cannot_drive_v_past_the_excitatory_reversal_potential()
    {
        // A huge excitatory conductance with no threshold in reach would pull v to E_e, never beyond.
        var net = new Network(0.1 * ms) { Backend = Backend };
        var p = net.AddPopulation("coba", 1, LifConductance.Create());
        p.Set("V_th", 1.0); // unreachable threshold
        p.Initialize("ge", 500.0);
        var v = net.MonitorState(p, "v", [0]);
        net.Run(10 * ms);
        var trace = v.Trace(0);
        Assert.All(trace, x => Assert.True(x <= Ee + 1e-6));
        Assert.True(trace.Max() > Ee - 1 * mV);
    }

    [SkippableFact]
    public void Coba_starts_in_the_benchmark_initial_state()
    {
        var net = new Network(0.1 * ms, seed: 5) { Backend = Backend };
        var p = net.AddPopulation("P", 4000, LifConductance.Coba());
        net.Build();
        var (vMean, vSd) = SpikeTrains.MeanSd(p.Get("v"));
        var (geMean, geSd) = SpikeTrains.MeanSd(p.Get("ge"));
        var (giMean, giSd) = SpikeTrains.MeanSd(p.Get("gi"));
        // standard errors of the mean: 0.08 mV, 0.024, 0.19
        Assert.Equal(EL - 5 * mV, vMean, 0.4 * mV);
        Assert.Equal(5 * mV, vSd, 0.3 * mV);
        Assert.Equal(4, geMean, 0.12);
        Assert.Equal(1.5, geSd, 0.1);
        Assert.Equal(20, giMean, 1.0);
        Assert.Equal(12, giSd, 0.7);
        Assert.Equal("COBA-LIF", p.Model.Name);
    }

    [SkippableFact]
    public void Coba_benchmark_network_is_active()
    {
        var (net, p, spikes) = Integration.BenchmarkNetwork.Build(LifConductance.Coba(), LifConductance.CobaWeightE, LifConductance.CobaWeightI, seed: 2);
        net.Run(200 * ms);
        double rate = spikes.Count / 4000.0 / 0.2;
        Assert.InRange(rate, 5, 40);
        // still firing at the end: the activity sustains itself after the initial conductances have decayed
        double lateRate = spikes.Steps.Count(s => s >= 1500) / 4000.0 / 0.05;
        Assert.InRange(lateRate, 5, 40);
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : LifConductanceTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : LifConductanceTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }
}

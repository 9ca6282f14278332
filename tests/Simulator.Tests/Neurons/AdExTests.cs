using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Neurons;

public abstract class AdExTests
{
    /// <summary>The backend the tests run on: each test runs on the CPU and on OpenCL (PoCL in CI).</summary>
    protected abstract Backend Backend { get; }

    // Brette & Gerstner (2005)
    private const double C = 281 * pF, GL = 30 * nS, EL = -70.6 * mV, VT = -50.4 * mV, DeltaT = 2 * mV,
        TauW = 144 * ms, A = 4 * nS, B = 0.0805 * nA, VPeak = VT + 5 * DeltaT;

    [SkippableFact]
    public void Step_current_gives_spike_frequency_adaptation()
    {
        var net = new Network(0.1 * ms) { Backend = Backend };
        var p = net.AddPopulation("adex", 1, AdEx.Create());
        net.Inject(p, "I_ext", CurrentSource.Step(1 * nA, 10 * ms));
        var spikes = net.MonitorSpikes(p);
        net.Run(400 * ms);

        Assert.Equal(Integrator.RK4, net.IntegratorOf(p));
        var times = spikes.Times;
        Assert.True(times.Length >= 8, $"{times.Length} spikes");
        Assert.True(times[0] > 10 * ms);
        var isi = SpikeTrains.Isis(times);
        for (int k = 1; k < isi.Length; k++)
            Assert.True(isi[k] >= isi[k - 1] - 0.1 * ms, $"ISI {k}: {isi[k] / ms} ms after {isi[k - 1] / ms} ms");
        Assert.True(isi[^1] > 2 * isi[0], $"first ISI {isi[0] / ms} ms, last {isi[^1] / ms} ms");
        // adapted: the last intervals have converged
        Assert.True(Math.Abs(isi[^1] - isi[^2]) < 0.02 * isi[^1]);
    }

    [SkippableTheory]
    [InlineData(double.NaN)]     // the default cut-off V_T + 5 Delta_T
    [InlineData(-45e-3)]
    public void Spike_at_the_cut_off_resets_v_to_E_L_and_increments_w_by_b(double vPeak)
    {
        var net = new Network(0.1 * ms) { Backend = Backend };
        var p = net.AddPopulation("adex", 1, AdEx.Create());
        double peak = double.IsNaN(vPeak) ? VPeak : vPeak;
        if (!double.IsNaN(vPeak)) p.Set("V_peak", vPeak);
        net.Inject(p, "I_ext", CurrentSource.Constant(1 * nA));
        var spikes = net.MonitorSpikes(p);
        var v = net.MonitorState(p, "v", [0]);
        var w = net.MonitorState(p, "w", [0]);
        net.Run(200 * ms);

        var vs = v.Trace(0);
        var ws = w.Trace(0);
        Assert.True(spikes.Count >= 4);
        // the recorded v (after threshold and reset) never exceeds the cut-off
        Assert.All(vs, x => Assert.True(x <= peak));
        foreach (var s in spikes.Steps)
        {
            Assert.Equal(EL, vs[s], 1e-5 * mV);                   // reset to V_reset = E_L (float)
            Assert.True(vs[s - 1] > VT && vs[s - 1] <= peak);     // it was on its upswing one step before
            Assert.Equal(B, ws[s] - ws[s - 1], 0.02 * B);         // w jumps by b (plus one step of decay)
        }
        // between spikes v stays below the cut-off and w changes slowly
        for (int k = 1; k < vs.Length; k++)
            if (!spikes.Steps.Contains(k)) Assert.True(Math.Abs(ws[k] - ws[k - 1]) < 0.02 * B);
    }

    [SkippableFact]
    public void Subthreshold_steady_state_solves_the_AdEx_equations()
    {
        // Below rheobase (~0.55 nA for w = 0), v and w settle at the lower root of
        // g_L (E_L - v) + g_L Delta_T exp((v - V_T)/Delta_T) - a (v - E_L) + I = 0, w = a (v - E_L).
        const double current = 0.5 * nA;
        var net = new Network(0.1 * ms, Precision.Double) { Backend = Backend };
        var p = net.AddPopulation("adex", 1, AdEx.Create());
        net.Inject(p, "I_ext", CurrentSource.Constant(current));
        var spikes = net.MonitorSpikes(p);
        net.Run(2 * second);

        static double F(double v) => GL * (EL - v) + GL * DeltaT * Math.Exp((v - VT) / DeltaT) - A * (v - EL) + current;
        double lo = EL, hi = VT; // F(lo) > 0, F(hi) < 0
        for (int k = 0; k < 200; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (F(mid) > 0) lo = mid; else hi = mid;
        }
        double vStar = 0.5 * (lo + hi);
        Assert.Equal(0, spikes.Count);
        Assert.Equal(vStar, p.Get("v")[0], 0.01 * mV);
        Assert.Equal(A * (vStar - EL), p.Get("w")[0], 1e-3 * A * (vStar - EL));
        // the exponential term matters at this depolarization: ignoring it would miss by more than 0.05 mV
        Assert.True(Math.Abs(EL + current / (GL + A) - vStar) > 0.05 * mV);
    }

    [SkippableFact]
    public void Membrane_time_constant_is_C_over_g_L()
    {
        // Far below V_T the exponential term and (for a short time) w are negligible:
        // a small current step charges v with time constant C/g_L = 9.37 ms.
        var net = new Network(0.01 * ms, Precision.Double) { Backend = Backend };
        var p = net.AddPopulation("adex", 1, AdEx.Create());
        p.Set("a", 0).Set("Delta_T", 1e-6 * mV); // no subthreshold adaptation, exponential term ~ exp(-huge) = 0
        net.Inject(p, "I_ext", CurrentSource.Constant(0.1 * nA));
        var v = net.MonitorState(p, "v", [0]);
        net.Run(20 * ms);
        var times = v.Times;
        var trace = v.Trace(0);
        double tau = C / GL, vinf = EL + 0.1 * nA / GL;
        for (int k = 0; k < trace.Length; k += 50)
            Assert.Equal(vinf + (EL - vinf) * Math.Exp(-times[k] / tau), trace[k], 1e-6 * mV);
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : AdExTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : AdExTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }
}

using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Neurons;

public abstract class IzhikevichTests
{
    /// <summary>The backend the tests run on: each test runs on the CPU and on OpenCL (PoCL in CI).</summary>
    protected abstract Backend Backend { get; }

    private const double Dt = 0.1 * ms;

    /// <summary>Spike times of one neuron of each type under the paper's step input I = 10 (10 mV here), from t = 0.</summary>
    private Dictionary<IzhikevichType, double[]> Run(double duration, params IzhikevichType[] types)
    {
        var net = new Network(Dt) { Backend = Backend };
        var monitors = types.ToDictionary(t => t, t =>
        {
            var p = net.AddPopulation(t.ToString(), 1, Izhikevich.Create(t));
            net.Inject(p, "I", CurrentSource.Constant(10 * mV));
            return net.MonitorSpikes(p);
        });
        net.Run(duration);
        return monitors.ToDictionary(kv => kv.Key, kv => kv.Value.Times);
    }

    [SkippableTheory]
    [InlineData(IzhikevichType.RS)]
    [InlineData(IzhikevichType.IB)]
    [InlineData(IzhikevichType.CH)]
    [InlineData(IzhikevichType.FS)]
    [InlineData(IzhikevichType.LTS)]
    [InlineData(IzhikevichType.TC)]
    [InlineData(IzhikevichType.RZ)]
    public void SI_model_reproduces_the_paper_equations_in_mV_and_ms(IzhikevichType type)
    {
        // Reference: the paper's equations in its own units (mV, ms), forward Euler, the same step.
        var (a, b, c, d) = Izhikevich.Parameters(type);
        c /= mV;
        d /= mV;
        const double dtMs = 0.1, input = 10;
        const int steps = 3000;
        double v = -65, u = b * v;
        var expected = new List<long>();
        for (long s = 0; s < steps; s++)
        {
            double dv = 0.04 * v * v + 5 * v + 140 - u + input;
            double du = a * (b * v - u);
            v += dtMs * dv;
            u += dtMs * du;
            if (v >= 30)
            {
                expected.Add(s);
                v = c;
                u += d;
            }
        }

        var net = new Network(dtMs * ms, Precision.Double) { Backend = Backend };
        var p = net.AddPopulation("izh", 1, Izhikevich.Create(type).WithMethod(Integrator.Euler));
        net.Inject(p, "I", CurrentSource.Constant(input * mV));
        var spikes = net.MonitorSpikes(p);
        net.Run(steps * dtMs * ms);

        Assert.True(expected.Count >= 5);
        SpikeTrains.AssertWithinOneStep(expected, spikes);
    }

    [SkippableFact]
    public void Model_starts_at_the_papers_initial_state_and_keeps_its_parameters()
    {
        var net = new Network(Dt) { Backend = Backend };
        var p = net.AddPopulation("izh", 1, Izhikevich.Create(IzhikevichType.FS));
        net.Build();
        Assert.Equal(-65 * mV, p.Get("v")[0], 1e-8);
        Assert.Equal(0.2 * -65 * mV, p.Get("u")[0], 1e-8);
        Assert.Equal(Integrator.RK4, net.IntegratorOf(p));
        var model = p.Model;
        Assert.True(model.TryGetParameter("a", out var a) && a.Default == 0.1);
        Assert.True(model.TryGetParameter("c", out var c) && c.Default == -65 * mV);
        Assert.True(model.TryGetParameter("d", out var d) && d.Default == 2 * mV);
    }

    [SkippableFact]
    public void Without_input_every_type_settles_at_the_papers_resting_point()
    {
        // Rest solves 0.04 v^2 + (5 - b) v + 140 = 0 (mV): the lower root, -70 mV for b = 0.2.
        var net = new Network(Dt) { Backend = Backend };
        var types = Enum.GetValues<IzhikevichType>();
        var pops = types.Select(t => net.AddPopulation(t.ToString(), 1, Izhikevich.Create(t))).ToArray();
        var monitors = pops.Select(p => net.MonitorSpikes(p)).ToArray();
        net.Run(500 * ms);
        for (int k = 0; k < types.Length; k++)
        {
            double b = Izhikevich.Parameters(types[k]).B;
            double rest = (-(5 - b) - Math.Sqrt((5 - b) * (5 - b) - 4 * 0.04 * 140)) / (2 * 0.04) * mV;
            Assert.Equal(rest, pops[k].Get("v")[0], 0.05 * mV);
            if (types[k] == IzhikevichType.RZ)
            {
                // the resonator starts away from its rest (-65 mV instead of -62.5 mV) and answers with one rebound spike
                Assert.True(monitors[k].Count <= 1 && monitors[k].Times.All(t => t < 50 * ms));
            }
            else Assert.Equal(0, monitors[k].Count);
        }
    }

    [SkippableFact]
    public void Regular_spiking_fires_tonically_with_spike_frequency_adaptation()
    {
        var rs = Run(400 * ms, IzhikevichType.RS)[IzhikevichType.RS];
        Assert.True(rs.Length >= 6, $"{rs.Length} spikes");
        var isi = SpikeTrains.Isis(rs);
        // adaptation: the first interval is much shorter than the later ones, which lengthen monotonically
        Assert.True(isi[^1] > 1.5 * isi[0], $"first ISI {isi[0] / ms} ms, last {isi[^1] / ms} ms");
        for (int k = 1; k < isi.Length; k++) Assert.True(isi[k] >= isi[k - 1] - Dt);
        // tonic: the late intervals are regular and no interval is a burst interval
        Assert.True(SpikeTrains.Cv(isi[^3..]) < 0.02);
        Assert.True(isi.Min() > 10 * ms);
    }

    [SkippableFact]
    public void Fast_spiking_fires_much_faster_than_regular_spiking_with_less_adaptation()
    {
        var trains = Run(400 * ms, IzhikevichType.RS, IzhikevichType.FS);
        var rs = trains[IzhikevichType.RS];
        var fs = trains[IzhikevichType.FS];
        Assert.True(fs.Length > 3 * rs.Length, $"FS {fs.Length} spikes, RS {rs.Length}");
        var rsIsi = SpikeTrains.Isis(rs);
        var fsIsi = SpikeTrains.Isis(fs);
        double rsAdaptation = rsIsi[^1] / rsIsi[0], fsAdaptation = fsIsi[^1] / fsIsi[0];
        Assert.True(fsAdaptation < rsAdaptation, $"FS adaptation {fsAdaptation:F2}, RS {rsAdaptation:F2}");
        // FS reaches its steady rate within a few spikes and then fires regularly
        Assert.True(SpikeTrains.Cv(fsIsi[5..]) < 0.03);
        Assert.True(fsIsi[5..].Max() < 10 * ms);
    }

    [SkippableFact]
    public void Chattering_fires_repetitive_bursts_with_bimodal_intervals()
    {
        var ch = Run(400 * ms, IzhikevichType.CH)[IzhikevichType.CH];
        var isi = SpikeTrains.Isis(ch);
        var within = isi.Where(x => x < 20 * ms).ToArray();
        var between = isi.Where(x => x >= 20 * ms).ToArray();
        // bimodal: intra-burst intervals of a few ms, inter-burst intervals of tens of ms, nothing in between
        Assert.True(between.Length >= 4, $"{between.Length} inter-burst intervals");
        Assert.True(within.Max() < 8 * ms && between.Min() > 30 * ms);
        // every burst has at least 3 spikes
        int run = 1;
        var burstSizes = new List<int>();
        foreach (var x in isi)
        {
            if (x < 20 * ms) run++;
            else { burstSizes.Add(run); run = 1; }
        }
        Assert.All(burstSizes, size => Assert.True(size >= 3, $"burst of {size}"));
    }

    [SkippableFact]
    public void Intrinsically_bursting_starts_with_a_burst_then_fires_tonically()
    {
        var ib = Run(400 * ms, IzhikevichType.IB)[IzhikevichType.IB];
        var isi = SpikeTrains.Isis(ib);
        Assert.True(isi.Length >= 6);
        Assert.True(isi[0] < 6 * ms && isi[1] < 6 * ms, "initial burst");
        Assert.All(isi[2..], x => Assert.True(x > 20 * ms));
        Assert.True(SpikeTrains.Cv(isi[^3..]) < 0.02);
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : IzhikevichTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : IzhikevichTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }
}

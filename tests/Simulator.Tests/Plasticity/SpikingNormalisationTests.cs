using Dendra.Plasticity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>
/// Synaptic normalisation of spiking projections (<see cref="Projection.NormalisedTo"/>): each postsynaptic neuron's incoming
/// weights scaled to an Lp radius, on its schedule, on every backend, against the definition of the norm.
/// </summary>
public abstract class SpikingNormalisationTests
{
    /// <summary>The backend the tests run on: each test runs on the CPU, on OpenCL (PoCL in CI) and split between them.</summary>
    protected abstract Backend Backend { get; }

    /// <summary>Where each population runs: as the network's backend says, unless a variant places them itself.</summary>
    protected virtual void Place(Network net) { }

    private const int Inputs = 12, Outputs = 6;

    /// <summary>A synapse whose weight is multiplied at each arriving spike by a factor of its presynaptic neuron (1 − 4%
    /// to 1 + 7%): weights change between normalisations, the ratios within a row change, signs never do, and zeros stay zero.</summary>
    private static SynapseModel Scaling() => new SynapseModel("Scaling").OnPre("v += w\nw = w*(1 + 0.01*(i - 4))");

    private static NeuronModel Leaky() => new NeuronModel("Leaky", "dv/dt = -v/(10*ms)");

    /// <summary>Poisson inputs onto a few leaky neurons through <paramref name="synapse"/>, half the pairs connected (each
    /// neuron with its own number of synapses), signed initial weights, and neuron 2's weights all zero.</summary>
    private Network Build(Precision precision, SynapseModel synapse, out Projection projection, ulong seed = 4)
    {
        var net = new Network(0.1 * ms, precision, seed) { Backend = Backend };
        var input = net.AddPoisson("input", Inputs, 300 * Hz);
        var output = net.AddPopulation("output", Outputs, Leaky());
        projection = net.Connect(input, output, synapse, Connectivity.FixedProbability(0.5), weight: "where(j == 2, 0, sin(1.3*i + 2.1*j + 0.4))");
        return net;
    }

    /// <summary>Each postsynaptic neuron's synapses (storage positions), from a read of the projection.</summary>
    private static Dictionary<int, List<int>> Rows(int[] post)
    {
        var rows = new Dictionary<int, List<int>>();
        for (int s = 0; s < post.Length; s++)
        {
            if (!rows.TryGetValue(post[s], out var row)) rows[post[s]] = row = [];
            row.Add(s);
        }
        return rows;
    }

    private static double Norm(IEnumerable<double> values, double p) => Math.Pow(values.Sum(x => Math.Pow(Math.Abs(x), p)), 1 / p);

    [SkippableTheory]
    [InlineData(1.0, Precision.Double, 1e-12)]
    [InlineData(2.0, Precision.Double, 1e-12)]
    [InlineData(3.5, Precision.Double, 1e-12)]
    [InlineData(1.0, Precision.Single, 1e-6)]
    [InlineData(2.0, Precision.Single, 1e-6)]
    [InlineData(3.5, Precision.Single, 1e-6)]
    public void Every_neurons_norm_is_the_radius_with_signs_and_ratios_kept_and_zero_rows_zero(double p, Precision precision, double tolerance)
    {
        const double radius = 7.8;
        var net = Build(precision, Scaling(), out var projection);
        SynapticNormalisation.Lp(projection, p, radius);
        Place(net);
        net.Run(20 * ms);
        var (_, post, before) = projection.Get("w");
        net.EndPresentation();
        var after = projection.Get("w").Values;

        var rows = Rows(post);
        Assert.True(rows.Values.Select(r => r.Count).Distinct().Count() > 2, "the neurons have different numbers of synapses");
        Assert.NotEqual(before, after);
        foreach (var (neuron, row) in rows)
        {
            if (neuron == 2)
            {
                Assert.All(row, s => Assert.Equal(0.0, after[s]));
                continue;
            }
            Assert.Equal(radius, Norm(row.Select(s => after[s]), p), tolerance * radius);
            double factor = after[row[0]] / before[row[0]];
            foreach (var s in row)
            {
                Assert.Equal(Math.Sign(before[s]), Math.Sign(after[s]));
                Assert.Equal(factor, after[s] / before[s], tolerance * Math.Abs(factor));
            }
        }
    }

    [SkippableFact]
    public void Every_third_presentation_normalises_and_the_two_between_leave_every_bit()
    {
        const double radius = 2;
        var net = Build(Precision.Double, SynapseModel.Static("v"), out var projection);
        projection.NormalisedTo(radius, p: 2, NormalisationSchedule.EveryPresentations(3));
        Place(net);
        var initial = projection.Get("w").Values;
        var previous = initial;
        for (int presentation = 1; presentation <= 7; presentation++)
        {
            net.Run(2 * ms);
            net.EndPresentation();
            Assert.Equal(presentation, net.Presentations);
            var (_, post, w) = projection.Get("w");
            if (presentation % 3 != 0)
                Assert.Equal(previous, w);
            else
                foreach (var (neuron, row) in Rows(post).Where(r => r.Key != 2))
                    Assert.Equal(radius, Norm(row.Select(s => w[s]), 2), 1e-12 * radius);
            if (presentation == 3) Assert.NotEqual(initial, w);
            previous = w;
        }
    }

    [SkippableFact]
    public void Every_fourth_step_normalises_and_the_steps_between_leave_every_bit()
    {
        const double radius = 0.5;
        var net = Build(Precision.Double, SynapseModel.Static("v"), out var projection);
        projection.NormalisedTo(radius, p: 1, NormalisationSchedule.EverySteps(4));
        var monitor = net.MonitorWeights(projection, every: 1);
        Place(net);
        var initial = projection.Get("w").Values;
        net.Run(2.5 * ms);

        Assert.Equal(25, monitor.Count);
        var rows = Rows(monitor.Post.ToArray());
        for (int k = 0; k < monitor.Count; k++)
        {
            long step = monitor.Steps[k];
            var w = monitor.Sample(k).ToArray();
            if ((step + 1) % 4 != 0)
                Assert.Equal(k == 0 ? initial : monitor.Sample(k - 1).ToArray(), w);
            else
                foreach (var (neuron, row) in rows.Where(r => r.Key != 2))
                    Assert.Equal(radius, Norm(row.Select(s => w[s]), 1), 1e-12 * radius);
        }
        Assert.NotEqual(initial, monitor.Sample(3).ToArray());
    }

    [SkippableFact]
    public void Weights_that_learn_between_normalisations_are_back_at_the_radius_at_each_one_and_stay_normalised_on_the_device()
    {
        // The weights drift off the radius between normalisations; each due step brings them back, and reads after later
        // steps see what the device holds (no older copy of the weights comes back).
        const double radius = 3;
        var net = Build(Precision.Double, Scaling(), out var projection);
        projection.NormalisedTo(radius, p: 2, NormalisationSchedule.EverySteps(10));
        var monitor = net.MonitorWeights(projection, every: 1);
        Place(net);
        net.Run(10 * ms);
        var rows = Rows(monitor.Post.ToArray());
        int drifted = 0;
        for (int k = 0; k < monitor.Count; k++)
        {
            var w = monitor.Sample(k);
            var norms = rows.Where(r => r.Key != 2).Select(r => Norm(r.Value.Select(s => w[s]), 2)).ToList();
            if ((monitor.Steps[k] + 1) % 10 == 0) Assert.All(norms, n => Assert.Equal(radius, n, 1e-12 * radius));
            else if (k > 10 && norms.Any(n => Math.Abs(n - radius) > 1e-6)) drifted++;
        }
        Assert.True(drifted > 50, $"the weights left the radius between normalisations in only {drifted} steps");
        Assert.Equal(monitor.Latest, projection.Get("w").Values);
    }

    [SkippableFact]
    public void The_backends_agree_to_rounding()
    {
        double[] Learn(bool here)
        {
            var net = Build(Precision.Double, Scaling(), out var projection, seed: 9);
            net.Backend = here ? Backend : Backend.Cpu;
            SynapticNormalisation.Lp(projection, 3.5, radius: 1.5, NormalisationSchedule.EverySteps(7));
            var second = net.Connect(net.Populations[0], net.Populations[1], Scaling(), Connectivity.FixedProbability(0.3), weight: "cos(i - 2*j)", name: "second");
            SynapticNormalisation.L1(second, radius: 4);
            if (here) Place(net);
            for (int presentation = 0; presentation < 5; presentation++)
            {
                net.Run(6 * ms);
                net.EndPresentation();
            }
            return [.. projection.Get("w").Values, .. second.Get("w").Values];
        }
        var here = Learn(here: true);
        var cpu = Learn(here: false);
        Assert.Equal(cpu.Length, here.Length);
        for (int s = 0; s < cpu.Length; s++) Assert.Equal(cpu[s], here[s], 1e-12 * Math.Max(1, Math.Abs(cpu[s])));
    }

    [SkippableTheory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void A_checkpoint_resumes_the_presentation_count_and_the_weights_bitwise(Precision precision)
    {
        // Every third presentation; the checkpoint is taken after the second, so a count that did not resume would
        // normalise at the wrong presentations.
        (Network Net, Projection Projection) Fresh()
        {
            var net = Build(precision, Scaling(), out var projection);
            projection.NormalisedTo(2, p: 1, NormalisationSchedule.EveryPresentations(3));
            Place(net);
            return (net, projection);
        }
        void Present(Network net, int count)
        {
            for (int k = 0; k < count; k++)
            {
                net.Run(3 * ms);
                net.EndPresentation();
            }
        }
        var (straight, straightProjection) = Fresh();
        Present(straight, 7);

        var (first, _) = Fresh();
        Present(first, 2);
        string path = Path.Combine(Path.GetTempPath(), $"dendra-normalisation-{Guid.NewGuid():N}.ckpt");
        try
        {
            first.SaveCheckpoint(path);
            var (resumed, resumedProjection) = Fresh();
            resumed.LoadCheckpoint(path);
            Assert.Equal(2, resumed.Presentations);
            Present(resumed, 5);
            Assert.Equal(7, resumed.Presentations);
            Assert.Equal(straightProjection.Get("w").Values, resumedProjection.Get("w").Values);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public void A_normalised_static_projection_drives_its_targets_with_the_normalised_weights()
    {
        // A static synapse (target += w) keeps its meaning when normalised: it runs as synapse code on the general path,
        // and one spike adds the normalised weight.
        var net = new Network(0.1 * ms, Precision.Double) { Backend = Backend };
        var input = net.AddSpikeSource("input", 2, [(0, 1 * ms), (1, 1 * ms)]);
        var output = net.AddPopulation("output", 1, new NeuronModel("Sum", "").WithState("v"));
        var projection = net.Connect(input, output, "v", Connectivity.AllToAll(), weight: "3 + 4*i").NormalisedTo(10, p: 2);
        Place(net);
        net.Run(0.5 * ms);
        net.EndPresentation(); // (3, 7) → 10·(3, 7)/√58
        var w = projection.Get("w").Values;
        Assert.Equal(30 / Math.Sqrt(58), w[0], 1e-12);
        Assert.Equal(70 / Math.Sqrt(58), w[1], 1e-12);
        net.Run(1 * ms);
        Assert.Equal(100 / Math.Sqrt(58), output.Get("v")[0], 1e-12);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_scale_beyond_the_precision_stops_the_run_naming_the_projection_and_variable(bool everyStep)
    {
        // Weights of 1e-30 scaled to a radius of 1e10 need a factor of about 1e40, beyond float32.
        var net = new Network(0.1 * ms, Precision.Single) { Backend = Backend };
        var input = net.AddPoisson("input", 4, 100 * Hz);
        var output = net.AddPopulation("output", 2, Leaky());
        var projection = net.Connect(input, output, Scaling(), Connectivity.AllToAll(), weight: 1e-30)
            .NormalisedTo(1e10, p: 2, everyStep ? NormalisationSchedule.EverySteps(5) : null);
        Place(net);
        var e = Assert.Throws<SimulationException>(() =>
        {
            net.Run(1 * ms);
            net.EndPresentation();
        });
        Assert.Equal(projection.Name, e.Projection);
        Assert.Equal("w", e.Variable);
        Assert.Equal(everyStep ? 4 : 9, e.Step);
    }

    [SkippableFact]
    public void A_radius_beyond_float32_is_refused_when_the_network_is_built_in_float32()
    {
        var net = Build(Precision.Single, Scaling(), out var projection);
        projection.NormalisedTo(1e39, p: 1);
        Place(net);
        var e = Assert.Throws<ModelException>(net.Build);
        Assert.Contains($"projection '{projection.Name}'", e.Message);
        Assert.Contains("beyond the range of float32", e.Message);
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : SpikingNormalisationTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;

        [Fact]
        public void One_and_two_threads_give_the_same_bits()
        {
            // Enough synapses (64 × 4096) for the neurons to be split over two threads.
            double[] Learn(int threads)
            {
                var net = new Network(0.1 * ms, Precision.Single, seed: 2) { Threads = threads };
                var input = net.AddPoisson("input", 4096, 50 * Hz);
                var output = net.AddPopulation("output", 64, Leaky());
                var projection = net.Connect(input, output, Scaling(), Connectivity.AllToAll(), weight: "rand() - 0.3");
                projection.NormalisedTo(1, p: 3.5, NormalisationSchedule.EverySteps(3));
                for (int presentation = 0; presentation < 3; presentation++)
                {
                    net.Run(2 * ms);
                    net.EndPresentation();
                }
                return projection.Get("w").Values;
            }
            Assert.Equal(Learn(1), Learn(2));
        }
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : SpikingNormalisationTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }

    /// <summary>These tests split between the backends: the inputs on the CPU, the neurons they project to (and so the
    /// projections and their normalisation) on OpenCL.</summary>
    public sealed class Placed : SpikingNormalisationTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public Placed() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;

        /// <inheritdoc />
        protected override void Place(Network net)
        {
            foreach (var p in net.Populations) p.Placement = p.Name == "input" ? Placement.Cpu : Placement.OpenCl;
        }
    }
}

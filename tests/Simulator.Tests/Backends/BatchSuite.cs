using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>
/// A minibatch (<see cref="Network.BatchSize"/>) run once per backend: every instance of a batch must give exactly what a
/// network of one instance gives for the same input, so lateral inhibition through <c>sum()</c>, dense and sparse rate
/// projections and current injection all have to keep the instances apart.
/// </summary>
public abstract class BatchSuite
{
    /// <summary>The backend the tests run on.</summary>
    protected abstract Backend Backend { get; }

    private const int Pixels = 30, Hidden = 20, Instances = 4;

    // Competing hidden units: each is driven by its input and inhibited by the rectified activity of all the others,
    // which is a population sum, so it has to be formed per instance.
    private static NeuronModel Competing() => new NeuronModel("Competing", """
            dh/dt = (I - h - w_inh*(sum(max(h, 0)) - max(h, 0)))/tau
            r = max(h, 0)
            """)
        .WithParameter("tau", 5 * ms, "s", "time constant")
        .WithParameter("w_inh", 0.4, "1", "strength of the lateral inhibition")
        .WithInput("I");

    /// <summary>The input of instance <paramref name="instance"/>: a different pattern in each.</summary>
    private static double[] Pattern(int instance)
    {
        var random = new System.Random(100 + instance);
        return Enumerable.Range(0, Pixels).Select(_ => random.NextDouble()).ToArray();
    }

    private (Network Net, Population Input, Population Hidden) Build(int batch, Precision precision = Precision.Double)
    {
        var net = new Network(0.1 * ms, precision, seed: 9) { Backend = Backend, BatchSize = batch };
        var input = net.AddPopulation("pixels", Pixels, RateNeuron.Input());
        var hidden = net.AddPopulation("hidden", Hidden, Competing());
        var random = new System.Random(5);
        var w = new double[Hidden - 2, Pixels - 1];
        for (int j = 0; j < Hidden - 2; j++)
            for (int k = 0; k < Pixels - 1; k++) w[j, k] = random.NextDouble() - 0.3;
        net.ConnectRate(input.Slice(1, Pixels - 1), hidden.Slice(2, Hidden - 2), "r", "I", w);
        // Each hidden unit excites its neighbour a little: a sparse projection within the hidden layer.
        var rowStart = Enumerable.Range(0, Hidden + 1).ToArray();
        var columns = Enumerable.Range(0, Hidden).Select(j => (j + 1) % Hidden).ToArray();
        net.ConnectRateSparse(hidden, hidden, "r", "I", rowStart, columns, columns.Select(c => 0.05 + 0.001 * c).ToArray());
        net.Inject(hidden.Slice(0, 3), "I", CurrentSource.Sine(0.5, 40));
        return (net, input, hidden);
    }

    [SkippableFact]
    public void Every_instance_of_a_batch_gives_exactly_what_a_single_network_gives_for_its_input()
    {
        var (batch, input, hidden) = Build(Instances);
        input.SetState("r", Enumerable.Range(0, Instances).SelectMany(Pattern).ToArray());
        batch.Run(20 * ms);

        var final = new List<double[]>();
        for (int b = 0; b < Instances; b++)
        {
            var (single, singleInput, singleHidden) = Build(1);
            singleInput.SetState("r", Pattern(b));
            single.Run(20 * ms);
            var expected = singleHidden.Get("h");
            var actual = hidden.Get("h", b);
            for (int j = 0; j < Hidden; j++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[j]) == BitConverter.DoubleToInt64Bits(actual[j]),
                    $"instance {b}, hidden {j}: alone {expected[j]:R}, in the batch {actual[j]:R}");
            final.Add(actual);
        }
        Assert.True(final.Select(f => f.Sum()).Distinct().Count() == Instances, "the instances ended alike: their inputs did not reach them");
        Assert.True(final[0].Count(h => h > 0) is > 0 and < Hidden, "lateral inhibition should leave some hidden units silent and some active");
        Assert.Equal(Hidden * Instances, hidden.Get("h").Length);
    }

    [SkippableFact]
    public void The_batch_on_this_backend_matches_the_cpu_batch()
    {
        var (cpu, cpuInput, cpuHidden) = Build(Instances);
        cpu.Backend = Backend.Cpu;
        var (here, input, hidden) = Build(Instances);
        var patterns = Enumerable.Range(0, Instances).SelectMany(Pattern).ToArray();
        cpuInput.SetState("r", patterns);
        input.SetState("r", patterns);
        cpu.Run(10 * ms);
        here.Run(10 * ms);
        var expected = cpuHidden.Get("h");
        var actual = hidden.Get("h");
        // The CPU forms dense dot products with SIMD partial sums, a device in column order: equal to rounding.
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-12 * Math.Max(1, Math.Abs(expected[k])), $"element {k}: CPU {expected[k]:R}, {Backend} {actual[k]:R}");
    }

    [SkippableFact]
    public void A_sum_over_a_population_large_enough_to_split_over_threads_is_formed_per_instance_as_alone()
    {
        const int N = 10_000; // above the size from which the CPU splits a sum over its threads
        var drives = Enumerable.Range(0, 2).Select(b => Enumerable.Range(0, N).Select(i => Math.Sin(0.001 * i * (b + 1))).ToArray()).ToArray();
        NeuronModel Model() => new NeuronModel("Pooled", "dv/dt = (x - v - 1e-4*sum(v))/tau").WithParameter("tau", 2 * ms).WithState("x");
        var net = new Network(0.1 * ms, Precision.Double) { Backend = Backend, BatchSize = 2, Threads = 2 };
        var pooled = net.AddPopulation("pooled", N, Model());
        pooled.SetState("x", drives.SelectMany(d => d).ToArray());
        net.Run(1 * ms);
        for (int b = 0; b < 2; b++)
        {
            var alone = new Network(0.1 * ms, Precision.Double) { Backend = Backend, Threads = 2 };
            var single = alone.AddPopulation("pooled", N, Model());
            single.SetState("x", drives[b]);
            alone.Run(1 * ms);
            Assert.Equal(single.Get("v"), pooled.Get("v", b));
        }
        Assert.NotEqual(pooled.Get("v", 0), pooled.Get("v", 1));
    }

    [SkippableFact]
    public void A_monitor_samples_the_instance_it_is_given()
    {
        var (net, input, hidden) = Build(Instances);
        var third = net.MonitorState(hidden, "h", [0, 5, 19], instance: 2);
        input.SetState("r", Enumerable.Range(0, Instances).SelectMany(Pattern).ToArray());
        net.Run(5 * ms);
        var end = hidden.Get("h", 2);
        Assert.Equal(50, third.Count);
        Assert.Equal([end[0], end[5], end[19]], third.Sample(third.Count - 1));
        Assert.NotEqual(hidden.Get("h", 1)[5], third.Sample(third.Count - 1)[1]);
    }

    [SkippableFact]
    public void Setting_one_pattern_gives_it_to_every_instance_and_rand_draws_differ_between_instances()
    {
        var net = new Network(0.1 * ms, Precision.Double, seed: 3) { Backend = Backend, BatchSize = 3 };
        var noisy = net.AddPopulation("noisy", 8, new NeuronModel("Noisy", "dv/dt = (x - v)/tau + 20*randn()").WithParameter("tau", 5 * ms).WithState("x"));
        noisy.SetState("x", Enumerable.Range(0, 8).Select(i => (double)i).ToArray());
        Assert.Equal(noisy.Get("x", 0), noisy.Get("x", 2));
        net.Run(2 * ms);
        var v = noisy.Get("v");
        Assert.NotEqual(v[..8], v[8..16]);
        Assert.NotEqual(v[8..16], v[16..]);
    }

    [SkippableTheory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    public void State_that_is_set_reaches_the_projections_of_the_very_next_step(int batch, bool afterARun)
    {
        // r = h is a stored sub-expression that the projection reads at the start of a step: setting h must update it.
        var net = new Network(0.1 * ms, Precision.Double) { Backend = Backend, BatchSize = batch };
        var input = net.AddPopulation("input", 3, RateNeuron.Create(Transfer.Linear));
        var sum = net.AddPopulation("sum", 1, RateNeuron.Create(Transfer.Linear));
        net.ConnectRate(input, sum, "r", "I", new double[,] { { 1, 10, 100 } });
        if (afterARun) net.Run(net.Dt);
        input.SetState("h", Enumerable.Range(0, 3 * batch).Select(k => (double)(k + 1)).ToArray());
        net.Run(net.Dt);
        for (int b = 0; b < batch; b++)
            Assert.Equal(1 * (3 * b + 1) + 10 * (3 * b + 2) + 100 * (3 * b + 3), sum.Get("I", b)[0], 1e-9);
    }

    [SkippableFact]
    public void A_checkpoint_of_a_batch_resumes_exactly_and_only_into_the_same_batch_size()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dendra-batch-{Guid.NewGuid():N}.ckpt");
        try
        {
            var (first, input, _) = Build(Instances);
            input.SetState("r", Enumerable.Range(0, Instances).SelectMany(Pattern).ToArray());
            first.Run(5 * ms);
            first.SaveCheckpoint(path);
            first.Run(5 * ms);

            var (second, _, hidden) = Build(Instances);
            second.LoadCheckpoint(path);
            second.Run(5 * ms);
            Assert.Equal(first.Populations[1].Get("h"), hidden.Get("h"));

            var (other, _, _) = Build(Instances - 1);
            var e = Assert.Throws<Dendra.Simulator.Recording.CheckpointException>(() => other.LoadCheckpoint(path));
            Assert.Contains("batch of 4 instance(s), this network runs 3", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public void A_blow_up_names_the_instance_and_the_neuron()
    {
        var net = new Network(0.1 * ms, Precision.Double) { Backend = Backend, BatchSize = 3 };
        var growing = net.AddPopulation("growing", 5, new NeuronModel("Growing", "dv/dt = g*v/tau").WithParameter("tau", 1 * ms).WithState("g"));
        growing.Initialize("v", 1.0);
        var g = new double[15];
        g[2 * 5 + 3] = 2000; // neuron 3 of instance 2 grows e^200 per step
        growing.SetState("g", g);
        var e = Assert.Throws<SimulationException>(() => net.Run(10 * ms));
        Assert.Equal(2, e.Instance);
        Assert.Equal(3, e.Neuron);
        Assert.Contains("instance 2, neuron 3", e.Message);
    }
}

/// <summary>The batch suite on the CPU backend.</summary>
public sealed class CpuBatchSuite : BatchSuite
{
    /// <inheritdoc />
    protected override Backend Backend => Backend.Cpu;
}

/// <summary>The batch suite on the OpenCL backend (PoCL where there is no GPU).</summary>
public sealed class OpenClBatchSuite : BatchSuite
{
    /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
    public OpenClBatchSuite() => OpenClDriver.Require();

    /// <inheritdoc />
    protected override Backend Backend => Backend.OpenCl;
}

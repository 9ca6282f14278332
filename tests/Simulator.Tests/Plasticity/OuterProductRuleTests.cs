using Dendra.Neurons;
using Dendra.Simulator.Backends.Cpu;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>Plastic rate projections: ΔW = η (f(post) ⊗ g(pre) − d(post) ⊙ W), reduced over a minibatch.</summary>
public partial class OuterProductRuleTests
{
    private static readonly OuterProductRule Oja = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2");

    /// <summary>A linear unit layer v = W r over <paramref name="batch"/> instances, with random inputs and weights.</summary>
    private static (Network Net, RateProjection Projection) Layer(int inputs, int outputs, int batch, OuterProductRule rule, int threads = 1, int seed = 1,
        Backend backend = Backend.Cpu, Precision precision = Precision.Double)
    {
        var random = new System.Random(seed);
        var net = new Network(1 * ms, precision) { BatchSize = batch, Threads = threads, Backend = On(backend) };
        var input = net.AddPopulation("input", inputs, RateNeuron.Input());
        var output = net.AddPopulation("output", outputs, new NeuronModel("Linear", "v = I").WithInput("I"));
        var w = new double[outputs, inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++) w[j, i] = random.NextDouble() - 0.5;
        input.SetState("r", Enumerable.Range(0, inputs * batch).Select(_ => random.NextDouble()).ToArray());
        return (net, net.ConnectRate(input, output, "r", "I", w).Learn(rule));
    }

    private static CpuSimulation<double> Factors(Network net, double[] inputs)
    {
        var simulation = new CpuSimulation<double>(net);
        simulation.Write(net.Populations[0], "r", inputs);
        simulation.Run(1, null); // computes the factors (η = 0 leaves the weights as they were)
        return simulation;
    }

    [Fact]
    public void A_batch_change_is_bitwise_the_sum_of_the_single_instance_changes_from_the_same_weights() =>
        BatchChangeIsTheSumOfSingleChanges(new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0), outputs: 5);

    [Fact]
    public void A_competitive_rule_whose_units_mostly_do_not_learn_has_the_same_bitwise_sum()
    {
        // Only units with v > 0.4 learn (f = 0 elsewhere), as in winner-take-all rules: the update leaves out of a block of
        // rows the instances in which none of its rows learns, which must change no bit. Twelve rows make three blocks of
        // four, and with these inputs some instances drop out of a block while others stay in it.
        var rule = new OuterProductRule("Rectified Oja", post: "where(v > 0.4, v, 0)", pre: "r", decay: "where(v > 0.4, v^2, 0)").WithParameter("eta", 0);
        var (f, _, _) = BatchChangeIsTheSumOfSingleChanges(rule, outputs: 12);
        int blocksWithout = 0, blocksWith = 0;
        for (int n = 0; n < f.Length / 12; n++)
            for (int block = 0; block < 3; block++)
                if (f.Skip(n * 12 + block * 4).Take(4).All(x => x == 0)) blocksWithout++; else blocksWith++;
        Assert.True(blocksWithout > 0 && blocksWith > 0, $"{blocksWithout} blocks of an instance do not learn, {blocksWith} do");
    }

    /// <summary>Checks a batch's change against its instances' changes; returns the factors of every instance, [n, unit].</summary>
    private static (double[] F, double[] G, double[] D) BatchChangeIsTheSumOfSingleChanges(OuterProductRule rule, int outputs)
    {
        // The batch's change is Σ_n f_n ⊗ g_n − (Σ_n d_n) ⊙ W: each instance's change f_n ⊗ g_n − d_n ⊙ W summed in
        // instance order, with the decay factored out of the sum. Rebuilt here from single-instance networks' factors, in
        // scalar arithmetic (one fused multiply-add per instance, as the kernels), it has the same bits; and it is the literal sum of the single changes to rounding.
        const int inputs = 37, batch = 9;
        var (allF, allG, allD) = (new List<double>(), new List<double>(), new List<double>());
        var random = new System.Random(5);
        var inputsOfBatch = Enumerable.Range(0, inputs * batch).Select(_ => random.NextDouble()).ToArray();
        var (net, projection) = Layer(inputs, outputs, batch, rule);
        var batched = Factors(net, inputsOfBatch).LearningOf(projection)!.Change();

        var outer = new double[outputs * inputs];
        var decay = new double[outputs];
        var literal = new double[outputs * inputs];
        var w = projection.Weights();
        for (int n = 0; n < batch; n++)
        {
            var (single, singleProjection) = Layer(inputs, outputs, 1, rule);
            var learning = Factors(single, inputsOfBatch[(n * inputs)..((n + 1) * inputs)]).LearningOf(singleProjection)!;
            var (f, g, d) = learning.Factors();
            allF.AddRange(f);
            allG.AddRange(g);
            allD.AddRange(d!);
            for (int j = 0; j < outputs; j++)
            {
                decay[j] += d![j];
                for (int i = 0; i < inputs; i++) outer[j * inputs + i] = Math.FusedMultiplyAdd(f[j], g[i], outer[j * inputs + i]);
            }
            var change = learning.Change();
            for (int k = 0; k < literal.Length; k++) literal[k] += change[k];
        }
        var expected = new double[outputs * inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++) expected[j * inputs + i] = outer[j * inputs + i] - decay[j] * w[j, i];
        Assert.Equal(expected, batched);
        for (int k = 0; k < literal.Length; k++) Assert.Equal(literal[k], batched[k], 1e-12 * (1 + Math.Abs(literal[k])));
        Assert.Contains(batched, c => c != 0);
        return ([.. allF], [.. allG], [.. allD]);
    }

    [Fact]
    public void With_one_instance_the_change_is_bitwise_the_single_instance_change()
    {
        const int inputs = 37, outputs = 6;
        var rule = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0);
        var random = new System.Random(8);
        var x = Enumerable.Range(0, inputs).Select(_ => random.NextDouble()).ToArray();
        var (net, projection) = Layer(inputs, outputs, 1, rule);
        var learning = Factors(net, x).LearningOf(projection)!;
        var (f, g, d) = learning.Factors();
        var w = projection.Weights();
        var expected = new double[outputs * inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++) expected[j * inputs + i] = f[j] * g[i] - d![j] * w[j, i];
        Assert.Equal(expected, learning.Change());
    }

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void Weights_learned_over_a_batch_are_the_same_with_one_and_two_threads(Precision precision)
    {
        // Big enough that the rows are split over the threads (rows × columns × instances ≥ 131 072), and sizes that leave
        // rows outside the blocks of four and columns outside whole vectors.
        var rule = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.01).ReducedBy(BatchReduction.Mean);
        var (one, p1) = Layer(101, 43, 40, rule, threads: 1, precision: precision);
        var (two, p2) = Layer(101, 43, 40, rule, threads: 2, precision: precision);
        one.Run(5 * ms);
        two.Run(5 * ms);
        var w1 = p1.Weights();
        Assert.Equal(w1, p2.Weights());
        Assert.NotEqual(w1[0, 0], Layer(101, 43, 40, rule, precision: precision).Projection.Weights()[0, 0]); // it learned
    }

    [Fact]
    public void Oja_finds_the_principal_eigenvector_with_unit_length()
    {
        // u = (x, −0.7x) + noise: Oja's rule turns w to the top eigenvector of <u uᵀ> and |w| to 1.
        var random = new System.Random(3);
        const int batch = 50;
        var net = new Network(1 * ms, Precision.Double) { BatchSize = batch };
        var input = net.AddPopulation("input", 2, RateNeuron.Input());
        var output = net.AddPopulation("output", 1, new NeuronModel("Linear", "v = I").WithInput("I"));
        var projection = net.ConnectRate(input, output, "r", "I", new double[,] { { 0.1, 0.4 } })
            .Learn(new OuterProductRule("Oja", post: "v_post", pre: "r_pre", decay: "v_post^2").WithParameter("eta", 0.5).ReducedBy(BatchReduction.Mean));
        double cxx = 0, cxy = 0, cyy = 0;
        var shown = new double[2 * batch];
        for (int step = 0; step < 1500; step++)
        {
            for (int b = 0; b < batch; b++)
            {
                double x = random.NextDouble() - 0.5, ux = x + 0.1 * (random.NextDouble() - 0.5), uy = -0.7 * x + 0.1 * (random.NextDouble() - 0.5);
                (shown[2 * b], shown[2 * b + 1]) = (ux, uy);
                cxx += ux * ux; cxy += ux * uy; cyy += uy * uy;
            }
            input.SetState("r", shown);
            net.Run(net.Dt);
        }
        double top = (cxx + cyy) / 2 + Math.Sqrt((cxx - cyy) * (cxx - cyy) / 4 + cxy * cxy);
        (double ex, double ey) = (cxy, top - cxx);
        var w = projection.Weights();
        double length = Math.Sqrt(w[0, 0] * w[0, 0] + w[0, 1] * w[0, 1]);
        double cos = Math.Abs(w[0, 0] * ex + w[0, 1] * ey) / (length * Math.Sqrt(ex * ex + ey * ey));
        Assert.True(cos >= 0.999, $"cos = {cos}");
        Assert.Equal(1, length, 0.01);
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void Applied_every_k_steps_the_rule_changes_the_weights_only_then(Backend backend)
    {
        var (net, projection) = Layer(3, 2, 1, new OuterProductRule("Hebb", post: "v", pre: "r").WithParameter("eta", 0.1).Every(3), backend: backend);
        var before = projection.Weights();
        net.Run(2 * ms);
        Assert.Equal(before, projection.Weights());
        net.Run(1 * ms);
        Assert.NotEqual(before, projection.Weights());
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void A_learning_rate_set_after_the_build_is_the_one_the_next_updates_use(Backend backend)
    {
        // A training loop's schedule sets η between presentations: set on a built network, it must act as if the rule had
        // been written with it, bit for bit, and η = 0 must stop learning.
        var (written, writtenProjection) = Layer(5, 3, 2, new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.3), backend: backend);
        var (set, setProjection) = Layer(5, 3, 2, new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.1), backend: backend);
        set.Build();
        setProjection.LearningRate = 0.3;
        written.Run(3 * ms);
        set.Run(3 * ms);
        Assert.Equal(0.3, setProjection.LearningRate);
        Assert.Equal(writtenProjection.Weights(), setProjection.Weights());

        var learned = setProjection.Weights();
        setProjection.LearningRate = 0;
        set.Run(2 * ms);
        Assert.Equal(learned, setProjection.Weights());
        setProjection.LearningRate = 0.3;
        set.Run(1 * ms);
        Assert.NotEqual(learned, setProjection.Weights());
    }

    [Fact]
    public void Fixed_weights_have_no_learning_rate_to_set()
    {
        var net = new Network(1 * ms);
        var input = net.AddPopulation("input", 2, RateNeuron.Input());
        var output = net.AddPopulation("output", 1, new NeuronModel("Linear", "v = I").WithInput("I"));
        var fixedWeights = net.ConnectRate(input, output, "r", "I", new double[,] { { 1, 2 } }, "fixed");
        var e = Assert.Throws<InvalidOperationException>(() => fixedWeights.LearningRate = 0.1);
        Assert.Contains("rate projection 'fixed' has fixed weights", e.Message);
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void Clipping_holds_every_weight_in_its_bounds(Backend backend)
    {
        var (net, projection) = Layer(4, 3, 2, new OuterProductRule("Hebb", post: "v + 1", pre: "r").WithParameter("eta", 10).ClippedTo(-0.2, 0.3), backend: backend);
        net.Run(3 * ms);
        Assert.All(projection.Weights().Cast<double>(), w => Assert.InRange(w, -0.2, 0.3));
    }

    [Fact]
    public void A_rule_whose_postsynaptic_factor_reads_a_presynaptic_variable_is_refused_as_not_of_the_outer_product_form()
    {
        var (net, _) = Layer(3, 2, 1, new OuterProductRule("Bad", post: "v*r", pre: "r"));
        var e = Assert.Throws<ModelException>(() => net.Build());
        Assert.Contains("unknown identifier 'r'", e.Message);
        Assert.Contains("f(post) ⊗ g(pre) − d(post) ⊙ W", e.Message);
        Assert.Contains("postsynaptic", e.Message);
    }

    [Fact]
    public void A_rule_that_reads_the_weights_outside_the_decay_term_is_refused()
    {
        var (net, _) = Layer(3, 2, 1, new OuterProductRule("Bad", post: "v", pre: "r*W"));
        var e = Assert.Throws<ModelException>(() => net.Build());
        Assert.Contains("unknown identifier 'W'", e.Message);
        Assert.Contains("W itself appears only in the decay term", e.Message);
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void A_batch_reduction_asked_of_a_network_without_a_batch_is_refused(Backend backend)
    {
        var (net, _) = Layer(3, 2, 1, new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").ReducedBy(BatchReduction.Mean), backend: backend);
        var e = Assert.Throws<ModelException>(() => net.Build());
        Assert.Contains("mean over a batch", e.Message);
        Assert.Contains("BatchSize", e.Message);
    }

    [Fact]
    public void Bad_schedules_and_bounds_are_refused()
    {
        Assert.Contains("every 1 or more steps", Assert.Throws<ModelException>(() => Oja.Every(0)).Message);
        Assert.Contains("min ≤ max", Assert.Throws<ModelException>(() => Oja.ClippedTo(1, 0)).Message);
        Assert.Contains("eta", Assert.Throws<ModelException>(() => Oja.WithParameter("eta", double.NaN)).Message);
    }

    /// <summary>The backend, once it is known to be there (an OpenCL test skips without a driver).</summary>
    private static Backend On(Backend backend)
    {
        if (backend == Backend.OpenCl) OpenClDriver.Require();
        return backend;
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], actual[k], 1e-12);
    }

    /// <summary>Pre- and postsynaptic populations whose rates are held (set, not computed), so the factors of a rule do
    /// not depend on the weights and two projections that learn the same way see the same factors.</summary>
    private static (Network Net, Population Pre, Population Post) HeldRates(int inputs, int outputs, int batch, int seed = 3, Backend backend = Backend.Cpu)
    {
        var random = new System.Random(seed);
        var net = new Network(1 * ms, Precision.Double) { BatchSize = batch, Backend = On(backend) };
        var pre = net.AddPopulation("pre", inputs, RateNeuron.Input());
        var post = net.AddPopulation("post", outputs, new NeuronModel("Held", "").WithState("y").WithInput("I"));
        pre.SetState("r", Enumerable.Range(0, inputs * batch).Select(_ => random.NextDouble()).ToArray());
        post.SetState("y", Enumerable.Range(0, outputs * batch).Select(_ => random.NextDouble()).ToArray());
        return (net, pre, post);
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void A_sparse_projection_learns_each_weight_it_has_as_a_dense_one_learns_it(Backend backend)
    {
        const int inputs = 7, outputs = 5, batch = 3;
        var rule = new OuterProductRule("Oja", post: "y", pre: "r", decay: "y^2").WithParameter("eta", 0.1).ClippedTo(-0.3, 0.3);
        var (net, pre, post) = HeldRates(inputs, outputs, batch, backend: backend);
        var random = new System.Random(4);
        var w = new double[outputs, inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++) w[j, i] = random.NextDouble() - 0.5;
        var dense = net.ConnectRate(pre, post, "r", "I", w).Learn(rule);
        // Every other weight present, row by row.
        var (rowStart, columns, values) = (new List<int> { 0 }, new List<int>(), new List<double>());
        for (int j = 0; j < outputs; j++)
        {
            for (int i = j % 2; i < inputs; i += 2) { columns.Add(i); values.Add(w[j, i]); }
            rowStart.Add(columns.Count);
        }
        var sparse = net.ConnectRateSparse(pre, post, "r", "I", [.. rowStart], [.. columns], [.. values]).Learn(rule);
        net.Run(4 * ms);

        var learned = dense.Weights();
        var current = sparse.CurrentValues();
        for (int j = 0, k = 0; j < outputs; j++)
            for (int n = rowStart[j]; n < rowStart[j + 1]; n++, k++) Assert.Equal(learned[j, columns[n]], current[k]);
        Assert.NotEqual(values, current); // it learned
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void Two_plastic_projections_between_the_same_populations_each_learn_by_their_own_rule(Backend backend)
    {
        // Unnamed, they are "pre⇒post" and "pre⇒post (2)"; each rule's factors are its own (f = y and f = −y here), so one
        // application moves the two equal initial matrices in opposite directions.
        var (net, pre, post) = HeldRates(4, 3, 1, backend: backend);
        var w = new double[3, 4];
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < 4; i++) w[j, i] = 0.1 * (i - j);
        var up = net.ConnectRate(pre, post, "r", "I", w).Learn(new OuterProductRule("Up", post: "y", pre: "r").WithParameter("eta", 0.5));
        var down = net.ConnectRate(pre, post, "r", "I", w).Learn(new OuterProductRule("Down", post: "-y", pre: "r").WithParameter("eta", 0.5));
        Assert.Equal("pre⇒post (2)", down.Name);
        var (y, r) = (post.Get("y"), pre.Get("r"));
        net.Run(1 * ms);
        var (a, b) = (up.Weights(), down.Weights());
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(w[j, i] + 0.5 * (y[j] * r[i]), a[j, i]);
                Assert.Equal(w[j, i] + 0.5 * (-y[j] * r[i]), b[j, i]);
            }
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void The_product_reads_the_weight_transform_recomputed_after_each_change(Backend backend)
    {
        const int inputs = 6, outputs = 3;
        var rule = new OuterProductRule("Hebb", post: "v", pre: "r").WithParameter("eta", 0.05).WithParameter("p", 3)
            .WithTransform("sign(w)*abs(w)^(p-1)");
        var (net, projection) = Layer(inputs, outputs, 1, rule, backend: backend);
        var v = net.Populations[1];
        net.MonitorState(v, "v", Enumerable.Range(0, outputs)); // stored every step, so it can be read
        var r = net.Populations[0].Get("r");
        double[] Expected(double[,] w) => [.. Enumerable.Range(0, outputs).Select(j =>
            Enumerable.Range(0, inputs).Sum(i => Math.Sign(w[j, i]) * w[j, i] * w[j, i] * r[i]))];

        var before = projection.Weights();
        net.Run(1 * ms); // the product of step 0 reads the transform of the initial weights; then W learns
        AssertClose(Expected(before), v.Get("v"));
        var learned = projection.Weights();
        Assert.NotEqual(before, learned);
        net.Run(1 * ms); // step 1 reads the transform of the learned weights
        AssertClose(Expected(learned), v.Get("v"));
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void A_weight_transform_that_is_not_finite_stops_the_build_naming_the_weight(Backend backend)
    {
        var net = new Network(1 * ms, Precision.Double) { Backend = On(backend) };
        var input = net.AddPopulation("input", 3, RateNeuron.Input());
        var output = net.AddPopulation("output", 2, new NeuronModel("Linear", "v = I").WithInput("I"));
        var weights = new double[2, 3] { { 1, 0, 1 }, { 1, 1, 1 } }; // W[0, 1] = 0: synapse 1
        var projection = net.ConnectRate(input, output, "r", "I", weights).Learn(new OuterProductRule("Hebb", post: "v", pre: "r").WithTransform("1/w"));
        var e = Assert.Throws<SimulationException>(() => net.Build());
        Assert.Equal(projection.Name, e.Projection);
        Assert.Contains("transformed W (1/w at w = 0)", e.Message);
        Assert.Equal(1, e.Synapse);
        Assert.Equal(0, e.Neuron);
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu, Precision.Single)]
    [InlineData(Backend.Cpu, Precision.Double)]
    [InlineData(Backend.OpenCl, Precision.Single)]
    [InlineData(Backend.OpenCl, Precision.Double)]
    public void A_weight_transform_over_whole_vectors_and_a_tail_gives_each_weight_exactly(Backend backend, Precision precision)
    {
        // One input of rate 1 into 37 outputs: each output is its transformed weight times 1, exactly, and the 37 weights
        // are whole SIMD vectors and a tail on the CPU. Zeros of both signs ride along.
        const int outputs = 37;
        var net = new Network(1 * ms, precision) { Backend = On(backend) };
        var input = net.AddPopulation("input", 1, RateNeuron.Input());
        var output = net.AddPopulation("output", outputs, new NeuronModel("Linear", "v = I").WithInput("I"));
        var random = new System.Random(3);
        var weights = new double[outputs, 1];
        for (int j = 0; j < outputs; j++) weights[j, 0] = j % 9 == 4 ? -0.0 : j % 9 == 7 ? 0.0 : 4 * random.NextDouble() - 2;
        if (precision == Precision.Single)
            for (int j = 0; j < outputs; j++) weights[j, 0] = (float)weights[j, 0];
        input.SetState("r", [1.0]);
        net.ConnectRate(input, output, "r", "I", weights).Learn(new OuterProductRule("None", post: "0", pre: "0")
            .WithParameter("eta", 0).WithParameter("p", 3).WithTransform("sign(w)*abs(w)^(p-1)"));
        net.MonitorState(output, "v", Enumerable.Range(0, outputs));
        net.Run(1 * ms);
        var v = output.Get("v");
        for (int j = 0; j < outputs; j++)
        {
            double w = weights[j, 0];
            double expected = precision == Precision.Single
                ? (float)w > 0 ? (float)w * (float)w : (float)w < 0 ? -((float)w * (float)w) : 0
                : w > 0 ? w * w : w < 0 ? -(w * w) : 0;
            Assert.Equal(expected, v[j]);
        }
    }

    [Theory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void A_transform_that_is_not_finite_in_the_middle_of_a_vector_names_that_weight(Precision precision)
    {
        // 1/w at the one zero weight, number 29: past several whole vectors, inside the one that holds it.
        const int outputs = 37;
        var net = new Network(1 * ms, precision);
        var input = net.AddPopulation("input", 1, RateNeuron.Input());
        var output = net.AddPopulation("output", outputs, new NeuronModel("Linear", "v = I").WithInput("I"));
        var weights = new double[outputs, 1];
        for (int j = 0; j < outputs; j++) weights[j, 0] = j == 29 ? 0 : 1 + j;
        var projection = net.ConnectRate(input, output, "r", "I", weights).Learn(new OuterProductRule("Hebb", post: "v", pre: "r").WithTransform("1/w"));
        var e = Assert.Throws<SimulationException>(() => net.Build());
        Assert.Equal(projection.Name, e.Projection);
        Assert.Contains("transformed W (1/w at w = 0)", e.Message);
        Assert.Equal(29, e.Synapse);
        Assert.Equal(29, e.Neuron);
    }

    [Fact]
    public void A_weight_transform_that_reads_more_than_the_weight_is_refused_naming_the_name_and_position()
    {
        foreach (var (transform, name) in new[] { ("w*t", "'t'"), ("w + v", "'v'"), ("w*rand()", "random numbers") })
        {
            var (net, _) = Layer(3, 2, 1, new OuterProductRule("Hebb", post: "v", pre: "r").WithTransform(transform));
            var e = Assert.Throws<ModelException>(() => net.Build());
            Assert.Contains(name, e.Message);
            Assert.Contains($"transform = {transform}", e.Message);
        }
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void Weights_that_blow_up_stop_the_run_naming_the_projection_and_the_weight(Backend backend)
    {
        var (net, projection) = Layer(3, 2, 1, new OuterProductRule("Hebb", post: "v*1e200", pre: "r*1e200").WithParameter("eta", 1e200), backend: backend);
        var e = Assert.Throws<SimulationException>(() => net.Run(5 * ms));
        Assert.Equal(projection.Name, e.Projection);
        Assert.Equal("W", e.Variable);
        Assert.Equal(0, e.Step);
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void A_batch_applies_the_sum_of_its_instances_changes_computed_in_instance_order(Backend backend)
    {
        // Held rates make the factors f = y, g = r, d = y² exact inputs, so the weights after one application are known
        // bitwise: W + η·(Σ_n y_n ⊗ r_n − (Σ_n y_n²) ⊙ W), each sum in instance order, a multiply then an add.
        const int inputs = 9, outputs = 6, batch = 5;
        const double eta = 0.3;
        var (net, pre, post) = HeldRates(inputs, outputs, batch, backend: backend);
        var random = new System.Random(6);
        var w = new double[outputs, inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++) w[j, i] = random.NextDouble() - 0.5;
        var projection = net.ConnectRate(pre, post, "r", "I", w)
            .Learn(new OuterProductRule("Oja", post: "y", pre: "r", decay: "y^2").WithParameter("eta", eta));
        var r = pre.Get("r");
        var y = post.Get("y");
        net.Run(1 * ms);

        var learned = projection.Weights();
        for (int j = 0; j < outputs; j++)
        {
            double decay = 0;
            for (int n = 0; n < batch; n++) decay += y[n * outputs + j] * y[n * outputs + j];
            for (int i = 0; i < inputs; i++)
            {
                double outer = 0;
                for (int n = 0; n < batch; n++) outer = Math.FusedMultiplyAdd(y[n * outputs + j], r[n * inputs + i], outer);
                Assert.Equal(w[j, i] + eta * (outer - decay * w[j, i]), learned[j, i]);
            }
        }
    }

    [SkippableFact]
    public void On_opencl_a_layer_learns_what_it_learns_on_the_cpu_to_rounding()
    {
        // The products sum in a different order on the two backends (vector lanes on the CPU, column order on the device),
        // so v and every later change differ in the last bits; 20 steps of Oja keep them within 1e-12.
        var rule = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.05).ReducedBy(BatchReduction.Mean);
        var (cpu, p1) = Layer(30, 8, 4, rule);
        var (device, p2) = Layer(30, 8, 4, rule, backend: Backend.OpenCl);
        cpu.Run(20 * ms);
        device.Run(20 * ms);
        var (a, b) = (p1.Weights(), p2.Weights());
        for (int j = 0; j < 8; j++)
            for (int i = 0; i < 30; i++) Assert.Equal(a[j, i], b[j, i], 1e-12);
        Assert.NotEqual(a[0, 0], Layer(30, 8, 4, rule).Projection.Weights()[0, 0]); // it learned
    }

    [SkippableTheory]
    [InlineData(Backend.Cpu)]
    [InlineData(Backend.OpenCl)]
    public void A_checkpoint_holds_the_learned_weights_and_resuming_learns_on_bitwise(Backend backend)
    {
        var rule = new OuterProductRule("Hebb", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.02).WithParameter("p", 3)
            .WithTransform("sign(w)*abs(w)^(p-1)");
        var path = Path.Combine(Path.GetTempPath(), $"dendra-plastic-{Guid.NewGuid():N}.dnc");
        try
        {
            var (straight, p1) = Layer(12, 5, 3, rule, backend: backend);
            straight.Run(10 * ms);

            var (first, p2) = Layer(12, 5, 3, rule, backend: backend);
            first.Run(4 * ms);
            first.SaveCheckpoint(path);
            var (resumed, p3) = Layer(12, 5, 3, rule, backend: backend);
            resumed.LoadCheckpoint(path);
            resumed.Run(6 * ms);
            Assert.Equal(p1.Weights(), p3.Weights());
            Assert.NotEqual(p2.Weights(), p3.Weights()); // it learned on
        }
        finally
        {
            File.Delete(path);
        }
    }
}

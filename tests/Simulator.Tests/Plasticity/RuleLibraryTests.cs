using Dendra.Plasticity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using static Dendra.Units;

using static Dendra.Simulator.Tests.Plasticity.SampleStatistics;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>
/// The rules of Dendra.Plasticity on plastic rate projections, each against its theory. Most tests show a whole data set as
/// one minibatch (one instance per sample, the changes averaged), held for the whole run: then every application is one
/// step of the averaged rule, whose trajectory and fixed points the theory gives exactly, and the run is one call.
/// </summary>
public abstract class RuleLibraryTests
{
    /// <summary>The backend the tests run on: each test runs on the CPU and on OpenCL (PoCL in CI).</summary>
    protected abstract Backend Backend { get; }

    /// <summary>An input model that holds its rate r and a threshold xbar set by the test.</summary>
    private static NeuronModel Input() => new NeuronModel("Input", "").WithState("r").WithState("xbar");

    /// <summary>A linear unit v = I, with a target and a threshold the test may set.</summary>
    private static NeuronModel Linear() => new NeuronModel("Linear", "v = I").WithInput("I").WithState("target").WithState("ybar");

    /// <summary><paramref name="count"/> samples x = mean + A z, z standard normal (Box–Muller, seeded).</summary>
    private static double[][] Samples(int count, int seed, double[] mean, double[,] mixing)
    {
        var random = new System.Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        int d = mean.Length;
        var samples = new double[count][];
        for (int n = 0; n < count; n++)
        {
            var z = Enumerable.Range(0, d).Select(_ => Gaussian()).ToArray();
            samples[n] = [.. Enumerable.Range(0, d).Select(i => mean[i] + Enumerable.Range(0, d).Sum(k => mixing[i, k] * z[k]))];
        }
        return samples;
    }

    /// <summary>Three dimensions with variances about 4, 1 and 0.25 along rotated axes: a clear principal direction.</summary>
    private static readonly double[,] Mixing = { { 1.6, 0.6, 0.1 }, { -0.9, 0.7, 0.2 }, { 0.3, -0.2, 0.45 } };

    /// <summary>The eigenvector of the largest eigenvalue of a symmetric matrix, and that eigenvalue.</summary>
    private static (double[] Vector, double Value) Top(Matrix<double> c)
    {
        var evd = c.Evd(Symmetricity.Symmetric);
        int top = Enumerable.Range(0, c.RowCount).MaxBy(k => evd.EigenValues[k].Real);
        return (evd.EigenVectors.Column(top).ToArray(), evd.EigenValues[top].Real);
    }

    private static double Norm(IEnumerable<double> v, double p = 2) => Math.Pow(v.Sum(x => Math.Pow(Math.Abs(x), p)), 1 / p);

    private static double Cos(double[] a, double[] b) => Math.Abs(a.Zip(b, (x, y) => x * y).Sum()) / (Norm(a) * Norm(b));

    private static double[] Row(double[,] w, int j) => [.. Enumerable.Range(0, w.GetLength(1)).Select(i => w[j, i])];

    /// <summary>A layer of linear units over the whole data set as one minibatch, the samples held in the input.</summary>
    private (Network Net, Population Input, Population Output, RateProjection Projection) Layer(double[][] samples, double[,] w, OuterProductRule rule)
    {
        var net = new Network(1 * ms, Precision.Double) { BatchSize = samples.Length, Backend = Backend };
        var input = net.AddPopulation("input", samples[0].Length, Input());
        var output = net.AddPopulation("output", w.GetLength(0), Linear());
        input.SetState("r", [.. samples.SelectMany(s => s)]);
        return (net, input, output, net.ConnectRate(input, output, "r", "I", w).Learn(rule));
    }

    [SkippableFact]
    public void Hebb_grows_without_bound_along_the_principal_direction()
    {
        // Averaged over the data set, each application is w ← (I + ηC) w exactly, C = ⟨x xᵀ⟩: w turns to C's top
        // eigenvector and its length grows by 1 + ηλ₁ per application, without bound.
        var x = Samples(40, 1, [0, 0, 0], Mixing);
        const double eta = 0.05;
        const int steps = 60;
        var w0 = new double[,] { { 0.3, -0.2, 0.1 } };
        var (net, _, _, projection) = Layer(x, w0, Hebb.Rule(eta: eta).ReducedBy(BatchReduction.Mean));
        net.Run((steps - 1) * ms);
        var before = Row(projection.Weights(), 0);
        net.Run(1 * ms);
        var w = Row(projection.Weights(), 0);

        var c = Correlation(x);
        var expected = (Matrix<double>.Build.DenseIdentity(3) + eta * c).Power(steps) * Vector<double>.Build.DenseOfArray(Row(w0, 0));
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], w[i], 1e-9 * expected.L2Norm());
        var (e1, l1) = Top(c);
        Assert.True(Cos(w, e1) >= 0.999, $"cos = {Cos(w, e1)}");
        Assert.True(Norm(w) > 1000 * Norm(Row(w0, 0)), $"|w| = {Norm(w)}");
        Assert.Equal(1 + eta * l1, Norm(w) / Norm(before), 1e-6);
    }

    [SkippableFact]
    public void Oja_converges_to_the_principal_eigenvector_with_length_R()
    {
        var x = Samples(40, 2, [0, 0, 0], Mixing);
        const double radius = 2;
        var w0 = new double[,] { { 0.3, -0.2, 0.1 }, { -0.5, 0.1, 0.4 } };
        var (net, _, _, projection) = Layer(x, w0, Oja.Rule(eta: 0.02, radius: radius).ReducedBy(BatchReduction.Mean));
        net.Run(600 * ms);

        var (e1, _) = Top(Correlation(x));
        var w = projection.Weights();
        for (int j = 0; j < 2; j++)
        {
            Assert.True(Cos(Row(w, j), e1) >= 0.999, $"row {j}: cos = {Cos(Row(w, j), e1)}");
            Assert.Equal(radius, Norm(Row(w, j)), 1e-9);
        }
    }

    [SkippableTheory]
    [InlineData(3.0, 1.5)]
    [InlineData(4.0, 0.7)]
    public void Lp_Oja_reaches_the_Lp_size_R_to_the_p(double p, double radius)
    {
        // The product reads sgn(w)|w|^(p−1), so y = ⟨w, x⟩_p and d/dt Σ|w|^p = pηy²(1 − Σ|w|^p / R^p).
        var x = Samples(40, 3, [0, 0, 0], Mixing);
        var w0 = new double[,] { { 0.3, -0.2, 0.1 }, { -0.5, 0.1, 0.4 } };
        var rule = Oja.Rule(eta: 0.02, radius: radius, p: p).ReducedBy(BatchReduction.Mean);
        Assert.Equal(Oja.LpTransform, rule.Transform!.Value.Source[12..]);
        var (net, _, _, projection) = Layer(x, w0, rule);
        net.Run(1500 * ms);

        var w = projection.Weights();
        for (int j = 0; j < 2; j++)
        {
            double size = Row(w, j).Sum(v => Math.Pow(Math.Abs(v), p));
            Assert.Equal(1, size / Math.Pow(radius, p), 1e-6);
        }
    }

    [SkippableTheory]
    [InlineData(CovarianceThreshold.Presynaptic)]
    [InlineData(CovarianceThreshold.Postsynaptic)]
    public void The_covariance_rule_changes_the_weights_by_the_input_covariance(CovarianceThreshold side)
    {
        // With the threshold at the mean (x̄ per input, or ȳ = w·x̄ per output) one averaged application is Δw = η C w,
        // C the covariance, not the correlation: the inputs have a large mean.
        var x = Samples(30, 4, [3, -1, 2], Mixing);
        const double eta = 0.01;
        var w0 = new double[,] { { 0.3, -0.2, 0.1 }, { -0.5, 0.1, 0.4 } };
        var rule = Covariance.Rule(side == CovarianceThreshold.Presynaptic ? "xbar" : "ybar", side, eta: eta).ReducedBy(BatchReduction.Mean);
        var (net, input, output, projection) = Layer(x, w0, rule);
        var mean = Mean(x);
        input.SetState("xbar", [.. x.SelectMany(_ => mean)]);
        var ybar = Enumerable.Range(0, 2).Select(j => Enumerable.Range(0, 3).Sum(i => w0[j, i] * mean[i])).ToArray();
        output.SetState("ybar", [.. x.SelectMany(_ => ybar)]);
        net.Run(1 * ms);

        var c = CovarianceOf(x);
        var w = projection.Weights();
        for (int j = 0; j < 2; j++)
        {
            var change = eta * (c * Vector<double>.Build.DenseOfArray(Row(w0, j)));
            for (int i = 0; i < 3; i++) Assert.Equal(w0[j, i] + change[i], w[j, i], 1e-12);
        }
    }

    [SkippableFact]
    public void The_covariance_rule_turns_the_weights_to_the_covariances_principal_eigenvector_not_the_correlations()
    {
        var x = Samples(30, 5, [0.5, 1, 4], Mixing); // the mean lies across the covariance's principal direction
        var (net, input, _, projection) = Layer(x, new double[,] { { 0.3, -0.2, 0.1 } }, Covariance.Rule("xbar", eta: 0.05).ReducedBy(BatchReduction.Mean));
        var mean = Mean(x);
        input.SetState("xbar", [.. x.SelectMany(_ => mean)]);
        net.Run(150 * ms);

        var w = Row(projection.Weights(), 0);
        var (covariance, _) = Top(CovarianceOf(x));
        var (correlation, _) = Top(Correlation(x));
        Assert.True(Cos(w, covariance) >= 0.999, $"cos with the covariance's eigenvector = {Cos(w, covariance)}");
        Assert.True(Cos(w, correlation) < 0.9, $"cos with the correlation's eigenvector = {Cos(w, correlation)}: the data do not tell the two apart");
    }

    [SkippableFact]
    public void The_delta_rule_reaches_the_least_squares_solution()
    {
        // t = W x + noise, so the least-squares W* = T Xᵀ (X Xᵀ)⁻¹ is not W; full-batch gradient descent on ½⟨|t − Wx|²⟩
        // converges to W* geometrically when η < 2/λ_max(⟨x xᵀ⟩).
        var random = new System.Random(6);
        const int count = 40;
        var x = Enumerable.Range(0, count).Select(_ => new[] { 2 * random.NextDouble() - 1, 2 * random.NextDouble() - 1, 2 * random.NextDouble() - 1, 1.0 }).ToArray();
        var truth = new double[,] { { 0.5, -1, 0.25, 0.3 }, { 2, 0.1, -0.7, -0.2 } };
        var t = x.Select(s => Enumerable.Range(0, 2).Select(j => Enumerable.Range(0, 4).Sum(i => truth[j, i] * s[i]) + 0.1 * (random.NextDouble() - 0.5)).ToArray()).ToArray();
        var xm = Matrix<double>.Build.DenseOfRowArrays(x);  // [sample, input]
        var tm = Matrix<double>.Build.DenseOfRowArrays(t);  // [sample, output]
        var leastSquares = (xm.TransposeThisAndMultiply(xm).Solve(xm.TransposeThisAndMultiply(tm))).Transpose(); // [output, input]
        double eta = 1 / Top(Correlation(x)).Value;

        var (net, _, output, projection) = Layer(x, new double[2, 4], DeltaRule.Rule(eta: eta).ReducedBy(BatchReduction.Mean));
        output.SetState("target", [.. t.SelectMany(s => s)]);
        net.Run(400 * ms);

        var w = projection.Weights();
        for (int j = 0; j < 2; j++)
            for (int i = 0; i < 4; i++) Assert.Equal(leastSquares[j, i], w[j, i], 1e-6);
        Assert.True(Math.Abs(w[0, 0] - truth[0, 0]) > 1e-4, "the noise moves the least-squares solution away from the true weights");
    }

    /// <summary>Held random activities y (post) and r (pre) over a batch, and a plastic projection between them.</summary>
    private (Network Net, Population Pre, Population Post) Held(int inputs, int outputs, int batch, int seed)
    {
        var random = new System.Random(seed);
        var net = new Network(1 * ms, Precision.Double) { BatchSize = batch, Backend = Backend };
        var pre = net.AddPopulation("pre", inputs, new NeuronModel("Held", "").WithState("r"));
        var post = net.AddPopulation("post", outputs, new NeuronModel("Held", "").WithState("y").WithState("theta").WithInput("I"));
        pre.SetState("r", [.. Enumerable.Range(0, inputs * batch).Select(_ => random.NextDouble())]);
        post.SetState("y", [.. Enumerable.Range(0, outputs * batch).Select(_ => random.NextDouble())]);
        return (net, pre, post);
    }

    private static double[,] RandomWeights(int outputs, int inputs, int seed)
    {
        var random = new System.Random(seed);
        var w = new double[outputs, inputs];
        for (int j = 0; j < outputs; j++)
            for (int i = 0; i < inputs; i++) w[j, i] = random.NextDouble() - 0.5;
        return w;
    }

    [SkippableTheory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(3.5)]
    public void Normalisation_holds_every_rows_norm_to_rounding(double p)
    {
        const int inputs = 7, outputs = 4;
        const double radius = 1.3;
        var (net, pre, post) = Held(inputs, outputs, 3, seed: 7);
        var dense = net.ConnectRate(pre, post, "r", "I", RandomWeights(outputs, inputs, 8))
            .Learn(SynapticNormalisation.Lp(Hebb.Rule("y", "r", eta: 0.3), p, radius));
        // Sparse: every other weight of each row.
        var (rowStart, columns) = (new List<int> { 0 }, new List<int>());
        for (int j = 0; j < outputs; j++)
        {
            for (int i = j % 2; i < inputs; i += 2) columns.Add(i);
            rowStart.Add(columns.Count);
        }
        var sparse = net.ConnectRateSparse(pre, post, "r", "I", [.. rowStart], [.. columns], [.. columns.Select(i => 0.1 * i - 0.2)])
            .Learn(SynapticNormalisation.Lp(Hebb.Rule("y", "r", eta: 0.3), p, radius));
        foreach (var steps in new[] { 1, 6 })
        {
            net.Run(steps * ms);
            var w = dense.Weights();
            var values = sparse.CurrentValues();
            for (int j = 0; j < outputs; j++)
            {
                Assert.Equal(radius, Norm(Row(w, j), p), 1e-13);
                Assert.Equal(radius, Norm(values[rowStart[j]..rowStart[j + 1]], p), 1e-13);
            }
        }
    }

    [SkippableTheory]
    [InlineData(Precision.Single, 1e-6)]
    [InlineData(Precision.Double, 1e-14)]
    public void Normalisation_neither_overflows_on_large_weights_nor_loses_small_ones(Precision precision, double tolerance)
    {
        // Squares of 1e30 overflow float32 and of 1e-30 underflow it (and 1e200, 1e-200 do so in float64): the norm is taken of
        // the row divided by its largest magnitude, so both rows still reach the radius.
        double big = precision == Precision.Single ? 1e30 : 1e200, small = precision == Precision.Single ? 1e-30 : 1e-200;
        var net = new Network(1 * ms, precision) { Backend = Backend };
        var pre = net.AddPopulation("pre", 3, new NeuronModel("Held", "").WithState("r"));
        var post = net.AddPopulation("post", 2, new NeuronModel("Held", "").WithState("y").WithInput("I"));
        var projection = net.ConnectRate(pre, post, "r", "I", new double[,] { { big, -2 * big, big }, { small, 2 * small, -small } })
            .Learn(SynapticNormalisation.L2(Hebb.Rule("y", "r", eta: 0), radius: 3));
        net.Run(1 * ms);
        var w = projection.Weights();
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(3, Norm(Row(w, j)), tolerance * 3);
            Assert.Equal(j == 0 ? -2 : 2, w[j, 1] / w[j, 0], tolerance * 2); // the direction is kept
        }
    }

    [SkippableFact]
    public void Normalisation_every_n_applications_leaves_the_norm_free_in_between()
    {
        const double radius = 1;
        var (net, pre, post) = Held(5, 2, 1, seed: 9);
        var projection = net.ConnectRate(pre, post, "r", "I", RandomWeights(2, 5, 10))
            .Learn(SynapticNormalisation.L2(Hebb.Rule("y", "r", eta: 0.2).Every(2), radius, everyApplications: 3));
        net.Run(4 * ms); // two applications, no normalisation
        Assert.NotEqual(radius, Norm(Row(projection.Weights(), 0)), 1e-3);
        net.Run(2 * ms); // the third application is normalised
        Assert.Equal(radius, Norm(Row(projection.Weights(), 0)), 1e-14);
        Assert.Equal(radius, Norm(Row(projection.Weights(), 1)), 1e-14);
    }

    [SkippableFact]
    public void Normalisation_of_a_rule_applied_per_presentation_comes_every_n_presentations()
    {
        const double radius = 1;
        var (net, pre, post) = Held(5, 2, 1, seed: 9);
        var projection = net.ConnectRate(pre, post, "r", "I", RandomWeights(2, 5, 10))
            .Learn(SynapticNormalisation.L2(Hebb.Rule("y", "r", eta: 0.2).AtEndOfPresentation(), radius, everyApplications: 3));
        for (int presentation = 1; presentation <= 6; presentation++)
        {
            net.Run(2 * ms);
            net.EndPresentation();
            double norm = Norm(Row(projection.Weights(), 0));
            if (presentation % 3 == 0) Assert.Equal(radius, norm, 1e-14);
            else Assert.NotEqual(radius, norm, 1e-3);
        }
    }

    [SkippableFact]
    public void Hebb_with_L2_normalisation_finds_the_principal_eigenvector()
    {
        var x = Samples(40, 11, [0, 0, 0], Mixing);
        var (net, _, _, projection) = Layer(x, new double[,] { { 0.3, -0.2, 0.1 } },
            SynapticNormalisation.L2(Hebb.Rule(eta: 0.05).ReducedBy(BatchReduction.Mean), radius: 0.5));
        net.Run(200 * ms);
        var w = Row(projection.Weights(), 0);
        Assert.True(Cos(w, Top(Correlation(x)).Vector) >= 0.999, $"cos = {Cos(w, Top(Correlation(x)).Vector)}");
        Assert.Equal(0.5, Norm(w), 1e-14);
    }

    [SkippableFact]
    public void Weight_decay_brings_Hebbian_weights_to_y_x_over_lambda()
    {
        const double eta = 0.2, lambda = 0.5;
        var (net, pre, post) = Held(4, 3, 1, seed: 12);
        var hebb = net.ConnectRate(pre, post, "r", "I", RandomWeights(3, 4, 13))
            .Learn(WeightDecay.Added(Hebb.Rule("y", "r", eta: eta), lambda));
        var decayOnly = net.ConnectRate(pre, post, "r", "I", RandomWeights(3, 4, 14)).Learn(WeightDecay.Rule(0.1));
        Assert.NotEqual(hebb.Name, decayOnly.Name); // two rules between the same populations keep their own factors
        net.Run(5 * ms);
        var w0 = RandomWeights(3, 4, 14);
        var decayed = decayOnly.Weights();
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < 4; i++) Assert.Equal(w0[j, i] * Math.Pow(0.9, 5), decayed[j, i], 1e-14);

        net.Run(245 * ms); // (1 − ηλ)^250 = 0.9^250 ≈ 4e-12
        var (y, r) = (post.Get("y"), pre.Get("r"));
        var w = hebb.Weights();
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < 4; i++) Assert.Equal(y[j] * r[i] / lambda, w[j, i], 1e-9);
    }

    [SkippableFact]
    public void Bcm_on_a_rate_projection_changes_the_weights_by_y_times_y_minus_theta_times_x()
    {
        const double eta = 0.4;
        const int batch = 3;
        var (net, pre, post) = Held(5, 2, batch, seed: 15);
        var random = new System.Random(16);
        post.SetState("theta", [.. Enumerable.Range(0, 2 * batch).Select(_ => random.NextDouble())]);
        var w0 = RandomWeights(2, 5, 17);
        var projection = net.ConnectRate(pre, post, "r", "I", w0).Learn(Bcm.Rule(post: "y", eta: eta).ReducedBy(BatchReduction.Mean));
        var (y, theta, r) = (post.Get("y"), post.Get("theta"), pre.Get("r"));
        net.Run(1 * ms);
        var w = projection.Weights();
        for (int j = 0; j < 2; j++)
            for (int i = 0; i < 5; i++)
            {
                double change = Enumerable.Range(0, batch).Sum(n => y[n * 2 + j] * (y[n * 2 + j] - theta[n * 2 + j]) * r[n * 5 + i]) / batch;
                Assert.Equal(w0[j, i] + eta * change, w[j, i], 1e-14);
            }
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(2)]
    public void Bcm_in_batch_form_makes_the_unit_selective_to_one_of_two_patterns(int favoured)
    {
        // Two overlapping patterns A = (1, ½, 0) and B = (0, ½, 1); four instances each alternate them step by step, out of
        // phase, so each instance's threshold (tau 20 steps) tracks ⟨y²⟩ over both. BCM's stable states answer one pattern
        // with y = θ and the other with 0; with θ = ⟨y²⟩ = θ²/2 that is y = 2. The favoured input starts 10 % ahead.
        double[][] patterns = [[1, 0.5, 0], [0, 0.5, 1]];
        const int batch = 4;
        var net = new Network(1 * ms, Precision.Double) { BatchSize = batch, Backend = Backend };
        var input = net.AddPopulation("input", 3, Input());
        var neuron = net.AddPopulation("neuron", 1, Bcm.WithSlidingThreshold(new NeuronModel("Linear", "v = I").WithInput("I"), "v", tauTheta: 20 * ms));
        var w0 = new double[,] { { 0.5, 0.5, 0.5 } };
        w0[0, favoured] *= 1.1;
        var projection = net.ConnectRate(input, neuron, "r", "I", w0)
            .Learn(Bcm.Rule(post: "v", eta: 0.02).ReducedBy(BatchReduction.Mean).ClippedTo(0, double.PositiveInfinity));
        var shown = new double[3 * batch];
        for (int step = 0; step < 6000; step++)
        {
            for (int n = 0; n < batch; n++) patterns[(step + n) % 2].CopyTo(shown, 3 * n);
            input.SetState("r", shown);
            net.Run(1 * ms);
        }
        var w = Row(projection.Weights(), 0);
        double[] response = [.. patterns.Select(x => x.Zip(w, (a, b) => a * b).Sum())];
        int chosen = favoured == 0 ? 0 : 1;
        Assert.Equal(2, response[chosen], 0.1);
        Assert.True(response[1 - chosen] < 0.05, $"responses {response[0]}, {response[1]}");
    }

    [SkippableFact]
    public void The_per_synapse_forms_of_Hebb_and_Oja_integrate_their_equations()
    {
        // Held activities x (pre) and y (post): Hebb's w grows linearly, w = w₀ + η x y t; Oja's Euler steps
        // w ← w + dt·η(x y − y² w / R²) approach w* = R² x / y by the factor 1 − dt·η y² / R² per step.
        double[] x = [0.5, 2.0], y = [3.0, 1.0];
        const double eta = 0.5, radius = 1.5, w0 = 0.2, dt = 1 * ms;
        const int steps = 300;
        var net = new Network(dt, Precision.Double) { Backend = Backend };
        var pre = net.AddPopulation("pre", 2, new NeuronModel("Held", "").WithState("r"));
        var post = net.AddPopulation("post", 2, new NeuronModel("Held", "").WithState("r"));
        pre.SetState("r", x);
        post.SetState("r", y);
        var hebb = net.Connect(pre, post, Hebb.Synapse(eta: eta), Connectivity.AllToAll(), weight: w0);
        var oja = net.Connect(pre, post, Oja.Synapse(eta: eta, radius: radius), Connectivity.AllToAll(), weight: w0);
        net.Run(steps * dt);

        var (preIndex, postIndex, wHebb) = hebb.Get("w");
        var (preOja, postOja, wOja) = oja.Get("w");
        for (int s = 0; s < wHebb.Length; s++)
        {
            int i = preIndex[s], j = postIndex[s];
            Assert.Equal(w0 + eta * x[i] * y[j] * steps * dt, wHebb[s], 1e-12);
        }
        for (int s = 0; s < wOja.Length; s++)
        {
            int i = preOja[s], j = postOja[s];
            double target = radius * radius * x[i] / y[j];
            double expected = target + (w0 - target) * Math.Pow(1 - dt * eta * y[j] * y[j] / (radius * radius), steps);
            Assert.Equal(expected, wOja[s], 1e-12);
        }
    }

    [SkippableFact]
    public void Bad_arguments_are_refused_naming_what_is_wrong()
    {
        Assert.Contains("eta", Assert.Throws<ArgumentOutOfRangeException>(() => Hebb.Rule(eta: -1)).Message);
        Assert.Contains("radius", Assert.Throws<ArgumentOutOfRangeException>(() => Oja.Rule(radius: 0)).Message);
        Assert.Contains("exponent p", Assert.Throws<ArgumentOutOfRangeException>(() => Oja.Rule(p: 0.5)).Message);
        Assert.Contains("threshold", Assert.Throws<ArgumentException>(() => Covariance.Rule("")).Message);
        Assert.Contains("target", Assert.Throws<ArgumentException>(() => DeltaRule.Rule(" ")).Message);
        Assert.Contains("exponent p > 0", Assert.Throws<ModelException>(() => SynapticNormalisation.Lp(Hebb.Rule(), 0)).Message);
        Assert.Contains("radius > 0", Assert.Throws<ModelException>(() => SynapticNormalisation.L1(Hebb.Rule(), radius: -1)).Message);
        Assert.Contains("every 1 or more applications", Assert.Throws<ModelException>(() => SynapticNormalisation.L2(Hebb.Rule(), everyApplications: 0)).Message);
        Assert.Contains("weight decay", Assert.Throws<ArgumentOutOfRangeException>(() => WeightDecay.Added(Hebb.Rule(), -0.1)).Message);
        Assert.Contains("already has a weight decay", Assert.Throws<ArgumentException>(() => WeightDecay.Added(WeightDecay.Added(Hebb.Rule(), 0.1), 0.1)).Message);
    }

    [SkippableFact]
    public void A_rate_projection_name_given_twice_is_refused()
    {
        var (net, pre, post) = Held(2, 2, 1, seed: 18);
        net.ConnectRate(pre, post, "r", "I", new double[2, 2], name: "feedforward");
        var e = Assert.Throws<ArgumentException>(() => net.ConnectRate(pre, post, "r", "I", new double[2, 2], name: "feedforward"));
        Assert.Contains("'feedforward' already exists", e.Message);
    }

    [SkippableFact]
    public void Weight_decay_keeps_the_rest_of_the_rule()
    {
        var rule = Oja.Rule(eta: 0.3, radius: 2, p: 3).Every(4).ReducedBy(BatchReduction.Mean).ClippedTo(-1, 1).NormalisedTo(2, 3, 5);
        var copy = WeightDecay.Added(rule, 0.25);
        Assert.Equal("d = (v^2 / R^p) + weight_decay", copy.Decay!.Value.Source);
        Assert.Equal(rule.Post.Source, copy.Post.Source);
        Assert.Equal(rule.Pre.Source, copy.Pre.Source);
        Assert.Equal(rule.Transform!.Value.Source, copy.Transform!.Value.Source);
        Assert.Equal((4, BatchReduction.Mean, rule.Clip, rule.Normalisation), (copy.EverySteps, copy.RequestedReduction, copy.Clip, copy.Normalisation));
        Assert.Equal(0.3, copy.Parameters["eta"].Default);
        Assert.Equal(0.25, copy.Parameters[WeightDecay.Parameter].Default);
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu : RuleLibraryTests
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : RuleLibraryTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl() => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }
}

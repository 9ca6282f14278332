using Dendra.Plasticity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Xunit.Abstractions;
using static Dendra.Units;

using static Dendra.Simulator.Tests.Plasticity.SampleStatistics;

namespace Dendra.Simulator.Tests.Plasticity;

/// <summary>
/// The spiking forms of the rate rules, each against its rate rule's theory: Poisson inputs whose rates are rate vectors
/// drawn from a correlated distribution and shown one after another, onto linear Poisson neurons (an intensity that is the
/// weighted sum of the filtered input spikes). The rules are noisy by nature, so each test runs several independent output
/// neurons and checks every one of them with a tolerance a few times the spread the spike noise gives.
/// </summary>
public abstract partial class SpikingRuleTests(ITestOutputHelper output)
{
    /// <summary>The backend the tests run on: each test runs on the CPU and on OpenCL (PoCL in CI).</summary>
    protected abstract Backend Backend { get; }

    private const double Dt = 1 * ms;

    /// <summary>Time constant of the output neuron's synaptic filter.</summary>
    private const double TauS = 2 * ms;

    /// <summary>Input neurons that fire as Poisson processes at the rate injected into their input <c>rate</c>.</summary>
    private static NeuronModel PoissonInput() => new NeuronModel("Poisson input", "").WithInput("rate").WithThreshold("rand() < rate*dt");

    /// <summary>A linear Poisson neuron: a presynaptic spike adds w to I, which decays with tau_s; the neuron fires with the
    /// intensity I·(exp(dt/tau_s) − 1)/dt, whose mean is Σ w_i ν_i exactly on the step grid (the spike reaches I after the
    /// threshold of its step, so I counts the spikes of earlier steps).</summary>
    private static NeuronModel LinearPoisson() => new NeuronModel("Linear Poisson", "dI/dt = -I/tau_s")
        .WithParameter("tau_s", TauS).WithState("target").WithThreshold("rand() < I*(exp(dt/tau_s) - 1)");

    /// <summary><paramref name="count"/> rate vectors max(0, mean + A z), z standard normal (Box–Muller, seeded).</summary>
    private static double[][] Rates(int count, int seed, double mean, double[,] mixing, double scale = 1)
    {
        var random = new System.Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        int d = mixing.GetLength(0);
        var rates = new double[count][];
        for (int n = 0; n < count; n++)
        {
            var z = Enumerable.Range(0, d).Select(_ => Gaussian()).ToArray();
            rates[n] = [.. Enumerable.Range(0, d).Select(i => Math.Max(0, mean + scale * Enumerable.Range(0, d).Sum(k => mixing[i, k] * z[k])))];
        }
        return rates;
    }

    /// <summary>Shows the rate vectors for <paramref name="hold"/> seconds each, in a new seeded order every epoch, to every
    /// neuron of <paramref name="input"/>; returns the rate vectors in the order shown.</summary>
    private static double[][] Show(Network net, Population input, double[][] rates, int epochs, double hold, int seed)
    {
        var order = Order(rates.Length, epochs, seed);
        for (int i = 0; i < input.Size; i++)
            net.Inject(input.Slice(i, 1), "rate", CurrentSource.FromArray([.. order.Select(n => rates[n][i])], hold));
        return [.. order.Select(n => rates[n])];
    }

    /// <summary>The indices of <paramref name="count"/> samples in a new seeded order every epoch, epoch after epoch.</summary>
    private static int[] Order(int count, int epochs, int seed)
    {
        var random = new System.Random(seed);
        var order = new List<int>();
        for (int e = 0; e < epochs; e++) order.AddRange(Enumerable.Range(0, count).OrderBy(_ => random.Next()));
        return [.. order];
    }

    /// <summary>
    /// The fraction of each presentation in which the output-rate trace still reads the previous presentation's rates: the
    /// mean delay, in steps, from an input spike to the trace that reads its effect (one step and the synaptic filter to the
    /// output's intensity, one step and the trace's decay to the trace), over the steps a presentation lasts. The rules'
    /// Hebbian term is then ⟨x(n)·((1 − β)·y(n) + β·y(n − 1))⟩ over presentations n.
    /// </summary>
    private static double Lag(double taupost, double hold) =>
        (1 / (1 - Math.Exp(-Dt / TauS)) + 1 / (1 - Math.Exp(-Dt / taupost))) / Math.Round(hold / Dt);

    /// <summary>⟨x(n)·((1 − β)·x(n) + β·x(n − 1))ᵀ⟩ over the presentations shown: the matrix the rules' Hebbian term averages,
    /// ⟨x ȳ⟩ = C_β w for an output rate y = w·x.</summary>
    private static Matrix<double> LaggedCorrelation(double[][] shown, double beta)
    {
        int d = shown[0].Length;
        return Matrix<double>.Build.Dense(d, d, (i, k) =>
            Enumerable.Range(0, shown.Length).Sum(n => shown[n][i] * ((1 - beta) * shown[n][k] + beta * shown[Math.Max(n - 1, 0)][k])) / shown.Length);
    }

    private static (double[] Vector, double Value) Top(Matrix<double> c)
    {
        var evd = c.Evd(Symmetricity.Symmetric);
        int top = Enumerable.Range(0, c.RowCount).MaxBy(k => evd.EigenValues[k].Real);
        var v = evd.EigenVectors.Column(top);
        return ((v.Sum() < 0 ? -v : v).ToArray(), evd.EigenValues[top].Real);
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    private static double Cos(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum() / (Norm(a) * Norm(b));

    private static string Show(double[] v) => string.Join(", ", v.Select(x => x.ToString("G4")));

    /// <summary>The weights onto each output neuron, [post][pre].</summary>
    private static double[][] Rows(Projection projection, int inputs, int outputs)
    {
        var (pre, post, w) = projection.Get("w");
        var rows = Enumerable.Range(0, outputs).Select(_ => new double[inputs]).ToArray();
        for (int s = 0; s < w.Length; s++) rows[post[s]][pre[s]] = w[s];
        return rows;
    }

    /// <summary>Rates of three inputs: max(0, 30 Hz + A z), fluctuations of tens of Hz; the 20 vectors drawn with seed 33 have
    /// ⟨x xᵀ⟩'s principal eigenvector at cos 0.90 from the mean (λ 18000, 4500, 700 Hz²).</summary>
    private static double[][] Rates() => Rates(20, seed: 33, mean: 30, Mixing, scale: 3);

    private static readonly double[,] Mixing = { { 32, 12, 2 }, { -18, 14, 4 }, { 6, -4, 9 } };

    /// <summary>A network of three Poisson inputs onto <paramref name="outputs"/> linear Poisson neurons through
    /// <paramref name="rule"/>, the rate vectors shown for <paramref name="hold"/> each.</summary>
    private (Network Net, Population Output, Projection Synapses, double[][] Shown) Layer(SynapseModel rule, double[][] rates, int outputs,
        Init weight, int epochs, double hold)
    {
        var net = new Network(Dt, Precision.Double, seed: 2) { Backend = Backend };
        var input = net.AddPopulation("input", rates[0].Length, PoissonInput());
        var neurons = net.AddPopulation("output", outputs, LinearPoisson());
        var synapses = net.Connect(input, neurons, rule, Connectivity.AllToAll(), weight: weight);
        var shown = Show(net, input, rates, epochs, hold, seed: 3);
        return (net, neurons, synapses, shown);
    }

    private void Run(Network net, double duration)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        net.Run(duration);
        output.WriteLine($"{duration:G4} s simulated in {watch.Elapsed.TotalSeconds:F2} s");
    }

    [SkippableFact]
    public void Spiking_Oja_turns_to_the_principal_eigenvector_of_the_rates_with_length_R()
    {
        // The rates are held 200 ms, long against the 22 ms lag of the output-rate trace, so the trace's mixing of the
        // previous presentation moves the eigenvector by less than cos 0.9995. The length: each output spike reads a trace of
        // the output's earlier spikes, whose intensity fluctuates with the input spikes (shot noise), so the decay term averages
        // ⟨y²⟩ + Q Σ w_i² ν_i(1 − ν_i dt) instead of ⟨y²⟩ (Q from the filters, below), and |w|² settles at
        // R² · uᵀCu / (uᵀCu + Q Σ u_i² ν_i(1 − ν_i dt)), u = w/|w|: 3% below R here.
        const int outputs = 10;
        const double radius = 1, taupost = 20 * ms, hold = 200 * ms;
        var rates = Rates();
        var (net, _, oja, shown) = Layer(Oja.Spiking("I", eta: 2.5e-5, radius: radius, taupost: taupost), rates, outputs, "0.2 + 0.4*rand()", epochs: 6, hold);
        Run(net, shown.Length * hold);

        var c = Correlation(rates);
        var (e1, _) = Top(c);
        var mean = Mean(rates);
        Assert.True(Cos(e1, mean) < 0.91, "the mean's direction must not pass for the eigenvector");
        var lagged = LaggedCorrelation(shown, Lag(taupost, hold));
        Assert.True(Cos(e1, Top((lagged + lagged.Transpose()) / 2).Vector) > 0.9995, "the trace's lag moves the eigenvector");

        double a = Math.Exp(-Dt / TauS), b = Math.Exp(-Dt / taupost);
        double q = (Math.Exp(Dt / taupost) - 1) / Dt * Math.Pow((Math.Exp(Dt / TauS) - 1) / Dt, 2) * Dt * Dt * a * a / (1 - a * a) * a * b / (1 - a * b);
        var lengths = new List<double>();
        var predicted = new List<double>();
        foreach (var w in Rows(oja, 3, outputs))
        {
            var u = Vector<double>.Build.DenseOfArray(w).Normalize(2);
            double signal = u * c * u, shot = q * Enumerable.Range(0, 3).Sum(i => u[i] * u[i] * rates.Average(r => r[i] * (1 - r[i] * Dt)));
            lengths.Add(Norm(w));
            predicted.Add(radius * Math.Sqrt(signal / (signal + shot)));
            output.WriteLine($"w = {Show(w)}: cos = {Cos(w, e1):F5}, |w| = {Norm(w):F4}, predicted {predicted[^1]:F4}");
            Assert.True(Cos(w, e1) >= 0.99, $"w = {Show(w)} is at cos {Cos(w, e1):F4} from the principal eigenvector {Show(e1)}");
        }
        // Each |w| wanders by about 2% with the spike noise; their mean over 10 outputs by less than 1%.
        Assert.Equal(predicted.Average(), lengths.Average(), 0.015);
        Assert.All(lengths, l => Assert.InRange(l, 0.9 * radius, 1.05 * radius));
    }

    [SkippableFact]
    public void Spiking_Hebb_grows_along_the_principal_eigenvector_as_the_rate_rule()
    {
        // The rate rule's weights, averaged over the presentations, follow dw/dt = η C_β w: w(T) = exp(η T C_β) w(0).
        const int outputs = 10;
        const double eta = 4e-6, taupost = 20 * ms, hold = 200 * ms;
        var rates = Rates();
        var (net, _, hebb, shown) = Layer(Hebb.Spiking("I", eta: eta, taupost: taupost), rates, outputs, 0.1, epochs: 4, hold);
        double duration = shown.Length * hold;
        Run(net, duration);

        var cb = LaggedCorrelation(shown, Lag(taupost, hold));
        var expected = (Matrix<double>.Build.DenseIdentity(3) + eta * duration / 4096 * cb).Power(4096) * Vector<double>.Build.Dense(3, 0.1); // exp(η T C_β) w(0)
        var (e1, _) = Top(Correlation(rates));
        output.WriteLine($"expected w = {Show(expected.ToArray())}, cos = {Cos(expected.ToArray(), e1):F5}");
        var rows = Rows(hebb, 3, outputs);
        foreach (var w in rows) output.WriteLine($"w = {Show(w)}: cos = {Cos(w, e1):F5}, |w| = {Norm(w):F4}");
        // The weights grow by 2.4 and turn from cos 0.80 to 0.93 towards the eigenvector; each output's weights wander by
        // about 4% with the spike noise, and their mean over 10 outputs is held to 6% of the expected length.
        var mean = Enumerable.Range(0, 3).Select(i => rows.Average(w => w[i])).ToArray();
        Assert.True(Norm(expected.ToArray()) > 2 * Norm([0.1, 0.1, 0.1]));
        Assert.True((Vector<double>.Build.DenseOfArray(mean) - expected).L2Norm() <= 0.06 * expected.L2Norm(), $"mean w = {Show(mean)}, expected {Show(expected.ToArray())}");
        Assert.True(Cos(mean, e1) > Cos([1, 1, 1], e1) + 0.1);
    }

    [SkippableFact]
    public void Spiking_rules_are_refused_in_a_batch_and_bad_arguments_name_what_is_wrong()
    {
        foreach (var rule in new[] { Hebb.Spiking(), Oja.Spiking(), Covariance.Spiking(), DeltaRule.Spiking(), Bcm.Spiking() })
        {
            var net = new Network(Dt) { Backend = Backend, BatchSize = 2 };
            var input = net.AddPopulation("input", 2, PoissonInput());
            var neurons = net.AddPopulation("output", 1, new NeuronModel("Held", "").WithState("ge").WithState("target"));
            net.Connect(input, neurons, rule, Connectivity.AllToAll(), weight: 0.1);
            var e = Assert.ThrowsAny<Exception>(() => net.Run(1 * ms));
            Assert.Contains("run spiking populations with BatchSize = 1", e.Message);
        }
        Assert.Contains("eta", Assert.Throws<ArgumentOutOfRangeException>(() => Hebb.Spiking(eta: -1)).Message);
        Assert.Contains("radius", Assert.Throws<ArgumentOutOfRangeException>(() => Oja.Spiking(radius: 0)).Message);
        Assert.Contains("taupost", Assert.Throws<ArgumentOutOfRangeException>(() => Oja.Spiking(taupost: double.NaN)).Message);
        Assert.Contains("taumean", Assert.Throws<ArgumentOutOfRangeException>(() => Covariance.Spiking(taumean: 0)).Message);
        Assert.Contains("initial mean rate", Assert.Throws<ArgumentOutOfRangeException>(() => Covariance.Spiking(initialMean: -1)).Message);
        Assert.Contains("tauTheta", Assert.Throws<ArgumentOutOfRangeException>(() => Bcm.Spiking(tauTheta: -1)).Message);
        Assert.Contains("y0", Assert.Throws<ArgumentOutOfRangeException>(() => Bcm.Spiking(y0: double.PositiveInfinity)).Message);
        Assert.Contains("initial threshold", Assert.Throws<ArgumentOutOfRangeException>(() => Bcm.Spiking(initialTheta: double.NaN)).Message);
        Assert.Contains("targetRate", Assert.Throws<ArgumentException>(() => DeltaRule.Spiking(" ")).Message);
    }

    /// <summary>These tests on the CPU backend.</summary>
    public sealed class OnCpu(ITestOutputHelper output) : SpikingRuleTests(output)
    {
        /// <inheritdoc />
        protected override Backend Backend => Backend.Cpu;
    }

    /// <summary>These tests on the OpenCL backend.</summary>
    public sealed class OnOpenCl : SpikingRuleTests
    {
        /// <summary>Skips these tests where OpenCL has no device (fails them on CI).</summary>
        public OnOpenCl(ITestOutputHelper output) : base(output) => OpenClDriver.Require();

        /// <inheritdoc />
        protected override Backend Backend => Backend.OpenCl;
    }
}

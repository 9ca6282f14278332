// Two learners of the two leading principal components of 6-D Gaussian data, chosen by Variant, for
// dendra compare --variants sanger,pca: "sanger" is Sanger's rule (Oja's rule for several units) in minibatches,
// "pca" the closed form (power iteration with deflation on the second moments of every sample seen).
// Both are trained by Learn(...), from the same initial weights and minibatches (the seed's).
var random = new Random(7);
double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
const int F = 6;
double[] sd = [3, 2, 1, 0.5, 0.3, 0.2];
// An orthonormal basis by Gram–Schmidt: the components are not the coordinate axes.
var basis = new double[F][];
for (int i = 0; i < F; i++)
{
    basis[i] = Enumerable.Range(0, F).Select(_ => Normal()).ToArray();
    for (int j = 0; j < i; j++) { double d = Dot(basis[i], basis[j]); for (int f = 0; f < F; f++) basis[i][f] -= d * basis[j][f]; }
    double n = Math.Sqrt(Dot(basis[i], basis[i])); for (int f = 0; f < F; f++) basis[i][f] /= n;
}
LabeledSet Samples(int count)
{
    var x = new float[count * F];
    for (int k = 0; k < count; k++)
        for (int i = 0; i < F; i++) { double z = sd[i] * Normal(); for (int f = 0; f < F; f++) x[k * F + f] += (float)(z * basis[i][f]); }
    return new LabeledSet(x, new int[count], F, 1);
}
var train = Samples(2000);
var test = Samples(500);
Learner learner = Variant == "pca" ? new ClosedForm(2) : new Sanger(2, Param("rate", 0.03));
Learn(learner, train, test, new LearnerSchedule { Epochs = Param("epochs", 10), BatchSize = 20, Seed = 5, InitialScale = 0.1 });

static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) { double s = 0; for (int k = 0; k < a.Length; k++) s += a[k] * b[k]; return s; }

/// <summary>The share of the data's variance in the span of the learner's (orthonormalised) units.</summary>
static double Explained(Learner learner, LabeledSet data)
{
    var q = new List<double[]>();
    for (int u = 0; u < learner.Units; u++)
    {
        var w = learner.WeightsOf(u).ToArray().Select(v => (double)v).ToArray();
        foreach (var p in q) { double d = Dot(w, p); for (int f = 0; f < w.Length; f++) w[f] -= d * p[f]; }
        double n = Math.Sqrt(Dot(w, w)); q.Add(w.Select(v => v / n).ToArray());
    }
    double captured = 0, total = 0;
    var row = new float[data.Features];
    for (int k = 0; k < data.Count; k++)
    {
        data.CopyRow(k, row);
        var x = row.Select(v => (double)v).ToArray();
        total += Dot(x, x);
        foreach (var p in q) captured += Dot(x, p) * Dot(x, p);
    }
    return captured / total;
}

sealed class Sanger(int units, double rate) : Learner("sanger", units, 6)
{
    public override string Metric => "explained variance";
    public override bool SignIsArbitrary => true;
    public override double Evaluate(LabeledSet data) => Explained(this, data);
    public override void Learn(Minibatch batch, double progress)
    {
        var delta = new double[Units * Features];
        var y = new double[Units];
        for (int b = 0; b < batch.Count; b++)
        {
            var x = batch.Inputs.AsSpan(b * Features, Features);
            for (int u = 0; u < Units; u++) { double s = 0; for (int f = 0; f < Features; f++) s += Weights[u * Features + f] * x[f]; y[u] = s; }
            // Sanger: Δw_u = y_u (x − Σ_{v ≤ u} y_v w_v)
            for (int u = 0; u < Units; u++)
                for (int f = 0; f < Features; f++)
                {
                    double back = 0;
                    for (int v = 0; v <= u; v++) back += y[v] * Weights[v * Features + f];
                    delta[u * Features + f] += y[u] * (x[f] - back);
                }
        }
        double eta = rate * (1 - progress) / batch.Count;
        for (int k = 0; k < delta.Length; k++) Weights[k] += (float)(eta * delta[k]);
    }
}

sealed class ClosedForm(int units) : Learner("pca", units, 6)
{
    private double[] _moments = new double[36];
    public override string Metric => "explained variance";
    public override bool SignIsArbitrary => true;
    public override double Evaluate(LabeledSet data) => Explained(this, data);
    public override void Initialize(ReadOnlySpan<float> weights) { base.Initialize(weights); _moments = new double[36]; }
    public override void Learn(Minibatch batch, double progress)
    {
        for (int b = 0; b < batch.Count; b++)
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++) _moments[i * 6 + j] += batch.Inputs[b * 6 + i] * batch.Inputs[b * 6 + j];
        var m = (double[])_moments.Clone();
        for (int u = 0; u < Units; u++)
        {
            // Power iteration from the unit's current weights, then deflation: the next unit finds the next component.
            var w = WeightsOf(u).ToArray().Select(v => (double)v + 1e-3).ToArray();
            double lambda = 0;
            for (int it = 0; it < 200; it++)
            {
                var next = new double[6];
                for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) next[i] += m[i * 6 + j] * w[j];
                double n = Math.Sqrt(Dot(next, next));
                lambda = n / Math.Sqrt(Dot(w, w));
                w = next.Select(v => v / n).ToArray();
            }
            for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) m[i * 6 + j] -= lambda * w[i] * w[j];
            for (int f = 0; f < 6; f++) Weights[u * Features + f] = (float)w[f];
        }
    }
}

// Oja's rule finds the principal component: 1000 points of correlated 2-D data (x uniform in [-0.3, 0.3],
// y = -0.7x, both with Gaussian noise of sd 0.1: the plasticity lecture's example) are shown in minibatches of 100 to one
// linear unit v = w·u whose weights learn by Oja's rule, dw = eta·(v·u − v²·w), the changes of a minibatch averaged.
// w turns to the principal eigenvector of the data's correlation matrix and its length to 1 (Oja 1982).
//
//   dendra run examples/oja.csx
//   dendra run examples/oja.csx --set epochs=50 --set eta=0.2
int points = 1000, batch = Param("batch", 100), epochs = Param("epochs", 200);
double eta = Param("eta", 0.5);
var random = new Random(42);
double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
var data = new double[points, 2];
for (int k = 0; k < points; k++)
{
    double x = -0.3 + 0.6 * random.NextDouble();
    data[k, 0] = x + 0.1 * Gaussian();
    data[k, 1] = -0.7 * x + 0.1 * Gaussian();
}

var net = new Network(dt: 1 * ms, precision: Precision.Double) { BatchSize = batch };
var input = net.AddPopulation("input", 2, RateNeuron.Input());
var output = net.AddPopulation("output", 1, new NeuronModel("Linear", "v = I").WithInput("I"));
var oja = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", eta).ReducedBy(BatchReduction.Mean);
var weights = net.ConnectRate(input, output, "r", "I", new double[,] { { 0.1, 0.4 } }).Learn(oja);

// One step per minibatch: the product v = w·u, then the rule, averaged over the batch's instances.
var order = Enumerable.Range(0, points).ToArray();
var shown = new double[batch * 2];
for (int epoch = 0; epoch < epochs; epoch++)
{
    random.Shuffle(order);
    for (int first = 0; first + batch <= points; first += batch)
    {
        for (int b = 0; b < batch; b++) (shown[2 * b], shown[2 * b + 1]) = (data[order[first + b], 0], data[order[first + b], 1]);
        input.SetState("r", shown);
        net.Run(net.Dt);
    }
}

// The principal eigenvector of the correlation matrix C = <u uᵀ> (2×2, symmetric: in closed form).
double cxx = 0, cxy = 0, cyy = 0;
for (int k = 0; k < points; k++) { cxx += data[k, 0] * data[k, 0]; cxy += data[k, 0] * data[k, 1]; cyy += data[k, 1] * data[k, 1]; }
double top = (cxx + cyy) / 2 + Math.Sqrt((cxx - cyy) * (cxx - cyy) / 4 + cxy * cxy);
(double ex, double ey) = (cxy, top - cxx);
double norm = Math.Sqrt(ex * ex + ey * ey);
var w = weights.Weights();
double length = Math.Sqrt(w[0, 0] * w[0, 0] + w[0, 1] * w[0, 1]);
double cos = Math.Abs(w[0, 0] * ex + w[0, 1] * ey) / (length * norm);
Console.WriteLine($"w = ({w[0, 0]:F4}, {w[0, 1]:F4}), principal eigenvector ({ex / norm:F4}, {ey / norm:F4})");
Console.WriteLine($"cos = {cos:F6}");
Console.WriteLine($"|w| = {length:F6}");

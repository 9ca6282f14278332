// The minibatch benchmark network as a script, for `dendra run` where there is no .NET SDK (the GPU kit runs it):
// 784 clamped inputs → 2000 competing hidden units (lateral inhibition through a population sum), a batch of
// `batch` instances, random pixels and Gaussian weights as in batch.cs. The summary's run time gives steps/s.
//   dendra run benchmarks/minibatch/competing.csx --set batch=100 --duration 20ms --backend opencl
int batch = Param("batch", 100), inputs = 784, hidden = 2000;
var random = new Random(1);
var w = new double[hidden, inputs];
for (int j = 0; j < hidden; j++)
    for (int i = 0; i < inputs; i++)
        w[j, i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) * 0.05;

var net = new Network(dt: 0.1 * ms) { BatchSize = batch };
var pixels = net.AddPopulation("pixels", inputs, RateNeuron.Input());
var units = net.AddPopulation("hidden", hidden, new NeuronModel("Competing", """
        dh/dt = (I - h - w_inh*(sum(max(h, 0)) - max(h, 0)))/tau
        r = max(h, 0)
        """).WithParameter("tau", 5 * ms).WithParameter("w_inh", 0.2).WithInput("I"));
net.ConnectRate(pixels, units, "r", "I", w);
pixels.SetState("r", Enumerable.Range(0, batch * inputs).Select(_ => random.NextDouble()).ToArray());
Run(net, 20 * ms);

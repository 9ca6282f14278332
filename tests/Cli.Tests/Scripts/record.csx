// A small CUBA network with Poisson input and a state monitor, for the recording tests.
var n = Param("N", 400);
var net = new Network(dt: 0.1 * ms, seed: 5);
var cells = net.AddPopulation("cells", n, Lif.Cuba());
var input = net.AddPoisson("input", 100, 20.0);
net.Connect(cells, cells, "ge", Connectivity.FixedProbability(0.02), Lif.CubaWeightE, delay: 1 * ms);
net.Connect(input, cells, "ge", Connectivity.FixedProbability(0.05), Lif.CubaWeightE);
net.MonitorState(cells, "v", new[] { 0, 1, 2 });
Run(net, 500 * ms);

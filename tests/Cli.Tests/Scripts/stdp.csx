// A small plastic network for the weight-recording tests: Poisson input onto LIF cells through pair STDP, plus a
// static recurrent projection whose weights must not be snapshotted.
var net = new Network(dt: 0.1 * ms, seed: 9);
var input = net.AddPoisson("input", 200, 20.0);
var cells = net.AddPopulation("cells", 40, Lif.Cuba());
net.Connect(input, cells, PairStdp.Synapse("ge", wmax: 1 * mV), Connectivity.FixedProbability(0.2),
    weight: "rand()*1*mV", delay: 1 * ms);
net.Connect(cells, cells, "ge", Connectivity.FixedProbability(0.1), Lif.CubaWeightE, delay: 1 * ms);
Run(net, 500 * ms);

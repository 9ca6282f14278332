// Spike-timing-dependent plasticity: 1000 Poisson inputs drive 50 LIF cells through pair STDP synapses, and the
// weights drift apart over tens of seconds (after Song, Miller & Abbott 2000). Record the weights as they change:
//
//   dendra run examples/stdp.csx --duration 20s --record stdp.dnr --record-weights 1s
//   dendra info stdp.dnr; dendra plot stdp.dnr --what weights; dendra export stdp.dnr --what weights --format csv --out stdp
var net = new Network(dt: 0.1 * ms, seed: 3);
var input = net.AddPoisson("input", Param("inputs", 1000), rate: 15 * Hz);
var cells = net.AddPopulation("cells", Param("cells", 50), Lif.Cuba());
var wmax = 0.5 * mV;
net.Connect(input, cells, PairStdp.Synapse("ge", wmax: wmax), Connectivity.FixedProbability(0.2),
    weight: "rand()*0.5*mV", delay: 1 * ms);
Run(net, 10 * second);

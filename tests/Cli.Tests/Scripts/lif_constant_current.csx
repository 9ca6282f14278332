// 50 LIF neurons (Lif.CurrentBased) driven by constant currents from 300 pA to 600 pA, no synapses:
// for comparing integrators (dendra compare ... --pairing integrator).
var n = Param("N", 50);
var net = new Network(dt: 0.1 * ms);
var cells = net.AddPopulation("cells", n, Lif.CurrentBased());
for (int k = 0; k < n; k++)
    net.Inject(cells.Slice(k, 1), "I_ext", CurrentSource.Constant((400 + 200.0 * k / n) * pA));
Run(net, 200 * ms);

// One population large enough (N ≥ Network.AutoOpenClSize) for --backend auto to choose OpenCL, driven by one current.
var n = Param("N", 100_000);
var net = new Network(dt: 0.1 * ms);
var cells = net.AddPopulation("cells", n, Lif.CurrentBased());
net.Inject(cells, "I_ext", CurrentSource.Constant(500 * pA));
Run(net, 20 * ms);

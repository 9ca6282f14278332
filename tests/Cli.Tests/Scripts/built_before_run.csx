// Builds the network itself, then asks Run to apply --dt: too late (line 6).
var model = new NeuronModel("M", "dv/dt = -v/tau").WithParameter("tau", 10 * ms);
var net = new Network();
net.AddPopulation("P", 2, model);
net.Build();
Run(net, 1 * ms);

// A script with a type error on line 3.
var net = new Network();
int size = "ten";
net.AddPopulation("P", size, new NeuronModel("M", "dv/dt = -v/tau").WithParameter("tau", 10 * ms));

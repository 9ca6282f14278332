// Sets a parameter the model does not have (line 7).
var model = new NeuronModel("LIF", "dv/dt = (El - v)/tau_m")
    .WithParameter("tau_m", 20 * ms)
    .WithParameter("El", -65 * mV);
var net = new Network();
var pop = net.AddPopulation("P", 10, model);
pop.Set("tau_x", 1);
Run(net, 10 * ms);

// A small LIF population driven by a constant current; tau_m comes from --set.
var tauM = Param("tau_m", 20 * ms);
var n = Param("N", 50);
var model = new NeuronModel("LIF", "dv/dt = (El - v + I)/tau_m : unless refractory")
    .WithParameter("tau_m", tauM, "s", "membrane time constant")
    .WithParameter("El", -49 * mV)
    .WithParameter("I", 0)
    .WithThreshold("v > -50e-3")
    .WithReset("v = -60e-3")
    .WithRefractory(2 * ms)
    .WithInitial("v", "-60e-3 + rand()*10e-3");
var net = new Network(dt: 0.1 * ms);
net.AddPopulation("cells", n, model);
Run(net, 100 * ms);
Console.WriteLine($"args: [{string.Join(",", Args)}] quiet: {Quiet}");

// Never calls Run(net, ...): CLI options that only Run applies have no effect.
var model = new NeuronModel("M", "dv/dt = -v/tau").WithParameter("tau", 10 * ms);
var net = new Network();
net.AddPopulation("P", 2, model);
net.Run(1 * ms);
Console.WriteLine($"ran to t = {net.Time * 1e3:0.#} ms");

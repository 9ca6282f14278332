// 50 LIF neurons driven by constant currents, built the way its Variant asks:
// "euler" integrates with forward Euler, "louder" drives every neuron 10% harder, anything else (or none) is the plain model.
// For dendra compare --variants and dendra run --variant.
var net = new Network(dt: 0.1 * ms);
var cells = net.AddPopulation("cells", 50, Lif.CurrentBased());
var gain = Variant == "louder" ? 1.1 : 1.0;
if (Variant == "euler") net.IntegratorOverride = Integrator.Euler;
for (int k = 0; k < 50; k++)
    net.Inject(cells.Slice(k, 1), "I_ext", CurrentSource.Constant(gain * (400 + 4.0 * k) * pA));
Run(net, 200 * ms);
Console.WriteLine($"variant {Variant ?? "none"}: {cells.SpikeCount} spikes");

// A minibatch: 100 noisy patterns presented at once to competing hidden units (Krotov & Hopfield 2019's full
// lateral-inhibition dynamics), each pattern in its own instance of the network. The hidden units' weights are ten
// stored prototypes; every instance shows a prototype with a sixth of its pixels flipped. After the run the script
// compares, per instance, the unit the full dynamics left on top with the rank-based shortcut (the unit with the
// largest input current) and with the prototype the pattern came from.
//
//   dendra run examples/minibatch.csx --duration 50ms --set batch=1000 --backend opencl
int batch = Param("batch", 100), pixels = 64, prototypes = 10;
var random = new Random(7);

// Prototypes of ±1 pixels; the weights are the prototypes scaled to unit length.
var prototype = new double[prototypes, pixels];
var w = new double[prototypes, pixels];
for (int mu = 0; mu < prototypes; mu++)
    for (int i = 0; i < pixels; i++)
    {
        prototype[mu, i] = random.Next(2) * 2 - 1;
        w[mu, i] = prototype[mu, i] / Math.Sqrt(pixels);
    }

// τ dh/dt = I − h − w_inh Σ_{ν≠μ} max(h_ν, 0): the sum over the other units is one population sum per instance.
var competing = new NeuronModel("Competing", """
        dh/dt = (I - h - w_inh*(sum(max(h, 0)) - max(h, 0)))/tau
        r = max(h, 0)
        """)
    .WithParameter("tau", 5 * ms, "s", "time constant of the hidden units")
    .WithParameter("w_inh", 0.5, "1", "strength of the lateral inhibition")
    .WithInput("I");

var net = new Network(dt: 0.1 * ms) { BatchSize = batch };
var input = net.AddPopulation("pixels", pixels, RateNeuron.Input());
var hidden = net.AddPopulation("hidden", prototypes, competing);
net.ConnectRate(input, hidden, "r", "I", w);

// Instance b shows prototype b mod 10 with a sixth of its pixels flipped.
var patterns = new double[batch * pixels];
for (int b = 0; b < batch; b++)
    for (int i = 0; i < pixels; i++)
        patterns[b * pixels + i] = prototype[b % prototypes, i] * (random.NextDouble() < 1.0 / 6 ? -1 : 1);
input.SetState("r", patterns);

Run(net, 50 * ms);

static int ArgMax(double[] x) => Array.IndexOf(x, x.Max());
int recalled = 0, agree = 0, active = 0;
for (int b = 0; b < batch; b++)
{
    var h = hidden.Get("h", b);
    var current = new double[prototypes]; // the shortcut: rank the input currents, no dynamics
    for (int mu = 0; mu < prototypes; mu++)
        for (int i = 0; i < pixels; i++) current[mu] += w[mu, i] * patterns[b * pixels + i];
    if (ArgMax(h) == b % prototypes) recalled++;
    if (ArgMax(h) == ArgMax(current)) agree++;
    active += h.Count(x => x > 0);
}
Console.WriteLine($"{batch} instances: the full dynamics' top unit is the pattern's prototype in {recalled}, " +
    $"the rank shortcut's top unit in {agree}; {(double)active / batch:0.0} of {prototypes} hidden units active per instance");

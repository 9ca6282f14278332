// The training loop's own overhead per presentation, for docs/benchmarks.md: a 784 → 2000 plastic rate layer (leaky rate
// units, Oja's rule applied once per presentation, float32), minibatches of 100 shown for 50 steps each. The same
// presentations are driven twice, alternately: by Trainer (shuffled order, rows copied, encoder, schedule, evaluation
// bookkeeping, progress) and by the least a hand-written loop must do (copy the rows, write them with SetState, run 50
// steps). The overhead is the difference over the hand-written loop's time (target ≤ 5%). On a busy machine that difference
// is within the noise of the two, so an upper bound is measured as well: Trainer driving a trivial network (784 → 1, one
// step, no plasticity), whose time is the loop's own work plus writing the inputs and one almost free step.
//   dotnet run -c Release benchmarks/learning/loop-overhead.cs [presentations=10] [rounds=5] [threads=2]
#:property PublishAot=false
#:project ../../src/Neurons/Dendra.Neurons.csproj
#:project ../../src/Learning/Dendra.Learning.csproj
using System.Diagnostics;
using System.Globalization;
using Dendra.Learning.Datasets;
using Dendra.Learning.Encoders;
using Dendra.Learning.Training;
using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

const int Inputs = 784, Hidden = 2000, Batch = 100, Steps = 50;
int presentations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;

var random = new Random(1);
var images = new float[presentations * Batch * Inputs];
for (int k = 0; k < images.Length; k++) images[k] = (float)random.NextDouble();
var data = new LabeledSet(images, new int[presentations * Batch], Inputs, 10);
var initial = new double[Hidden, Inputs];
for (int j = 0; j < Hidden; j++)
    for (int i = 0; i < Inputs; i++) initial[j, i] = 0.01 * random.NextDouble();

(Network Net, Population Input, RateProjection Weights) Layer()
{
    var net = new Network(dt: 1 * ms, precision: Precision.Single) { BatchSize = Batch, Threads = threads };
    var input = net.AddPopulation("input", Inputs, RateNeuron.Input());
    var hidden = net.AddPopulation("hidden", Hidden, new NeuronModel("Leaky", "dv/dt = (I - v)/tau").WithParameter("tau", 10 * ms).WithInput("I"));
    var oja = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 1e-4).ReducedBy(BatchReduction.Mean).Every(Steps);
    var weights = net.ConnectRate(input, hidden, "r", "I", initial, "input->hidden").Learn(oja);
    net.Build();
    return (net, input, weights);
}

var (trained, trainedInput, trainedWeights) = Layer();
var (driven, drivenInput, _) = Layer();
var buffer = new double[Batch * Inputs];
var order = SeededShuffle.Permutation(data.Count, 1);

double ByTrainer()
{
    var trainer = new Trainer(trained, new RateEncoder(trainedInput), data) { Epochs = 1, Presentation = Presentation.For(Steps * ms) };
    trainer.Schedule(trainedWeights, LearningRateSchedule.Exponential(1e-4, 0.9));
    long last = 0;
    var clock = Stopwatch.StartNew();
    trainer.Run(p => last = p.SamplesInEpoch);
    return clock.Elapsed.TotalSeconds / presentations;
}

double ByHand()
{
    var clock = Stopwatch.StartNew();
    for (int p = 0; p < presentations; p++)
    {
        for (int n = 0; n < Batch; n++)
        {
            var row = data.Row(order[p * Batch + n]);
            for (int i = 0; i < Inputs; i++) buffer[n * Inputs + i] = row[i];
        }
        drivenInput.SetState("r", buffer);
        driven.Run(Steps * ms);
    }
    return clock.Elapsed.TotalSeconds / presentations;
}

var tiny = new Network(dt: 1 * ms, precision: Precision.Single) { BatchSize = Batch, Threads = threads };
var tinyInput = tiny.AddPopulation("input", Inputs, RateNeuron.Input());
var tinyOutput = tiny.AddPopulation("out", 1, new NeuronModel("Linear", "v = I").WithInput("I"));
tiny.ConnectRate(tinyInput, tinyOutput, "r", "I", new double[1, Inputs]);
double Bound()
{
    var trainer = new Trainer(tiny, new RateEncoder(tinyInput), data) { Epochs = 20, Presentation = Presentation.For(1 * ms) };
    var clock = Stopwatch.StartNew();
    trainer.Run(_ => { });
    return clock.Elapsed.TotalSeconds / (20 * presentations);
}

Bound();
ByTrainer(); // warm-up: JIT, caches, the thread pool
ByHand();
var trainer = new List<double>();
var hand = new List<double>();
var bound = new List<double>();
for (int r = 0; r < rounds; r++)
{
    trainer.Add(ByTrainer());
    hand.Add(ByHand());
    bound.Add(Bound());
}
double Median(List<double> x) => x.Order().ElementAt(x.Count / 2);
string Ms(IEnumerable<double> x) => string.Join(", ", x.Select(t => (t * 1e3).ToString("F1", CultureInfo.InvariantCulture)));
double overhead = Median(trainer) - Median(hand);
Console.WriteLine($"784 → 2000, batch {Batch}, {Steps} steps per presentation, {threads} thread(s), {presentations} presentations per round, {rounds} rounds");
Console.WriteLine($"Trainer:           {Ms(trainer)} ms per presentation (median {Median(trainer) * 1e3:F1})");
Console.WriteLine($"hand-written loop: {Ms(hand)} ms per presentation (median {Median(hand) * 1e3:F1})");
Console.WriteLine($"Trainer driving a trivial network: {Ms(bound)} ms per presentation (median {Median(bound) * 1e3:F2}): at most {100 * Median(bound) / Median(hand):F2}% of the simulation");
Console.WriteLine($"the loop's own overhead: {overhead * 1e3:F2} ms per presentation = {100 * overhead / Median(hand):F2}% of the simulation it drives");

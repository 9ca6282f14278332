// A small training run for the CLI tests: 4×4 images of horizontal bars shown to 3 linear units learning by Oja's rule,
// in minibatches, for 2 epochs. --set record=FILE records it; inputs, batch and bad_label make the mistakes the tests expect.
int inputs = Param("inputs", 16), batch = Param("batch", 4), badLabel = Param("bad_label", -1);
string record = Param("record", "");
var net = new Network(dt: 1 * ms, seed: 1) { BatchSize = batch };
var input = net.AddPopulation("input", inputs, RateNeuron.Input());
var output = net.AddPopulation("output", 3, new NeuronModel("Linear", "v = I").WithInput("I"));
var random = new Random(4);
var initial = new double[3, inputs];
for (int j = 0; j < 3; j++)
    for (int i = 0; i < inputs; i++) initial[j, i] = 0.05 + 0.1 * random.NextDouble();
var oja = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.3).ReducedBy(BatchReduction.Mean);
var weights = net.ConnectRate(input, output, "r", "I", initial, "input->output").Learn(oja);
var images = new float[24 * 16];
var labels = new int[24];
for (int k = 0; k < 24; k++)
{
    labels[k] = k % 4;
    for (int x = 0; x < 4; x++) images[k * 16 + labels[k] * 4 + x] = 0.6f + 0.4f * (float)random.NextDouble();
}
if (badLabel >= 0) labels[5] = badLabel;
var data = new LabeledSet(images, labels, features: 16, classes: 4);
var trainer = new Trainer(net, new RateEncoder(input), data) { Epochs = 2, Presentation = Presentation.For(3 * ms) };
trainer.EvaluateEvery(samples: 8, () => new Dictionary<string, double> { ["mean weight"] = weights.Weights().Cast<double>().Average() });
if (record.Length > 0) trainer.RecordTo(record, ["mean weight"], weightsEverySamples: 4, (weights, 4, 4));
trainer.Run(TrainingBar());
Console.WriteLine($"trained on {trainer.SamplesSeen} samples: mean weight {trainer.Curve[^1].Metrics["mean weight"]:F4}");

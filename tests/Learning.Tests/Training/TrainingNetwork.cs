using Dendra.Learning.Datasets;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Learning.Tests.Training;

/// <summary>A small plastic rate network and data for the training-loop tests: 16 clamped inputs, 6 leaky rate units
/// learning by Oja's rule (mean over a batch of 4), 40 synthetic samples of 4 classes. Seconds to train, not minutes.</summary>
internal static class TrainingNetwork
{
    public const int Features = 16, Units = 6, Batch = 4;

    /// <param name="seed">The network's seed.</param>
    /// <param name="atEndOfPresentation">Oja's rule applied once per presentation instead of every step.</param>
    public static (Network Net, Population Input, Population Output, RateProjection Weights) Build(ulong seed = 3, bool atEndOfPresentation = false)
    {
        var net = new Network(dt: 1e-3, seed: seed) { BatchSize = Batch, Threads = 1 };
        var input = net.AddPopulation("input", Features, new NeuronModel("Rate-Input", "").WithState("r"));
        var output = net.AddPopulation("output", Units, new NeuronModel("Leaky", "dv/dt = (I - v)/tau").WithParameter("tau", 0.005).WithInput("I"));
        var random = new Random(11);
        var initial = new double[Units, Features];
        for (int j = 0; j < Units; j++)
            for (int i = 0; i < Features; i++) initial[j, i] = 0.1 * random.NextDouble();
        var oja = new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.2).ReducedBy(BatchReduction.Mean);
        if (atEndOfPresentation) oja = oja.AtEndOfPresentation();
        var weights = net.ConnectRate(input, output, "r", "I", initial, "input->output").Learn(oja);
        return (net, input, output, weights);
    }

    /// <summary>Four classes, each a bump over four neighbouring inputs plus noise; feature 15 holds the sample's index / 1000
    /// so a test can tell which sample an instance was shown.</summary>
    public static LabeledSet Data(int count = 40)
    {
        var random = new Random(5);
        var inputs = new float[count * Features];
        var labels = new int[count];
        for (int k = 0; k < count; k++)
        {
            int label = labels[k] = k % 4;
            for (int i = 0; i < Features - 1; i++) inputs[k * Features + i] = (float)(0.2 * random.NextDouble() + (i / 4 == label ? 0.8 : 0));
            inputs[k * Features + Features - 1] = k / 1000f;
        }
        return new LabeledSet(inputs, labels, Features, 4);
    }

    /// <summary>The sample index each instance of the batch was shown (from feature 15).</summary>
    public static int[] ShownSamples(Population input)
    {
        var r = input.Get("r");
        return [.. Enumerable.Range(0, Batch).Select(n => (int)Math.Round(r[n * Features + Features - 1] * 1000))];
    }
}

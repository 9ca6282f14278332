using Dendra.Learning.Encoders;
using Dendra.Learning.Training;
using Dendra.Plasticity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Learning.Tests.Training.TrainingNetwork;

namespace Dendra.Learning.Tests.Training;

/// <summary>A small spiking network learning by STDP through the training loop, its input weights normalised per neuron as
/// Diehl &amp; Cook normalise theirs: the loop ends every presentation, so the normalisation comes with it.</summary>
public sealed class SpikingNormalisationTrainingTests : IDisposable
{
    private const int Neurons = 4;
    private const double Radius = 6;

    private readonly string _folder = Directory.CreateTempSubdirectory("dendra-spiking-normalisation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Poisson inputs (one per feature) onto a few leaky integrate-and-fire neurons through pair STDP, the input
    /// weights normalised to an L1 radius on <paramref name="every"/>.</summary>
    private static (Trainer Trainer, Projection Weights, Population Neurons) Setup(NormalisationSchedule every, string? checkpoint = null)
    {
        var net = new Network(dt: 0.5e-3, seed: 13) { Threads = 1 };
        var input = net.AddPopulation("input", Features, PoissonEncoder.Model);
        var lif = new NeuronModel("LIF", "dv/dt = (ge - v)/(10*ms)\ndge/dt = -ge/(5*ms)").WithThreshold("v > 1").WithReset("v = 0");
        var neurons = net.AddPopulation("neurons", Neurons, lif);
        var weights = net.Connect(input, neurons, PairStdp.Synapse("ge", wmax: 1, dApre: 0.02), Connectivity.AllToAll(), weight: "0.3*rand()");
        SynapticNormalisation.L1(weights, Radius, every);
        var trainer = new Trainer(net, new PoissonEncoder(input, maxRate: 200), Data())
        {
            Epochs = 3, Seed = 4, Presentation = Presentation.For(20e-3), CheckpointPath = checkpoint,
        };
        return (trainer, weights, neurons);
    }

    /// <summary>Each neuron's sum of |w| over its input synapses.</summary>
    private static double[] Sums(Projection weights)
    {
        var (_, post, w) = weights.Get("w");
        var sums = new double[Neurons];
        for (int s = 0; s < w.Length; s++) sums[post[s]] += Math.Abs(w[s]);
        return sums;
    }

    [Fact]
    public void Stdp_learns_and_every_neurons_input_weights_sum_to_the_radius_after_each_presentation()
    {
        var (trainer, weights, neurons) = Setup(NormalisationSchedule.EveryPresentations());
        trainer.Epochs = 1;
        var previous = weights.Get("w").Values;
        int presentations = 0, learned = 0;
        trainer.Presented = () =>
        {
            presentations++;
            Assert.All(Sums(weights), sum => Assert.Equal(Radius, sum, 1e-6 * Radius));
            var w = weights.Get("w").Values;
            if (!w.SequenceEqual(previous)) learned++;
            previous = w;
        };
        trainer.Run();
        Assert.Equal(Data().Count, presentations);
        Assert.Equal(presentations, trainer.SamplesSeen);
        Assert.True(neurons.SpikeCount > 100, $"the neurons fired {neurons.SpikeCount} spikes");
        Assert.True(learned > presentations / 2, $"STDP changed the weights in only {learned} of {presentations} presentations");
    }

    [Fact]
    public void A_resumed_run_normalises_at_the_presentations_the_uninterrupted_run_did_and_ends_bitwise_equal()
    {
        // Every third presentation with 40 per epoch: epoch 2 ends after presentation 80, between two normalisations, so the
        // resumed run must take the presentation count from the checkpoint.
        var every = NormalisationSchedule.EveryPresentations(3);
        var (whole, wholeWeights, _) = Setup(every);
        whole.Run();

        string path = Path.Combine(_folder, "stdp.ckpt");
        var (killed, _, _) = Setup(every, path);
        using var kill = new CancellationTokenSource();
        killed.EpochEnded = epochs => { if (epochs == 2) kill.Cancel(); };
        Assert.Throws<OperationCanceledException>(() => killed.Run(cancel: kill.Token));
        var (resumed, resumedWeights, _) = Setup(every, path);
        resumed.ResumeFrom(path);
        Assert.Equal(80, resumedWeights.Network.Presentations);
        resumed.Run();

        Assert.Equal(120, resumedWeights.Network.Presentations);
        Assert.Equal(wholeWeights.Get("w").Values, resumedWeights.Get("w").Values);
        Assert.All(Sums(resumedWeights), sum => Assert.Equal(Radius, sum, 1e-6 * Radius)); // presentation 120 normalised
    }
}

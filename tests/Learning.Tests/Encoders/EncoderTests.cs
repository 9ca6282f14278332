using Dendra.Learning.Encoders;
using Dendra.Learning.Training;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Learning.Tests.Encoders;

public class EncoderTests
{
    [Fact]
    public void The_rate_encoder_clamps_each_instance_to_its_own_sample_times_the_scale()
    {
        var net = new Network { BatchSize = 2 };
        var input = net.AddPopulation("input", 3, new NeuronModel("Rate-Input", "").WithState("r"));
        var encoder = new RateEncoder(input, scale: 2);
        encoder.Write([0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f]);
        net.Run(net.Dt);
        var r = input.Get("r");
        float[] given = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f];
        for (int k = 0; k < 6; k++) Assert.Equal(given[k] * 2.0, r[k], 6);
        encoder.Rest();
        net.Run(net.Dt);
        Assert.All(input.Get("r"), r => Assert.Equal(0, r));
    }

    [Fact]
    public void Poisson_trains_fire_at_intensity_times_the_maximum_rate_and_repeat_with_the_same_seed()
    {
        (long[] Counts, long Total) Fire(ulong seed)
        {
            var net = new Network(dt: 1e-3, seed: seed);
            var input = net.AddPopulation("input", 200, PoissonEncoder.Model);
            var spikes = net.MonitorSpikes(input);
            var encoder = new PoissonEncoder(input, maxRate: 100);
            encoder.Write([.. Enumerable.Range(0, 200).Select(k => k < 100 ? 1f : 0.2f)]);
            net.Run(2.0);
            var counts = new long[200];
            foreach (var n in spikes.Neurons) counts[n]++;
            return (counts, input.SpikeCount);
        }
        var (counts, total) = Fire(7);
        // 100 neurons × 2 s × 100 Hz = 20000 expected spikes (sd 141); the others 4000 (sd 63).
        Assert.InRange(counts.Take(100).Sum(), 19_400, 20_600);
        Assert.InRange(counts.Skip(100).Sum(), 3_700, 4_300);
        Assert.Equal(counts, Fire(7).Counts);
        Assert.NotEqual(total, Fire(8).Total);
    }

    [Fact]
    public void The_repeat_rule_shows_a_batch_again_with_more_input_until_the_answer_has_enough_spikes_then_restores_the_scale()
    {
        (long Repeats, double Scale, long Spikes) Train(int minSpikes)
        {
            var net = new Network(dt: 1e-3, seed: 2);
            var input = net.AddPopulation("input", 4, PoissonEncoder.Model);
            var encoder = new PoissonEncoder(input, maxRate: 1);
            var data = new Dendra.Learning.Datasets.LabeledSet([.. Enumerable.Repeat(1f, 4 * 5)], [0, 0, 0, 0, 0], 4, 1);
            // The input population answers for itself: at 1 Hz, 4 neurons fire about 0.04 spikes in 10 ms.
            var trainer = new Trainer(net, encoder, data)
            {
                Presentation = Presentation.For(10e-3), Repeat = new RepeatRule(input, minSpikes, ScaleStep: 10_000, MaxRepeats: 3),
            };
            trainer.Run();
            return (trainer.Repeats, encoder.Scale, input.SpikeCount);
        }
        // Five samples; each needs repeats until the rate (1 Hz, then 10 kHz: a spike every step) gives 30 spikes.
        var (repeats, scale, spikes) = Train(minSpikes: 30);
        Assert.Equal(5, repeats);
        Assert.Equal(1, scale);
        Assert.True(spikes >= 5 * 30, $"{spikes} spikes");
        // Asking for more than 4 neurons can fire in 10 steps repeats each sample the most times allowed.
        Assert.Equal(5 * 3, Train(minSpikes: 41).Repeats);
    }

    [Fact]
    public void An_encoder_refuses_a_population_without_the_variable_it_writes()
    {
        var net = new Network();
        var cells = net.AddPopulation("cells", 3, new NeuronModel("Leaky", "dv/dt = -v/tau").WithParameter("tau", 0.01));
        Assert.Contains("has no state variable 'r'", Assert.Throws<ArgumentException>(() => new RateEncoder(cells)).Message, StringComparison.Ordinal);
        Assert.Contains("create it with PoissonEncoder.Model", Assert.Throws<ArgumentException>(() => new PoissonEncoder(cells, 10)).Message, StringComparison.Ordinal);
    }
}

using Dendra.Learning.Datasets;
using Dendra.Learning.Encoders;
using Dendra.Learning.Training;
using Dendra.Render.Activity;
using Dendra.Render.Drawing;
using Dendra.Render.Output;
using Dendra.Render.Replay;
using Dendra.Render.Views;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using Dendra.Simulator.Recording;

namespace Dendra.Render.Tests;

/// <summary>A recorded training run, replayed offscreen: its receptive fields are drawn from each weight snapshot, and change
/// from frame to frame as the weights learn.</summary>
public sealed class TrainingReplayTests : IDisposable
{
    private readonly string _dir;

    public TrainingReplayTests()
    {
        Egl.Require();
        _dir = Directory.CreateTempSubdirectory("dendra-training-replay-").FullName;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Trains 3 units on 4×4 images of horizontal bars (Oja's rule, minibatches of 2) for 2 epochs, recording the
    /// weights every 4 samples and a metric every 8.</summary>
    private string RecordTraining()
    {
        var net = new Network(dt: 1e-3, seed: 1) { BatchSize = 2, Threads = 1 };
        var input = net.AddPopulation("input", 16, new NeuronModel("Rate-Input", "").WithState("r"));
        var output = net.AddPopulation("output", 3, new NeuronModel("Linear", "v = I").WithInput("I"));
        var random = new Random(4);
        var initial = new double[3, 16];
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < 16; i++) initial[j, i] = 0.05 + 0.1 * random.NextDouble();
        var weights = net.ConnectRate(input, output, "r", "I", initial, "input->output")
            .Learn(new OuterProductRule("Oja", post: "v", pre: "r", decay: "v^2").WithParameter("eta", 0.3).ReducedBy(BatchReduction.Mean));
        var images = new float[24 * 16];
        var labels = new int[24];
        for (int k = 0; k < 24; k++)
        {
            labels[k] = k % 4;
            for (int x = 0; x < 4; x++) images[k * 16 + labels[k] * 4 + x] = 0.6f + 0.4f * (float)random.NextDouble();
        }
        var trainer = new Trainer(net, new RateEncoder(input), new LabeledSet(images, labels, 16, 4)) { Epochs = 2, Presentation = Presentation.For(3e-3) };
        trainer.EvaluateEvery(8, () => new Dictionary<string, double> { ["mean weight"] = weights.Weights().Cast<double>().Average() });
        string path = Path.Combine(_dir, "training.dnr");
        trainer.RecordTo(path, ["mean weight"], weightsEverySamples: 4, (weights, 4, 4));
        trainer.Run();
        return path;
    }

    [SkippableFact]
    public void A_recorded_training_run_replays_with_receptive_fields_drawn_from_each_snapshot_and_changing_from_frame_to_frame()
    {
        using var recording = RecordingReader.Open(RecordTraining());
        var snapshots = recording.ReadWeights("input->output");
        Assert.Equal(1 + 48 / 4, snapshots.Count); // the initial weights, then every 4 of 2 × 24 samples
        Assert.Equal(48 / 8, recording.ReadMetric("mean weight").Count);

        // The recording says its weights are 4×4 images: the replay shows them without being asked.
        var activity = new RecordingActivity(recording, new ViewOptions());
        Assert.Contains(activity.Views(), v => v is ReceptiveFieldView { Projection: "input->output" });

        using var renderer = new OffscreenRenderer(400, 300);
        var layout = new Layout([new ReceptiveFieldView("input->output")]);
        var plot = renderer.PlotAreas(layout, withTimeline: true)[0]; // a replayed snapshot has a timeline below the views
        RgbaImage? previous = null;
        foreach (var snapshot in snapshots)
        {
            var shown = activity.Snapshot(snapshot.Step, new RunStatus(snapshot.Step * recording.Header.Dt, 1, double.NaN, "replay"));
            var fields = Assert.Single(shown.Fields);
            var frame = renderer.Render(shown, layout);
            var (columns, scale) = ReceptiveFieldView.TileLayout(fields, plot);
            bool changed = false;
            for (int unit = 0; unit < 3; unit++)
            {
                var tile = ReceptiveFieldView.TileArea(fields, plot, columns, scale, unit);
                // Each weight pixel has the colour of this snapshot's weight (unit u's weights are row u of the dense matrix).
                var own = snapshot.Values.Skip(unit * 16).Take(16).Select(v => (float)v).ToArray();
                float min = own.Min(), max = own.Max();
                for (int k = 0; k < 16; k++)
                {
                    var at = (tile.X + k % 4 * scale + scale / 2, tile.Y + k / 4 * scale + scale / 2);
                    Assert.Equal(ReceptiveFieldView.Color(own[k], min, max), frame.Get(at.Item1, at.Item2));
                    if (previous is not null && previous.Get(at.Item1, at.Item2) != frame.Get(at.Item1, at.Item2)) changed = true;
                }
            }
            if (previous is not null) Assert.True(changed, $"the receptive fields at step {snapshot.Step} look as they did at the previous snapshot");
            previous = frame;
        }
    }
}

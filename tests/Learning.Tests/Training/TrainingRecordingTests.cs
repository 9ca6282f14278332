using Dendra.Learning.Encoders;
using Dendra.Learning.Training;
using Dendra.Simulator.Recording;
using static Dendra.Learning.Tests.Training.TrainingNetwork;

namespace Dendra.Learning.Tests.Training;

/// <summary>
/// The recording of a training run resumed from a checkpoint: it continues the file of the run it resumes, dropping what
/// that run recorded after the checkpoint, so the file ends chunk for chunk as an uninterrupted run's; a missing file is
/// begun again with the curve so far; a file of another run is refused.
/// </summary>
public sealed class TrainingRecordingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dendra-training-recording-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string File(string name) => Path.Combine(_folder, name);

    /// <summary>3 epochs of 40 samples, evaluated every 12, weights every 8, a checkpoint after every epoch.</summary>
    private static Trainer Setup(string recording, string checkpoint, string metric = "weight mean")
    {
        var (net, input, _, weights) = Build();
        var trainer = new Trainer(net, new RateEncoder(input), Data()) { Epochs = 3, Seed = 9, Presentation = Presentation.For(3e-3, rest: 1e-3), CheckpointPath = checkpoint };
        trainer.EvaluateEvery(samples: 12, () => new Dictionary<string, double> { [metric] = weights.Weights().Cast<double>().Average() });
        trainer.RecordTo(recording, [metric], weightsEverySamples: 8, (weights, 4, 4));
        return trainer;
    }

    /// <summary>Runs a trainer that is killed 16 samples into its third epoch, after its epoch-2 checkpoint and after it
    /// recorded an evaluation and two weight snapshots past it.</summary>
    private static void RunKilled(string recording, string checkpoint)
    {
        var killed = Setup(recording, checkpoint);
        using var kill = new CancellationTokenSource();
        killed.Presented = () => { if (killed.Epoch == 2 && killed.Position == 16) kill.Cancel(); };
        Assert.Throws<OperationCanceledException>(() => killed.Run(cancel: kill.Token));
    }

    private static (List<RecordedMetric> Curve, List<(long Step, double[] Values)> Weights) Read(string path)
    {
        using var reader = RecordingReader.Open(path);
        Assert.True(reader.IsComplete);
        return ([.. reader.ReadMetric("weight mean")], [.. reader.ReadWeights("input->output").Select(w => (w.Step, w.Values))]);
    }

    [Fact]
    public void A_run_killed_in_epoch_3_and_resumed_from_its_epoch_2_checkpoint_continues_its_recording_into_the_whole_run()
    {
        Setup(File("whole.dnr"), File("whole.ckpt")).Run();
        var whole = Read(File("whole.dnr"));

        RunKilled(File("run.dnr"), File("run.ckpt"));
        var atKill = Read(File("run.dnr"));
        Assert.Equal([12L, 24, 36, 48, 60, 72, 84, 96], atKill.Curve.Select(p => p.Samples)); // past the checkpoint at 80: 84, 96

        var resumed = Setup(File("run.dnr"), File("run.ckpt"));
        resumed.ResumeFrom(File("run.ckpt"));
        resumed.Run();
        var end = Read(File("run.dnr"));

        // The curve covers all three epochs, once each point: what the killed run recorded past its checkpoint was dropped.
        Assert.Equal([12L, 24, 36, 48, 60, 72, 84, 96, 108, 120], end.Curve.Select(p => p.Samples));
        Assert.Equal(whole.Curve, end.Curve);
        Assert.Equal(whole.Weights.Select(w => w.Step), end.Weights.Select(w => w.Step));
        for (int k = 0; k < whole.Weights.Count; k++) Assert.Equal(whole.Weights[k].Values, end.Weights[k].Values);
        Assert.Equal(16, end.Weights.Count); // the start, then every 8 of 120 samples
    }

    [Fact]
    public void A_resumed_run_whose_recording_is_missing_begins_a_new_one_with_the_curve_so_far()
    {
        Setup(File("whole.dnr"), File("whole.ckpt")).Run();
        var whole = Read(File("whole.dnr"));
        RunKilled(File("run.dnr"), File("run.ckpt"));

        var resumed = Setup(File("new.dnr"), File("run.ckpt"));
        resumed.ResumeFrom(File("run.ckpt"));
        resumed.Run();
        var end = Read(File("new.dnr"));
        Assert.Equal(whole.Curve, end.Curve); // the earlier points at the steps they were measured
        // The weights from the resume on: the snapshots of epoch 3, the resume's own first.
        Assert.Equal(whole.Weights.Where(w => w.Step > end.Weights[0].Step).Select(w => w.Step), end.Weights.Skip(1).Select(w => w.Step));
    }

    [Fact]
    public void A_resumed_run_refuses_to_continue_the_recording_of_another_run()
    {
        RunKilled(File("run.dnr"), File("run.ckpt"));
        var resumed = Setup(File("run.dnr"), File("run.ckpt"), metric: "accuracy");
        resumed.ResumeFrom(File("run.ckpt"));
        var error = Assert.Throws<TrainingException>(() => resumed.Run());
        Assert.Contains("records another training run (its metrics are weight mean, this run's accuracy)", error.Message);
    }
}

using Dendra.Learning.Datasets;
using Dendra.Learning.Encoders;
using Dendra.Learning.Training;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using Dendra.Simulator.Monitors;

namespace Dendra.Learning.Tests.Training;

/// <summary>
/// The rest between presentations: the input goes silent and the network runs, so a leaky unit decays by exactly
/// exp(−rest/τ); or its state is set back to where training began, without running or after running.
/// </summary>
public sealed class RestTests : IDisposable
{
    private const double Dt = 1e-3, Tau = 5e-3, Shown = 20e-3, Rested = 10e-3, Start = 0.25;

    private readonly string _folder = Directory.CreateTempSubdirectory("dendra-rest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>One clamped input driving two leaky units (weights 2 and 3, τ = 5 ms, integrated exactly) that start at v = 0.25.</summary>
    private static (Trainer Trainer, Population Input, Population Leaky, StateMonitor Monitor) Setup(Presentation presentation, int epochs = 1, string? checkpoint = null)
    {
        var net = new Network(dt: Dt, seed: 2);
        var input = net.AddPopulation("input", 1, new NeuronModel("Rate-Input", "").WithState("r"));
        var leaky = net.AddPopulation("leaky", 2, new NeuronModel("Leaky", "dv/dt = (I - v)/tau").WithParameter("tau", Tau).WithInput("I").WithMethod(Integrator.Exact));
        leaky.Initialize("v", Start);
        net.ConnectRate(input, leaky, "r", "I", new double[,] { { 2 }, { 3 } }, "input->leaky");
        var monitor = net.MonitorState(leaky, "v", [0, 1]);
        var data = new LabeledSet([0.5f, 0.8f], [0, 1], 1, 2);
        var trainer = new Trainer(net, new RateEncoder(input), data) { Epochs = epochs, Presentation = presentation, CheckpointPath = checkpoint };
        return (trainer, input, leaky, monitor);
    }

    /// <summary>v of each unit at the last step of the presentation just shown.</summary>
    private static double[] AtEndOfPresentation(StateMonitor monitor, PresentationSteps shown)
    {
        int last = monitor.Steps.ToList().IndexOf(shown.End - 1);
        return [.. monitor.Sample(last)];
    }

    [Fact]
    public void A_rest_that_runs_silences_the_input_and_lets_the_units_decay_by_exp_of_minus_rest_over_tau()
    {
        var (trainer, input, leaky, monitor) = Setup(Presentation.For(Shown, rest: Rested));
        var after = new List<(double[] End, double[] Rested, long Step, PresentationSteps Shown)>();
        trainer.Presented = () => after.Add((AtEndOfPresentation(monitor, trainer.LastPresentation), leaky.Get("v"), leaky.Network.Step, trainer.LastPresentation));
        trainer.Run();

        Assert.Equal(2, after.Count);
        foreach (var (end, rested, step, shown) in after)
        {
            Assert.Equal(shown.End + 10, step);                                  // the rest ran 10 steps
            Assert.True(end[1] > 0.5, $"v = {end[1]} at the end of the presentation: the input drove it"); // 3 × 0.5 or 3 × 0.8, approached over 4 τ
            for (int n = 0; n < 2; n++) Assert.Equal(end[n] * Math.Exp(-Rested / Tau), rested[n], end[n] * 1e-5);
        }
        Assert.Equal([0.0], input.Get("r"));                                     // silent during the rest
    }

    [Fact]
    public void A_rest_that_resets_sets_the_state_back_to_the_start_without_running()
    {
        var (trainer, _, leaky, _) = Setup(Presentation.For(Shown, restMode: RestMode.Reset));
        var after = new List<(double[] V, long Step, PresentationSteps Shown)>();
        trainer.Presented = () => after.Add((leaky.Get("v"), leaky.Network.Step, trainer.LastPresentation));
        trainer.Run();

        Assert.Equal(2, after.Count);
        Assert.All(after, a => Assert.Equal([Start, Start], a.V));
        Assert.All(after, a => Assert.Equal(a.Shown.End, a.Step));               // no simulated time passed
        Assert.Equal(new PresentationSteps(20, 40), after[1].Shown);
    }

    [Fact]
    public void A_rest_that_runs_then_resets_runs_for_the_rest_and_then_sets_the_state_back()
    {
        var (trainer, _, leaky, monitor) = Setup(Presentation.For(Shown, rest: Rested, restMode: RestMode.RunThenReset));
        var after = new List<(double[] V, double Decayed, long Step, PresentationSteps Shown, int Label)>();
        trainer.Presented = () => after.Add((leaky.Get("v"), monitor.Sample(monitor.Count - 1)[0], leaky.Network.Step, trainer.LastPresentation, trainer.CurrentLabels[0]));
        trainer.Run();

        Assert.Equal(2, after.Count);
        double e = Math.Exp(-Dt / Tau);
        foreach (var a in after)
        {
            Assert.Equal([Start, Start], a.V);
            Assert.Equal(a.Shown.End + 10, a.Step);
            // The rest did run: its last sample had decayed from the presentation's end by exp(−rest/τ).
            Assert.Equal(AtEndOfPresentation(monitor, a.Shown)[0] * Math.Exp(-Rested / Tau), a.Decayed, 1e-5);
            // Each presentation starts from v = 0.25: after its first step, v = I + (0.25 − I) e, with I = 2 × the sample (label 0: 0.5, 1: 0.8).
            double drive = 2 * (a.Label == 0 ? 0.5 : 0.8);
            Assert.Equal(drive + (Start - drive) * e, monitor.Sample(monitor.Steps.ToList().IndexOf(a.Shown.First))[0], 6);
        }
    }

    [Fact]
    public void A_rest_with_a_mode_that_does_not_fit_its_duration_is_refused()
    {
        Assert.Contains("cannot last 0.01 s: give rest 0, or RestMode.RunThenReset",
            Assert.Throws<ArgumentException>(() => Presentation.For(Shown, rest: Rested, restMode: RestMode.Reset)).Message);
        Assert.Contains("needs a duration above 0 s",
            Assert.Throws<ArgumentException>(() => Presentation.For(Shown, restMode: RestMode.RunThenReset)).Message);
        Assert.False(Presentation.For(Shown).HasRest);
        Assert.True(Presentation.For(Shown, restMode: RestMode.Reset).HasRest);
    }

    [Fact]
    public void A_reset_rest_resumed_from_a_checkpoint_without_a_start_state_is_refused()
    {
        string path = Path.Combine(_folder, "run.ckpt");
        Setup(Presentation.For(Shown, rest: Rested), epochs: 1, checkpoint: path).Trainer.Run();
        var (resumed, _, _, _) = Setup(Presentation.For(Shown, restMode: RestMode.Reset), epochs: 2);
        resumed.ResumeFrom(path);
        Assert.StartsWith("a rest that resets the network's state (Reset) sets it back to where training began, but this run resumed from a checkpoint that holds no such state",
            Assert.Throws<TrainingException>(() => resumed.Run()).Message);
    }

    [Fact]
    public void A_network_whose_only_state_is_its_input_resumes_a_resetting_run_from_its_checkpoint()
    {
        // Nothing but the input to set back: the checkpoint holds an empty start state, which is not a missing one.
        Trainer InputOnly(string checkpoint, int epochs)
        {
            var net = new Network(dt: Dt, seed: 2);
            var input = net.AddPopulation("input", 1, new NeuronModel("Rate-Input", "").WithState("r"));
            var data = new LabeledSet([0.5f, 0.8f], [0, 1], 1, 2);
            return new Trainer(net, new RateEncoder(input), data)
            { Epochs = epochs, Presentation = Presentation.For(Shown, restMode: RestMode.Reset), CheckpointPath = checkpoint };
        }
        string path = Path.Combine(_folder, "input-only.ckpt");
        InputOnly(path, epochs: 1).Run();
        var resumed = InputOnly(path, epochs: 2);
        resumed.ResumeFrom(path);
        Assert.Equal(1, resumed.Epoch);
        resumed.Run();
        Assert.Equal(2, resumed.Epoch);
    }
}

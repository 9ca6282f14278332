using Dendra.Cli.Commands;
using Dendra.Cli.Reporting;
using Dendra.Cli.Scripting;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;

namespace Dendra.Cli.Compare;

/// <summary>What one population recorded in one variant: its spikes and the first state variable of a few neurons.</summary>
/// <param name="Name">Population name (prefixed by the network number when the script runs several networks).</param>
/// <param name="Size">Number of neurons.</param>
/// <param name="Spikes">All spikes of the population during the run.</param>
/// <param name="State">The first state variable of up to 10 neurons, when the model has one.</param>
internal sealed record RecordedPopulation(string Name, int Size, SpikeMonitor Spikes, StateMonitor? State)
{
    /// <summary>Spike times of each neuron, sorted, in seconds.</summary>
    public double[][] Trains()
    {
        var lists = new List<double>[Size];
        for (int n = 0; n < Size; n++) lists[n] = [];
        double dt = Spikes.Population.Network.Dt;
        for (int k = 0; k < Spikes.Count; k++) lists[Spikes.Neurons[k]].Add(Spikes.Steps[k] * dt);
        return lists.Select(l => { var a = l.ToArray(); Array.Sort(a); return a; }).ToArray();
    }
}

/// <summary>The outcome of running the script once with a variant applied.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Populations">What each population recorded.</param>
/// <param name="BuildSeconds">Wall time of building the networks.</param>
/// <param name="RunSeconds">Wall time of simulating them.</param>
/// <param name="SimulatedSeconds">Simulated time (of the first network).</param>
/// <param name="Dt">Time step of the first network.</param>
/// <param name="Seed">Seed of the first network, or of the first learner's training when the script runs no network.</param>
/// <param name="Learned">The learners the script trained with <c>Learn(...)</c>, in order.</param>
internal sealed record VariantRun(ComparisonVariant Variant, IReadOnlyList<RecordedPopulation> Populations,
    double BuildSeconds, double RunSeconds, double SimulatedSeconds, double Dt, ulong Seed, IReadOnlyList<Dendra.Learning.Learners.LearnerRun> Learned)
{
    /// <summary>Most neurons whose state is recorded per population.</summary>
    public const int TracedNeurons = 10;

    /// <summary>
    /// Runs the script of <paramref name="settings"/> with <paramref name="variant"/> applied to every network before it is
    /// built, recording what is needed; the script's own console output is dropped. Returns the run, or the exit code
    /// of a failure (already reported on <paramref name="error"/>).
    /// </summary>
    public static (VariantRun? Run, int ExitCode) Execute(RunSettings settings, ComparisonVariant variant, TextWriter error)
    {
        var networks = new List<Network>();
        var learned = new List<Dendra.Learning.Learners.LearnerRun>();
        var recorded = new Dictionary<Network, List<(Population P, SpikeMonitor S, StateMonitor? V)>>();
        double build = 0, run = 0;

        void BeforeBuild(Network net)
        {
            variant.Configure(net);
            if (net.BatchSize > 1)
                throw new InvalidOperationException($"dendra compare compares the spikes and traces of one network, and this one runs a batch of {net.BatchSize} instances: run it with BatchSize = 1 to compare variants");
            var list = new List<(Population, SpikeMonitor, StateMonitor?)>();
            foreach (var p in net.Populations)
            {
                var spikes = net.SpikeMonitors.FirstOrDefault(m => m.Population == p && m.RecordsAllNeurons) ?? net.MonitorSpikes(p);
                StateMonitor? state = null;
                if (p.Model.StateVariables.FirstOrDefault() is { } variable)
                    state = net.MonitorState(p, variable, Enumerable.Range(0, Math.Min(TracedNeurons, p.Size)));
                list.Add((p, spikes, state));
            }
            recorded[net] = list;
        }

        void AfterRun(Network net, double b, double r)
        {
            if (!recorded.ContainsKey(net))
                throw new InvalidOperationException("dendra compare cannot apply its variants: the network was built before Run(net, ...) was called; let Run build it (remove net.Build() / net.Run(...) before it)");
            if (!networks.Contains(net)) networks.Add(net);
            build += b;
            run += r;
        }

        var reporter = new RunReporter(TextWriter.Null, TextWriter.Null, quiet: true);
        var console = Console.Out;
        int exit;
        try
        {
            Console.SetOut(TextWriter.Null);
            exit = new ScriptHost(error).Run(settings with { Variant = variant.ScriptVariant }, reporter, g => { g.BeforeBuild = BeforeBuild; g.AfterRun = AfterRun; g.AfterLearn = learned.Add; });
        }
        finally
        {
            Console.SetOut(console);
        }
        if (exit != ExitCodes.Success) return (null, exit);
        if (networks.Count == 0 && learned.Count == 0)
            throw new UsageException("the script never calls Run(net, duration) nor Learn(learner, train, evaluation, schedule): there is nothing to compare");
        if (networks.Count == 0)
            return (new VariantRun(variant, [], 0, 0, 0, 0, (ulong)learned[0].Seed, learned), ExitCodes.Success);

        var populations = new List<RecordedPopulation>();
        for (int k = 0; k < networks.Count; k++)
        {
            foreach (var (p, s, v) in recorded[networks[k]])
                populations.Add(new RecordedPopulation(networks.Count > 1 ? $"{k + 1}:{p.Name}" : p.Name, p.Size, s, v));
        }
        var first = networks[0];
        return (new VariantRun(variant, populations, build, run, first.Time, first.Dt, first.Seed, learned), ExitCodes.Success);
    }
}

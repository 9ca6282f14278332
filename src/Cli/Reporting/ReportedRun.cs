using System.Diagnostics;
using Dendra.Simulator.Graph;

namespace Dendra.Cli.Reporting;

/// <summary>
/// Builds a network if it is not built yet, runs it with progress, and reports the summary: the one sequence
/// that <c>dendra run</c> scripts and <c>dendra demo</c> share.
/// </summary>
internal static class ReportedRun
{
    /// <summary>Runs <paramref name="net"/> for <paramref name="duration"/> seconds and returns (and prints) its summary.</summary>
    /// <param name="net">The network.</param>
    /// <param name="duration">Simulated seconds.</param>
    /// <param name="reporter">Where progress and the summary go.</param>
    /// <param name="simulate">How to run it (a live window, offscreen frames); null for <c>net.Run</c>.</param>
    public static RunSummary Execute(Network net, double duration, RunReporter reporter, Action<Network, double, Action<RunProgress>>? simulate = null)
    {
        var before = net.Populations.ToDictionary(p => p, p => p.SpikeCount);

        double buildSeconds = 0;
        if (!net.IsBuilt)
        {
            var buildClock = Stopwatch.StartNew();
            net.Build();
            buildSeconds = buildClock.Elapsed.TotalSeconds;
            reporter.NetworkBuilt(net, buildClock.Elapsed);
        }

        long startStep = net.Step;
        long steps = Clock.StepOf(duration, net.Dt);
        reporter.RunStarting(duration, steps, net.Dt);
        var runClock = Stopwatch.StartNew();
        if (simulate is null) net.Run(duration, reporter.Progress);
        else simulate(net, duration, reporter.Progress);
        var runSeconds = runClock.Elapsed.TotalSeconds;

        // A live window closed early ends the run before all steps ran: report what did run.
        steps = net.Step - startStep;
        double simulated = steps * net.Dt;
        var rows = net.Populations.Select(p =>
        {
            long spikes = p.SpikeCount - before[p];
            double? rate = simulated > 0 ? spikes / (p.Size * simulated) : null;
            return new PopulationSummary(p.Name, p.Size, spikes, rate);
        }).ToList();
        var summary = new RunSummary(simulated, steps, net.Dt, buildSeconds, runSeconds, rows) { Threads = net.Threads, Precision = net.Precision, Backend = net.BackendDescription, BatchSize = net.BatchSize };
        reporter.RunFinished(summary);
        return summary;
    }
}

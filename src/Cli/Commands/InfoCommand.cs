using System.CommandLine;
using System.Globalization;
using Dendra.Cli.Parsing;
using Dendra.Simulator.Recording;

namespace Dendra.Cli.Commands;

/// <summary><c>dendra info FILE</c>: what a recording holds.</summary>
internal static class InfoCommand
{
    /// <summary>Example lines shown by <c>dendra info --help</c>.</summary>
    public static readonly string[] Examples = ["dendra info run.dnr"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The recording (.dnr)." };
        var command = new Command("info", "Summarize a recording: network, duration, size, spikes per population, what was recorded, and whether it was cut short.")
        {
            file,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetRequiredValue(file)));
        return command;
    }

    private static int Run(CliContext context, string path)
    {
        using var recording = RecordingFiles.Open(path);
        var h = recording.Header;
        var o = context.Out;
        void Line(FormattableString s) => o.WriteLine(s.ToString(CultureInfo.InvariantCulture));

        Line($"recording: {path} ({recording.FileLength:N0} bytes), format {RecordingFormat.Version}, written by Dendra {h.DendraVersion}");
        Line($"network:   {h.Populations.Length} populations, {h.Projections.Length} projections; {h.Precision}, dt {Quantity.FormatTime(h.Dt)}, seed {h.Seed}, backend {h.Backend}");
        if (h.Learner.Length > 0) Line($"learner:   {h.Learner}");
        Line($"started:   {h.StartTime} at step {h.StartStep}");
        Line($"covers:    {Quantity.FormatTime(recording.Duration)} ({recording.StepCount} steps from step {recording.FirstStep}) in {recording.Chunks.Count} chunks");
        Line($"state:     {(recording.IsComplete ? "complete" : "CUT SHORT: the run stopped before the recording was closed; everything up to the last whole chunk is readable")}");
        o.WriteLine();
        Line($"{"population",-16} {"size",8} {"model",-16} {"spikes",12} {"rate (Hz)",10}");
        for (int k = 0; k < h.Populations.Length; k++)
        {
            var p = h.Populations[k];
            bool recorded = h.SpikeStreams.Contains(k);
            long spikes = recorded ? recording.SpikeCount(p.Name) : 0;
            string count = recorded ? spikes.ToString("N0", CultureInfo.InvariantCulture) : "-";
            string rate = recorded && recording.Duration > 0 ? (spikes / (p.Size * recording.Duration)).ToString("0.00", CultureInfo.InvariantCulture) : "-";
            Line($"{p.Name,-16} {p.Size,8} {p.Model,-16} {count,12} {rate,10}");
        }
        foreach (var pr in h.Projections)
            Line($"projection {pr.Name}: {h.Populations[pr.Pre].Name} → {h.Populations[pr.Post].Name}, {pr.SynapseCount:N0} synapses of {pr.Synapse}");
        foreach (var rp in h.RateProjections)
            Line($"rate projection {rp.Name}: {h.Populations[rp.Pre].Name} → {h.Populations[rp.Post].Name}, {rp.PostCount} × {rp.PreCount} weights{(rp.Rule.Length > 0 ? $", learning by {rp.Rule}" : "")}");
        o.WriteLine();
        o.WriteLine("recorded:");
        Line($"  spikes:  {Names(h.SpikeStreams.Select(i => h.Populations[i].Name))}");
        Line($"  rates:   {Names(h.RateStreams.Select(i => h.Populations[i].Name))}");
        Line($"  state:   {Names(h.StateStreams.Select(s => $"{h.Populations[s.Population].Name}.{s.Variable} ({s.Neurons.Length} neurons, every {s.Every} steps)"))}");
        Line($"  weights: {Names(h.WeightStreams.Select(w => $"{h.ProjectionOf(w)}.{w.Variable} (every {w.Every} steps)"))}");
        Line($"  metrics: {Names(h.MetricStreams.Select((m, k) => $"{m} ({recording.Chunks.Count(c => c.Kind == ChunkKind.Metric && c.Stream == k)} values)"))}");
        Line($"  markers: {recording.Chunks.Count(c => c.Kind == ChunkKind.Marker)}");
        return ExitCodes.Success;
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}

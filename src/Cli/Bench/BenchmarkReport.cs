using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dendra.Cli.Bench;

/// <summary>How <c>dendra bench</c> prints its results.</summary>
internal enum BenchmarkFormat
{
    /// <summary>Aligned text, one column per case.</summary>
    Table,

    /// <summary>A Markdown table, to paste into docs/benchmarks.md.</summary>
    Markdown,

    /// <summary>One JSON object per line, for scripts.</summary>
    Json,
}

/// <summary>Writes benchmark results as a terminal table, Markdown or JSON lines.</summary>
internal static class BenchmarkReport
{
    private static readonly string[] Headers =
        ["network", "N", "synapses", "precision", "threads", "backend", "build (s)", "run (s)", "× real time", "steps/s", "events/s", "neuron updates/s", "rate (Hz)", "heap B/syn", "peak RSS (MB)"];

    /// <summary>Writes <paramref name="results"/> to <paramref name="output"/> in <paramref name="format"/>.</summary>
    public static void Write(TextWriter output, IReadOnlyList<BenchmarkResult> results, BenchmarkFormat format)
    {
        switch (format)
        {
            case BenchmarkFormat.Json:
                foreach (var r in results) output.WriteLine(Json(r));
                break;
            case BenchmarkFormat.Markdown:
                output.WriteLine($"| {string.Join(" | ", Headers)} |");
                output.WriteLine($"|{string.Concat(Headers.Select((_, k) => k < 6 ? "---|" : "---:|"))}");
                foreach (var r in results) output.WriteLine($"| {string.Join(" | ", Cells(r))} |");
                break;
            default:
                // One column per case, one row per measure: a few sizes side by side fit a terminal.
                var columns = results.Select(Cells).ToList();
                var labelWidth = Headers.Max(h => h.Length);
                var widths = columns.Select(c => c.Max(x => x.Length)).ToList();
                for (int row = 0; row < Headers.Length; row++)
                    output.WriteLine((Headers[row].PadRight(labelWidth) + string.Concat(columns.Select((c, k) => "  " + c[row].PadLeft(widths[k])))).TrimEnd());
                break;
        }
    }

    /// <summary>One line of progress, written while the cases run.</summary>
    public static string Line(BenchmarkResult r) => Invariant(
        $"{r.Case.Network} N={r.Case.Neurons}: {r.RunSeconds:0.000} s for {r.Case.Duration:0.###} s simulated, {r.StepsPerSecond:0} steps/s, {r.EventsPerSecond / 1e6:0.0} M events/s, {r.RateHz:0.00} Hz");

    private static string[] Cells(BenchmarkResult r) =>
    [
        r.Case.Network,
        Invariant($"{r.Case.Neurons}"),
        Invariant($"{r.Synapses}"),
        r.Case.Precision.ToString().ToLowerInvariant(),
        Invariant($"{r.Case.Threads}"),
        // "opencl: device (platform)": the platform is the same for every row, the device is what matters.
        r.Backend.Split(" (")[0],
        Invariant($"{r.BuildSeconds:0.000}"),
        Invariant($"{r.RunSeconds:0.000}"),
        Invariant($"{r.RealTimeFactor:0.00}"),
        Invariant($"{r.StepsPerSecond:0}"),
        Invariant($"{r.EventsPerSecond / 1e6:0.0} M"),
        Invariant($"{r.NeuronUpdatesPerSecond / 1e6:0.0} M"),
        Invariant($"{r.RateHz:0.00}"),
        Invariant($"{r.HeapBytesPerSynapse:0.00}"),
        Invariant($"{r.PeakRssBytes / 1e6:0}"),
    ];

    private static string Json(BenchmarkResult r)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("network", r.Case.Network);
            json.WriteNumber("n", r.Case.Neurons);
            json.WriteNumber("synapses", r.Synapses);
            json.WriteString("precision", r.Case.Precision.ToString().ToLowerInvariant());
            json.WriteNumber("threads", r.Case.Threads);
            json.WriteString("backend", r.Backend);
            json.WriteNumber("seed", r.Case.Seed);
            json.WriteNumber("duration_s", r.Case.Duration);
            json.WriteNumber("steps", r.Steps);
            json.WriteNumber("spikes", r.Spikes);
            json.WriteNumber("build_s", r.BuildSeconds);
            json.WriteNumber("run_s", r.RunSeconds);
            json.WriteNumber("steps_per_s", r.StepsPerSecond);
            json.WriteNumber("events_per_s", r.EventsPerSecond);
            json.WriteNumber("neuron_updates_per_s", r.NeuronUpdatesPerSecond);
            json.WriteNumber("rate_hz", r.RateHz);
            json.WriteNumber("heap_bytes_per_synapse", r.HeapBytesPerSynapse);
            json.WriteNumber("peak_rss_bytes", r.PeakRssBytes);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

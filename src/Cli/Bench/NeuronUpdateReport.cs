using System.Globalization;
using System.Text;
using System.Text.Json;
using Dendra.Simulator.Backends;

namespace Dendra.Cli.Bench;

/// <summary>Writes the neuron-update measurements and the copy bandwidth they are compared with, after the main table.</summary>
internal static class NeuronUpdateReport
{
    private static readonly string[] Headers =
        ["network", "N", "precision", "backend", "bytes/neuron/step", "run (s)", "steps/s", "neuron updates/s", "GB/s", "copy GB/s", "% of copy"];

    /// <summary>Writes <paramref name="results"/>, each against the copy bandwidth of the memory it ran in (<paramref name="copyOf"/>).</summary>
    public static void Write(TextWriter output, IReadOnlyList<NeuronUpdateResult> results, Func<NeuronUpdateResult, CopyMeasurement> copyOf, BenchmarkFormat format)
    {
        var copies = results.Select(copyOf).Distinct().ToList();
        switch (format)
        {
            case BenchmarkFormat.Json:
                foreach (var copy in copies) output.WriteLine(Json(copy));
                foreach (var r in results) output.WriteLine(Json(r, copyOf(r)));
                break;
            case BenchmarkFormat.Markdown:
                output.WriteLine();
                output.WriteLine($"| {string.Join(" | ", Headers)} |");
                output.WriteLine($"|{string.Concat(Headers.Select((_, k) => k < 4 ? "---|" : "---:|"))}");
                foreach (var r in results) output.WriteLine($"| {string.Join(" | ", Cells(r, copyOf(r)))} |");
                output.WriteLine();
                foreach (var copy in copies) output.WriteLine($"- {Line(copy)}");
                break;
            default:
                output.WriteLine();
                output.WriteLine("neuron update alone (no synapses):");
                var columns = results.Select(r => Cells(r, copyOf(r))).ToList();
                var labelWidth = Headers.Max(h => h.Length);
                var widths = columns.Select(c => c.Max(x => x.Length)).ToList();
                for (int row = 0; row < Headers.Length; row++)
                    output.WriteLine((Headers[row].PadRight(labelWidth) + string.Concat(columns.Select((c, k) => "  " + c[row].PadLeft(widths[k])))).TrimEnd());
                foreach (var copy in copies) output.WriteLine(Line(copy));
                break;
        }
    }

    /// <summary>One line of progress for a neuron-update run.</summary>
    public static string Line(NeuronUpdateResult r) => Invariant(
        $"{r.Case.Network} N={r.Case.Neurons}, no synapses: {r.RunSeconds:0.000} s, {r.StepsPerSecond:0} steps/s, {r.Traffic.TotalBytes} B/neuron/step, {r.BytesPerSecond / 1e9:0.00} GB/s");

    /// <summary>One line describing a copy-bandwidth measurement.</summary>
    public static string Line(CopyMeasurement copy) => Invariant(
        $"copy bandwidth of {copy.Memory}: {copy.BytesPerSecond / 1e9:0.00} GB/s (a {copy.BytesPerCopy / 2 >> 20} MiB buffer copied, read + written, best of {NeuronUpdateBenchmark.CopyRepeats})");

    private static string[] Cells(NeuronUpdateResult r, CopyMeasurement copy) =>
    [
        r.Case.Network,
        Invariant($"{r.Case.Neurons}"),
        r.Case.Precision.ToString().ToLowerInvariant(),
        r.Backend.Split(" (")[0],
        Invariant($"{r.Traffic.TotalBytes} ({r.Traffic.ReadBytes} + {r.Traffic.WrittenBytes})"),
        Invariant($"{r.RunSeconds:0.000}"),
        Invariant($"{r.StepsPerSecond:0}"),
        Invariant($"{r.NeuronUpdatesPerSecond / 1e6:0.0} M"),
        Invariant($"{r.BytesPerSecond / 1e9:0.00}"),
        Invariant($"{copy.BytesPerSecond / 1e9:0.00}"),
        Invariant($"{100 * r.BytesPerSecond / copy.BytesPerSecond:0}%"),
    ];

    private static string Json(NeuronUpdateResult r, CopyMeasurement copy) => Object(json =>
    {
        json.WriteString("kind", "neuron_update");
        json.WriteString("network", r.Case.Network);
        json.WriteNumber("n", r.Case.Neurons);
        json.WriteString("precision", r.Case.Precision.ToString().ToLowerInvariant());
        json.WriteNumber("threads", r.Case.Threads);
        json.WriteString("backend", r.Backend);
        json.WriteNumber("read_bytes_per_neuron_step", r.Traffic.ReadBytes);
        json.WriteNumber("written_bytes_per_neuron_step", r.Traffic.WrittenBytes);
        json.WriteNumber("steps", r.Steps);
        json.WriteNumber("run_s", r.RunSeconds);
        json.WriteNumber("steps_per_s", r.StepsPerSecond);
        json.WriteNumber("neuron_updates_per_s", r.NeuronUpdatesPerSecond);
        json.WriteNumber("bytes_per_s", r.BytesPerSecond);
        json.WriteNumber("copy_bytes_per_s", copy.BytesPerSecond);
        json.WriteNumber("fraction_of_copy", r.BytesPerSecond / copy.BytesPerSecond);
    });

    private static string Json(CopyMeasurement copy) => Object(json =>
    {
        json.WriteString("kind", "copy_bandwidth");
        json.WriteString("memory", copy.Memory);
        json.WriteNumber("bytes_per_copy", copy.BytesPerCopy);
        json.WriteNumber("best_s", copy.BestSeconds);
        json.WriteNumber("bytes_per_s", copy.BytesPerSecond);
    });

    private static string Object(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

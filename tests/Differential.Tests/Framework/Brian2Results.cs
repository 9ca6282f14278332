using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Dendra.Differential.Tests.Framework;

/// <summary>
/// Every case run once in Brian2: the generated script is written next to the test assembly (so a failing case can be
/// rerun by hand), run with the system Python, and its JSON read back.
/// </summary>
internal sealed class Brian2Results
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, JsonElement> _byCase;

    private Brian2Results(string scriptPath, Dictionary<string, JsonElement> byCase)
    {
        ScriptPath = scriptPath;
        _byCase = byCase;
    }

    /// <summary>The generated script, for running a case by hand.</summary>
    public string ScriptPath { get; }

    public static Brian2Results Run(IReadOnlyList<DifferentialCase> cases)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "brian2");
        Directory.CreateDirectory(folder);
        var script = Path.Combine(folder, "differential_cases.py");
        var results = Path.Combine(folder, "results.json");
        File.WriteAllText(script, BrianScript.For(cases));
        // Brian2 reads preferences from the working directory at import: no log file, and no copy of the script, in the
        // temporary folder (Brian2 leaves both there after an error).
        File.WriteAllText(Path.Combine(folder, "brian_preferences"), "logging.file_log = False\nlogging.save_script = False\n");
        File.Delete(results);

        var start = new ProcessStartInfo(Brian2Installation.Python, [script, results])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Brian2Installation.Python}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Brian2 did not run the differential cases within {Patience.TotalMinutes} minutes ({script})");
        }
        if (process.ExitCode != 0 || !File.Exists(results))
            throw new InvalidOperationException(
                $"Brian2's script {script} exited with {process.ExitCode}:\n{Tail(output.Result)}\n{Tail(error.Result)}");

        using var json = JsonDocument.Parse(File.ReadAllText(results));
        var byCase = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        return new Brian2Results(script, byCase);
    }

    /// <summary>What Brian2 recorded for <paramref name="c"/>; throws with Brian2's traceback when its code failed.</summary>
    public SimulationOutput For(DifferentialCase c)
    {
        if (!_byCase.TryGetValue(c.Name, out var result))
            throw new InvalidOperationException($"Brian2's results have no case '{c.Name}' ({ScriptPath})");
        if (result.TryGetProperty("error", out var error))
            throw new InvalidOperationException($"Brian2 could not run case '{c.Name}' ({ScriptPath}):\n{error.GetString()}");

        return new SimulationOutput(
            result.GetProperty("spikes").EnumerateObject().ToDictionary(g => g.Name, g => (IReadOnlyList<SpikeEvent>)g.Value.EnumerateArray()
                .Select(s => new SpikeEvent(s[0].GetInt32(), s[1].GetInt64())).Order().ToList()),
            result.GetProperty("traces").EnumerateObject().ToDictionary(t => t.Name, t => Rows(t.Value)),
            result.GetProperty("synapse_traces").EnumerateObject().ToDictionary(t => t.Name, t => SynapseTrace.Sorted(
                Integers(t.Value.GetProperty("pre")), Integers(t.Value.GetProperty("post")), Rows(t.Value.GetProperty("values")))),
            result.GetProperty("rates").EnumerateObject().ToDictionary(r => r.Name, r => Doubles(r.Value)),
            result.GetProperty("rate_bins").EnumerateObject().ToDictionary(r => r.Name, r => Doubles(r.Value)));
    }

    private static double[][] Rows(JsonElement rows) => rows.EnumerateArray().Select(Doubles).ToArray();

    private static int[] Integers(JsonElement values) => values.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>Numbers exactly as Python wrote them (repr round-trips), and the non-finite ones it wrote as names.</summary>
    private static double[] Doubles(JsonElement values) => values.EnumerateArray()
        .Select(v => v.ValueKind == JsonValueKind.String ? double.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetDouble())
        .ToArray();

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}

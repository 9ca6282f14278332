using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dendra.Differential.Tests.Framework;

/// <summary>
/// Writes the one Python script that runs every case in Brian2: a function per case (fresh scope, numpy code
/// generation, the case's dt, its model, then the monitors and the run), and a main loop that runs them all and writes
/// their recordings as JSON. A case whose Brian2 code fails records its traceback instead, so one bad case fails alone.
/// </summary>
internal static partial class BrianScript
{
    private const string Indent = "    ";

    public static string For(IReadOnlyList<DifferentialCase> cases)
    {
        var script = new StringBuilder(Prelude);
        foreach (var c in cases) AppendCase(script, c);
        script.AppendLine();
        script.AppendLine("CASES = {");
        foreach (var c in cases) script.AppendLine(CultureInfo.InvariantCulture, $"{Indent}{Quote(c.Name)}: {FunctionName(c)},");
        script.AppendLine("}");
        script.Append(Main);
        return script.ToString();
    }

    private static string FunctionName(DifferentialCase c) => "case_" + NotIdentifier().Replace(c.Name, "_");

    private static void AppendCase(StringBuilder script, DifferentialCase c)
    {
        script.AppendLine();
        script.AppendLine();
        script.AppendLine(CultureInfo.InvariantCulture, $"def {FunctionName(c)}():");
        script.AppendLine(Indent + "start_scope()");
        script.AppendLine(CultureInfo.InvariantCulture, $"{Indent}defaultclock.dt = {Number(c.Dt)} * second");
        foreach (var line in c.Brian.Split('\n')) script.AppendLine(line.Trim().Length == 0 ? "" : Indent + line.TrimEnd());

        // Monitors are bound to plain locals because collect() only finds Brian objects that are local variables.
        // StateMonitors run when='end' (last in the step, after synapses and resets), which is when Dendra's monitors
        // sample; order=1000 puts them after anything a case itself schedules at the end.
        var monitors = new List<string>();
        for (int k = 0; k < c.Traces.Count; k++)
        {
            var r = c.Traces[k];
            script.AppendLine(CultureInfo.InvariantCulture,
                $"{Indent}_trace_{k} = StateMonitor({r.Group}, {Quote(r.Variable)}, record=[{string.Join(", ", r.Neurons)}], when='end', order=1000)");
            monitors.Add($"({Quote(r.Key)}, _trace_{k}, {Quote(r.Variable)})");
        }
        for (int k = 0; k < c.SynapseTraces.Count; k++)
        {
            var r = c.SynapseTraces[k];
            script.AppendLine(CultureInfo.InvariantCulture,
                $"{Indent}_synapse_trace_{k} = StateMonitor({r.Synapses}, {Quote(r.Variable)}, record=True, when='end', order=1000)");
        }
        for (int k = 0; k < c.Spikes.Count; k++)
            script.AppendLine(CultureInfo.InvariantCulture, $"{Indent}_spikes_{k} = SpikeMonitor({c.Spikes[k]})");
        for (int k = 0; k < c.Rates.Count; k++)
            script.AppendLine(CultureInfo.InvariantCulture, $"{Indent}_rate_{k} = PopulationRateMonitor({c.Rates[k].Group})");

        script.AppendLine(Indent + "_net = Network(collect())");
        if (c.BrianSchedule is { } schedule)
            script.AppendLine(CultureInfo.InvariantCulture, $"{Indent}_net.schedule = [{string.Join(", ", schedule.Select(Quote))}]");
        script.AppendLine(CultureInfo.InvariantCulture, $"{Indent}_net.run({c.Steps} * defaultclock.dt)");
        script.AppendLine(Indent + "dt = float(defaultclock.dt)");
        script.AppendLine(Indent + "return {");
        script.AppendLine(CultureInfo.InvariantCulture,
            $"{Indent}{Indent}'spikes': {{{string.Join(", ", c.Spikes.Select((g, k) => $"{Quote(g)}: spike_list(_spikes_{k}, dt)"))}}},");
        script.AppendLine(CultureInfo.InvariantCulture,
            $"{Indent}{Indent}'traces': {{{string.Join(", ", c.Traces.Select((r, k) => $"{Quote(r.Key)}: trace(_trace_{k}, {Quote(r.Variable)})"))}}},");
        script.AppendLine(CultureInfo.InvariantCulture,
            $"{Indent}{Indent}'synapse_traces': {{{string.Join(", ", c.SynapseTraces.Select((r, k) => $"{Quote(r.Key)}: synapse_trace({r.Synapses}, _synapse_trace_{k}, {Quote(r.Variable)})"))}}},");
        script.AppendLine(CultureInfo.InvariantCulture,
            $"{Indent}{Indent}'rates': {{{string.Join(", ", c.Rates.Select((r, k) => $"{Quote(r.Group)}: floats(_rate_{k}.rate_)"))}}},");
        script.AppendLine(CultureInfo.InvariantCulture,
            $"{Indent}{Indent}'rate_bins': {{{string.Join(", ", c.Rates.Select((r, k) => $"{Quote(r.Group)}: rate_bins(_rate_{k}.rate_, {r.BinSteps})"))}}},");
        script.AppendLine(Indent + "}");
    }

    /// <summary>A double as Python reads it back bit for bit ("R" is the shortest round-trip form).</summary>
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\W")]
    private static partial Regex NotIdentifier();

    private const string Prelude = """
        # Generated by Dendra's differential tests (tests/Differential.Tests): every case in Brian2, recordings as JSON.
        import json
        import math
        import sys
        import traceback

        import numpy as np
        from brian2 import *

        prefs.codegen.target = 'numpy'


        def floats(values):
            # float64 for JSON: json writes repr(), the shortest text that reads back to the same double; .NET reads the
            # names NaN, Infinity and -Infinity, which JSON has no numbers for.
            out = []
            for x in np.asarray(values, dtype=np.float64).ravel():
                x = float(x)
                if math.isfinite(x):
                    out.append(x)
                else:
                    out.append('NaN' if math.isnan(x) else ('Infinity' if x > 0 else '-Infinity'))
            return out


        def spike_list(monitor, dt):
            # Brian2 records spike times t = step*dt; the step is round(t/dt).
            steps = np.rint(np.asarray(monitor.t_) / dt).astype(np.int64)
            return [[int(i), int(s)] for i, s in zip(np.asarray(monitor.i), steps)]


        def trace(monitor, variable):
            return [floats(row) for row in np.asarray(getattr(monitor, variable + '_'))]


        def synapse_trace(synapses, monitor, variable):
            return {'pre': [int(i) for i in synapses.i[:]], 'post': [int(j) for j in synapses.j[:]],
                    'values': trace(monitor, variable)}


        def rate_bins(rates, per_bin):
            # Each bin is the mean rate over the steps it holds, so a last bin cut short by the end of the run is the
            # mean over its own steps.
            rates = np.asarray(rates)
            return floats([np.mean(rates[k:k + per_bin]) for k in range(0, len(rates), per_bin)])
        """;

    private const string Main = """


        if __name__ == '__main__':
            # python3 differential_cases.py results.json [case ...]: every case, or only those named.
            chosen = sys.argv[2:] or list(CASES)
            results = {}
            for name in chosen:
                case = CASES[name]
                try:
                    results[name] = case()
                except Exception:
                    results[name] = {'error': traceback.format_exc()}
            with open(sys.argv[1], 'w') as out:
                json.dump(results, out)
        """;
}

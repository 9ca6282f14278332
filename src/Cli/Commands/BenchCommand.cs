using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Dendra.Cli.Bench;
using Dendra.Cli.Parsing;
using Dendra.Neurons;
using Dendra.Simulator.Graph;

namespace Dendra.Cli.Commands;

/// <summary>
/// <c>dendra bench</c>: runs the benchmark networks of Brette et al. (2007) at one or more sizes and reports speed
/// (steps/s, synaptic events/s, neuron updates/s) and memory, with no script to write.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Example lines shown by <c>dendra bench --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "dendra bench",
        "dendra bench coba --n 4k,64k,256k --synapses-per-neuron 80 --duration 1s",
        "dendra bench cuba --n 1M --synapses-per-neuron 80 --duration 100ms --precision double --format markdown",
        "dendra bench --repeat 5 --threads 1 --format json > cuba.jsonl",
        "dendra bench cuba --n 4k,64k,256k,1M -k 80 --duration 100ms --backend opencl",
        "dendra bench cuba --n 1M -k 80 --duration 20ms --neuron-update --format markdown",
    ];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var network = new Argument<string>("network")
        {
            Description = $"Which network: {string.Join(", ", Brette2007.Names)} (Brette et al. 2007). Default cuba.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "cuba",
        };
        network.AcceptOnlyFromAmong([.. Brette2007.Names]);
        var sizes = new Option<int[]>("--n", "-n")
        {
            Description = "Numbers of neurons, comma-separated: 4000, 64k, 1M. Default 4000.",
            HelpName = "N,N,...",
            CustomParser = ParseSizes,
        };
        var synapses = new Option<double>("--synapses-per-neuron", "-k")
        {
            Description = "Mean synapses per neuron (p = K/N), as Brian2's speed suite scales the network; 0 keeps the paper's p = 0.02. Default 0.",
            HelpName = "K",
        };
        synapses.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is var k && (k < 0 || !double.IsFinite(k))) r.AddError($"--synapses-per-neuron: must be ≥ 0, got {k.ToString(CultureInfo.InvariantCulture)}");
        });
        var duration = CommonOptions.Time("--duration", "Simulated time of each run: 500ms, 2s. Default 1s.", allowZero: false, alias: "-d");
        var repeat = new Option<int>("--repeat", "-r")
        {
            Description = "Runs per size (each continues the last); the median run time is reported. Default 1.",
            HelpName = "R",
            DefaultValueFactory = _ => 1,
        };
        repeat.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--repeat: must be at least 1");
        });
        var threads = CommonOptions.Threads();
        var precision = CommonOptions.Precision();
        var seed = CommonOptions.Seed("Random seed (connectivity, initial values). Default 1.");
        var backend = CommonOptions.Backend();
        var device = CommonOptions.Device();
        var format = new Option<BenchmarkFormat>("--format", "-f")
        {
            Description = "table (aligned text, one column per size), markdown (one row per size, for docs/benchmarks.md) or json (one object per line).",
            HelpName = "table|markdown|json",
            DefaultValueFactory = _ => BenchmarkFormat.Table,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines; only the results." };
        var neuronUpdate = new Option<bool>("--neuron-update")
        {
            Description = "Also run each size's neuron model with no synapses, and report the bytes its compiled update and threshold " +
                "move per neuron and step, the resulting GB/s, and that as a fraction of the measured copy bandwidth of the " +
                "backend's memory (host, or the OpenCL device).",
        };

        var command = new Command("bench",
            "Measure speed and memory on the Brette et al. (2007) benchmark networks: build time, run time, steps/s, " +
            "synaptic events/s, neuron updates/s, managed heap per synapse and peak RSS. Building is timed apart from running.")
        {
            network, sizes, synapses, duration, repeat, threads, precision, seed, backend, device, format, quiet, neuronUpdate,
        };
        command.SetAction(parseResult =>
        {
            var name = parseResult.GetValue(network) ?? "cuba";
            var cases = (parseResult.GetValue(sizes) is { Length: > 0 } n ? n : [4000]).Select(size => new BenchmarkCase(
                name,
                size,
                parseResult.GetValue(synapses),
                parseResult.GetValue(duration) ?? 1.0,
                parseResult.GetValue(precision) ?? Precision.Single,
                parseResult.GetValue(threads) ?? Environment.ProcessorCount,
                parseResult.GetValue(seed) ?? 1,
                parseResult.GetValue(backend) ?? Backend.Cpu,
                parseResult.GetValue(device))).ToList();
            return Run(context, cases, parseResult.GetValue(repeat), parseResult.GetValue(format), parseResult.GetValue(quiet), parseResult.GetValue(neuronUpdate));
        });
        return command;
    }

    private static int Run(CliContext context, IReadOnlyList<BenchmarkCase> cases, int repeats, BenchmarkFormat format, bool quiet, bool neuronUpdate)
    {
        foreach (var c in cases)
            if (c.SynapsesPerNeuron > c.Neurons)
                throw new UsageException(Invariant($"--synapses-per-neuron {c.SynapsesPerNeuron} is more than the {c.Neurons} neurons of the network"));
        if (!quiet)
            context.Error.WriteLine(Invariant($"{cases[0].Network}: {string.Join(", ", cases.Select(c => c.Neurons))} neurons, {(cases[0].SynapsesPerNeuron > 0 ? $"{cases[0].SynapsesPerNeuron} synapses per neuron" : "p = 0.02")}, {cases[0].Duration} s simulated × {repeats}, {cases[0].Precision.ToString().ToLowerInvariant()}, {cases[0].Threads} threads"));

        var results = new List<BenchmarkResult>();
        foreach (var c in cases)
        {
            var result = Benchmark.Measure(c, repeats);
            results.Add(result);
            if (!quiet) context.Error.WriteLine(BenchmarkReport.Line(result));
        }
        BenchmarkReport.Write(context.Out, results, format);
        if (neuronUpdate) MeasureNeuronUpdates(context, cases, repeats, format, quiet);
        return ExitCodes.Success;
    }

    /// <summary>The neuron update alone at every size, then the copy bandwidth it is compared with (measured last, so
    /// its two large buffers do not count in the peak RSS of the main table).</summary>
    private static void MeasureNeuronUpdates(CliContext context, IReadOnlyList<BenchmarkCase> cases, int repeats, BenchmarkFormat format, bool quiet)
    {
        var updates = new List<NeuronUpdateResult>();
        foreach (var c in cases)
        {
            var result = NeuronUpdateBenchmark.Measure(c, repeats);
            updates.Add(result);
            if (!quiet) context.Error.WriteLine(NeuronUpdateReport.Line(result));
        }
        // One copy measurement per memory the runs used: host, device, or (with --backend auto) both.
        var copies = updates.GroupBy(u => u.RanOnOpenCl).ToDictionary(g => g.Key, g => NeuronUpdateBenchmark.CopyBandwidth(g.First()));
        if (!quiet)
            foreach (var copy in copies.Values) context.Error.WriteLine(NeuronUpdateReport.Line(copy));
        NeuronUpdateReport.Write(context.Out, updates, u => copies[u.RanOnOpenCl], format);
    }

    private static int[] ParseSizes(ArgumentResult result)
    {
        var sizes = new List<int>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Count.TryParse(part, out var n, out var error))
                {
                    result.AddError($"--n: {error}");
                    return [];
                }
                if (n < 5)
                {
                    result.AddError($"--n: {n} is too small; the network needs at least 5 neurons (80% excitatory, 20% inhibitory)");
                    return [];
                }
                sizes.Add(n);
            }
        }
        return [.. sizes];
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

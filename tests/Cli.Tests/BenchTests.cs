using System.Globalization;
using System.Text.Json;
using Dendra.Neurons;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;
using static Dendra.Units;

namespace Dendra.Cli.Tests;

public class BenchTests
{
    [Fact]
    public void Bench_reports_the_spikes_and_synapses_of_the_network_it_names()
    {
        var r = DendraProcess.Run("bench", "coba", "--n", "1k", "--duration", "100ms", "--seed", "3", "--format", "json", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.StdErr);
        using var json = JsonDocument.Parse(r.StdOut.Trim());
        var row = json.RootElement;

        // The same network built through the API with the same seed: bench must have measured exactly this one.
        var net = new Network(0.1 * ms, Precision.Single, seed: 3);
        var p = Brette2007.Coba(net, 1000);
        net.Run(100 * ms);
        long synapses = net.Projections.Sum(pr => pr.SynapseCount);

        Assert.Equal("coba", row.GetProperty("network").GetString());
        Assert.Equal(1000, row.GetProperty("n").GetInt32());
        Assert.Equal(1000, row.GetProperty("steps").GetInt64());
        Assert.Equal(synapses, row.GetProperty("synapses").GetInt64());
        Assert.Equal(p.SpikeCount, row.GetProperty("spikes").GetInt64());

        // Derived rates follow from the raw measurements.
        double runSeconds = row.GetProperty("run_s").GetDouble();
        Assert.Equal(1000 / runSeconds, row.GetProperty("steps_per_s").GetDouble(), 1e-6 * 1000 / runSeconds);
        Assert.Equal(p.SpikeCount * (synapses / 1000.0) / runSeconds, row.GetProperty("events_per_s").GetDouble(), 1e-6 * row.GetProperty("events_per_s").GetDouble() + 1e-9);
        Assert.Equal(p.SpikeCount / 1000.0 / 0.1, row.GetProperty("rate_hz").GetDouble(), 1e-9);
    }

    [Fact]
    public void Bench_scales_the_out_degree_and_writes_one_markdown_row_per_size()
    {
        var r = DendraProcess.Run("bench", "--n", "500,2k", "--synapses-per-neuron", "40", "--duration", "20ms", "--format", "markdown");
        Assert.True(r.ExitCode == 0, r.ToString());
        var rows = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("| cuba |", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        foreach (var (row, n) in rows.Zip(new[] { 500, 2000 }))
        {
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            Assert.Equal(n.ToString(CultureInfo.InvariantCulture), cells[2]);
            // p = 40/N: about 40 synapses per neuron (binomial spread well under 5% at these sizes).
            double perNeuron = long.Parse(cells[3], CultureInfo.InvariantCulture) / (double)n;
            Assert.InRange(perNeuron, 38, 42);
        }
        // Progress lines go to stderr, one per size.
        Assert.Contains("cuba N=500:", r.StdErr, StringComparison.Ordinal);
        Assert.Contains("cuba N=2000:", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_on_opencl_without_a_driver_names_the_missing_driver() =>
        NoOpenClDriver.AssertReported(NoOpenClDriver.Run("bench", "cuba", "--n", "1k", "--duration", "1ms", "--backend", "opencl", "--quiet"));

    [SkippableFact]
    public void Bench_on_opencl_measures_the_same_network_as_on_the_cpu()
    {
        OpenClDriver.Require();
        string[] args = ["bench", "cuba", "--n", "1k", "--duration", "20ms", "--precision", "double", "--format", "json", "--quiet"];
        var cpu = DendraProcess.Run(args);
        var opencl = DendraProcess.Run([.. args, "--backend", "opencl"]);
        Assert.True(cpu.ExitCode == 0, cpu.ToString());
        Assert.True(opencl.ExitCode == 0, opencl.ToString());
        using var a = JsonDocument.Parse(cpu.StdOut.Trim());
        using var b = JsonDocument.Parse(opencl.StdOut.Trim());
        Assert.Equal("cpu", a.RootElement.GetProperty("backend").GetString());
        Assert.StartsWith("opencl: ", b.RootElement.GetProperty("backend").GetString(), StringComparison.Ordinal);
        // In float64 both backends give the same spikes, so the same count.
        Assert.Equal(a.RootElement.GetProperty("synapses").GetInt64(), b.RootElement.GetProperty("synapses").GetInt64());
        Assert.Equal(a.RootElement.GetProperty("spikes").GetInt64(), b.RootElement.GetProperty("spikes").GetInt64());
    }

    [Fact]
    public void Bench_neuron_update_reports_the_compiled_models_bytes_and_their_rate_against_the_copy_bandwidth()
    {
        var r = DendraProcess.Run("bench", "coba", "--n", "1k", "-k", "20", "--duration", "10ms", "--precision", "double",
            "--neuron-update", "--format", "json", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var run = Assert.Single(lines, l => !l.TryGetProperty("kind", out _));
        var copy = Assert.Single(lines, l => l.TryGetProperty("kind", out var k) && k.GetString() == "copy_bandwidth");
        var update = Assert.Single(lines, l => l.TryGetProperty("kind", out var k) && k.GetString() == "neuron_update");

        // The bytes are those the compiled COBA model moves in float64, not a figure kept in the CLI.
        var expected = MemoryTraffic.PerNeuronStep(new Network(0.1 * ms, Precision.Double).AddPopulation("P", 1000, Brette2007.Model("coba")));
        Assert.Equal(expected.ReadBytes, update.GetProperty("read_bytes_per_neuron_step").GetInt64());
        Assert.Equal(expected.WrittenBytes, update.GetProperty("written_bytes_per_neuron_step").GetInt64());
        Assert.Equal(100, update.GetProperty("steps").GetInt64());

        // Rates follow from the raw measurements; the host copy moved its 256 MiB buffer twice (read and written).
        double updatesPerSecond = 1000 * 100 / update.GetProperty("run_s").GetDouble();
        Assert.Equal(updatesPerSecond, update.GetProperty("neuron_updates_per_s").GetDouble(), 1e-6 * updatesPerSecond);
        Assert.Equal(updatesPerSecond * expected.TotalBytes, update.GetProperty("bytes_per_s").GetDouble(), 1e-6 * updatesPerSecond * expected.TotalBytes);
        Assert.Equal("host", copy.GetProperty("memory").GetString());
        Assert.Equal(2L * (256 << 20), copy.GetProperty("bytes_per_copy").GetInt64());
        Assert.Equal(update.GetProperty("bytes_per_s").GetDouble() / copy.GetProperty("bytes_per_s").GetDouble(),
            update.GetProperty("fraction_of_copy").GetDouble(), 1e-9);
        Assert.Equal("cpu", run.GetProperty("backend").GetString());
    }

    [Theory]
    [InlineData("--n", "3", "at least 5 neurons")]
    [InlineData("--n", "4k,x", "'x' is not a count")]
    [InlineData("--synapses-per-neuron", "-1", "must be ≥ 0")]
    [InlineData("--repeat", "0", "at least 1")]
    public void Bench_rejects_bad_options_with_a_message(string option, string value, string message)
    {
        var r = DendraProcess.Run("bench", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_rejects_an_unknown_network_and_lists_the_known_ones()
    {
        var r = DendraProcess.Run("bench", "brunel");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cobahh", r.StdErr, StringComparison.Ordinal);
    }
}

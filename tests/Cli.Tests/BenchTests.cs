using System.Globalization;
using System.Text.Json;
using Dendra.Neurons;
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
    public void Bench_on_opencl_measures_the_same_network_as_on_the_cpu()
    {
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

using System.Diagnostics;
using System.Globalization;
using Dendra.Simulator.Recording;

namespace Dendra.Cli.Tests;

/// <summary><c>dendra run --record</c>, <c>info</c>, <c>export</c>, <c>replay</c>, and recordings of killed runs.</summary>
public sealed class RecordingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dendra-recording-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Record(string name, string duration = "300ms")
    {
        string path = Path.Combine(_dir, name);
        var r = DendraProcess.Run("run", DendraProcess.Script("record.csx"), "--duration", duration, "--record", path, "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        return path;
    }

    [Fact]
    public void Run_records_spikes_rates_and_monitored_state_and_info_summarizes_them()
    {
        string path = Record("run.dnr");
        using (var recording = RecordingReader.Open(path))
        {
            Assert.True(recording.IsComplete);
            Assert.Equal(3000, recording.StepCount);
            Assert.Equal(3, recording.ReadState("cells", "v").Neurons.Length);
            Assert.True(recording.SpikeCount("cells") > 0);
        }

        var info = DendraProcess.Run("info", path);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("state:     complete", info.StdOut);
        Assert.Contains("covers:    300 ms (3000 steps", info.StdOut);
        Assert.Matches(@"cells\s+400\s+CUBA-LIF\s+[0-9,]+", info.StdOut);
        Assert.Contains("cells.v (3 neurons, every 1 steps)", info.StdOut);
    }

    /// <summary>Exports the spikes of 100–200 ms of a recording as .npy; gives the file and the spikes it holds.</summary>
    private (string Npy, RecordedSpikes Spikes, double Dt) ExportSpikes()
    {
        string path = Record("export.dnr");
        string output = Path.Combine(_dir, "arrays");
        var r = DendraProcess.Run("export", path, "--format", "npy", "--from", "100ms", "--to", "200ms", "--out", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        using var recording = RecordingReader.Open(path);
        var spikes = recording.ReadSpikes("cells", 0.1, 0.2);
        Assert.True(spikes.Count > 0);
        return (Path.Combine(output, "spikes_cells.npy"), spikes, recording.Header.Dt);
    }

    [Fact]
    public void Export_writes_npy_spike_arrays_with_their_header_and_data()
    {
        var (npy, spikes, dt) = ExportSpikes();
        // Format level: the header names dtype and shape, and the data follow at a 64-byte boundary.
        var bytes = File.ReadAllBytes(npy);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }, bytes[..6]);
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        var header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains($"'shape': ({spikes.Count}, 2)", header);
        Assert.Contains("'descr': '<f8'", header);
        Assert.Equal(10 + headerLength + spikes.Count * 16, bytes.Length);
        Assert.Equal(spikes.Steps[^1] * dt, BitConverter.ToDouble(bytes, bytes.Length - 16));
        Assert.Equal(spikes.Neurons[^1], BitConverter.ToDouble(bytes, bytes.Length - 8));
    }

    [SkippableFact]
    public void Numpy_loads_the_exported_spike_arrays()
    {
        NumPy.Require();
        var (npy, spikes, dt) = ExportSpikes();
        var python = Process.Start(new ProcessStartInfo(NumPy.Python, ["-c",
            $"import numpy; a = numpy.load(r'{npy}'); print(a.shape[0], a.shape[1], int(a[:, 1].sum()), repr(float(a[0, 0])))"])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = python.StandardError.ReadToEndAsync();
        string stdout = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, stderr.Result);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture,
            $"{spikes.Count} 2 {spikes.Neurons.Sum(n => (long)n)} {spikes.Steps[0] * dt:R}"), stdout.Trim());
    }

    [Fact]
    public void Export_writes_csv_tables_of_rates_and_state()
    {
        string path = Record("csv.dnr", "50ms");
        string output = Path.Combine(_dir, "csv");
        var r = DendraProcess.Run("export", path, "--format", "csv", "--what", "rates", "--out", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        var lines = File.ReadAllLines(Path.Combine(output, "rates_cells.csv"));
        Assert.Equal("time_s,rate_hz", lines[0]);
        Assert.Equal(501, lines.Length);
        r = DendraProcess.Run("export", path, "--format", "csv", "--what", "state", "--out", output);
        Assert.True(r.ExitCode == 0, r.ToString());
        lines = File.ReadAllLines(Path.Combine(output, "state_cells_v.csv"));
        Assert.Equal("time_s,neuron_0,neuron_1,neuron_2", lines[0]);
        using var recording = RecordingReader.Open(path);
        var v = recording.ReadState("cells", "v");
        Assert.Equal(v.Values[3 * 7 + 2], double.Parse(lines[8].Split(',')[3], CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public void Recording_on_opencl_writes_the_same_spikes_as_on_the_cpu()
    {
        OpenClDriver.Require();
        string Record(string backend)
        {
            var path = Path.Combine(_dir, $"{backend}.dnr");
            var r = DendraProcess.Run("run", Path.Combine("examples", "cuba.csx"), "--duration", "50ms", "--precision", "double",
                "--backend", backend, "--record", path, "--quiet");
            Assert.True(r.ExitCode == 0, r.ToString());
            return path;
        }
        using var cpu = RecordingReader.Open(Record("cpu"));
        using var cl = RecordingReader.Open(Record("opencl"));
        Assert.True(cl.IsComplete);
        Assert.Equal(500, cl.StepCount);
        var (expected, actual) = (cpu.ReadSpikes(cpu.Header.Populations[0].Name), cl.ReadSpikes(cl.Header.Populations[0].Name));
        Assert.True(expected.Steps.Length > 0, "CUBA should spike in 50 ms");
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Neurons, actual.Neurons);
    }

    [Fact]
    public void Replay_prints_spikes_and_rates_per_window()
    {
        string path = Record("replay.dnr");
        var r = DendraProcess.Run("replay", path, "--table", "--window", "100ms");
        Assert.True(r.ExitCode == 0, r.ToString());
        var rows = r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, rows.Length); // header + three windows
        using var recording = RecordingReader.Open(path);
        long total = rows.Skip(1).Sum(row => long.Parse(row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], CultureInfo.InvariantCulture));
        Assert.Equal(recording.SpikeCount("cells"), total);
    }

    [Fact]
    public void Plot_draws_raster_rate_and_traces_from_a_recording()
    {
        string path = Record("plot.dnr", "200ms");
        foreach (var (what, file) in new[] { ("raster", "plot-raster.png"), ("rate", "plot-rate.png"), ("traces", "plot-traces-cells-v.png") })
        {
            var r = DendraProcess.Run("plot", path, "--what", what);
            Assert.True(r.ExitCode == 0, r.ToString());
            var bytes = File.ReadAllBytes(Path.Combine(_dir, file));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
            Assert.True(bytes.Length > 5_000, $"{file} has only {bytes.Length} bytes");
        }
        var none = DendraProcess.Run("plot", path, "--what", "weights");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("holds no weight snapshots", none.StdErr);
    }

    [Fact]
    public void Record_weights_snapshots_plastic_projections_that_info_export_and_plot_read()
    {
        string path = Path.Combine(_dir, "stdp.dnr");
        var r = DendraProcess.Run("run", DendraProcess.Script("stdp.csx"), "--duration", "300ms", "--record", path, "--record-weights", "100ms", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());

        using var recording = RecordingReader.Open(path);
        var stream = Assert.Single(recording.Header.WeightStreams); // the static recurrent projection is left out
        Assert.Equal("input→cells", recording.Header.Projections[stream.Projection].Name);
        Assert.Equal(1000, stream.Every);
        var snapshots = recording.ReadWeights("input→cells");
        Assert.Equal(new long[] { 0, 1000, 2000 }, snapshots.Select(s => s.Step));
        long synapses = recording.Header.Projections[stream.Projection].SynapseCount;
        Assert.All(snapshots, s => Assert.Equal(synapses, s.Values.Length));
        Assert.All(snapshots, s => Assert.All(s.Values, w => Assert.InRange(w, 0, 1e-3 * (1 + 1e-6))));
        Assert.NotEqual(snapshots[0].Values, snapshots[^1].Values); // STDP changed them

        var info = DendraProcess.Run("info", path);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("weights: input→cells.w (every 1000 steps)", info.StdOut);

        string output = Path.Combine(_dir, "weights");
        var export = DendraProcess.Run("export", path, "--format", "csv", "--what", "weights", "--out", output);
        Assert.True(export.ExitCode == 0, export.ToString());
        var lines = File.ReadAllLines(Path.Combine(output, "weights_input_cells_w.csv"));
        Assert.Equal("time_s,pre,post,w", lines[0]);
        Assert.Equal(1 + 3 * synapses, lines.Length);
        var last = lines[^1].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(new[] { 2000 * recording.Header.Dt, snapshots[^1].Pre[^1], snapshots[^1].Post[^1], snapshots[^1].Values[^1] }, last);

        var plot = DendraProcess.Run("plot", path, "--what", "weights");
        Assert.True(plot.ExitCode == 0, plot.ToString());
        var png = File.ReadAllBytes(Path.Combine(_dir, "stdp-weights-input_cells-w.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Fact]
    public void Record_weights_needs_a_recording_and_a_plastic_projection()
    {
        var alone = DendraProcess.Run("run", DendraProcess.Script("stdp.csx"), "--duration", "10ms", "--record-weights", "1ms", "--quiet");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--record-weights adds weight snapshots to a recording: give the file with --record FILE too", alone.StdErr);

        string path = Path.Combine(_dir, "static.dnr");
        var none = DendraProcess.Run("run", DendraProcess.Script("record.csx"), "--duration", "10ms", "--record", path, "--record-weights", "1ms", "--quiet");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--record-weights: no projection of the network is plastic (none of 'cells→cells', 'input→cells' changes its weight w)", none.StdErr);
        Assert.DoesNotContain("   at ", none.All);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Recording_into_a_missing_folder_says_so_and_fails()
    {
        string path = Path.Combine(_dir, "no-such-folder", "run.dnr");
        var r = DendraProcess.Run("run", DendraProcess.Script("record.csx"), "--duration", "10ms", "--record", path, "--quiet");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"cannot create the recording '{path}'", r.StdErr);
        Assert.DoesNotContain("   at ", r.All);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("plot")]
    [InlineData("replay")]
    [InlineData("export")]
    public void Bad_files_give_one_clear_message_and_a_nonzero_exit(string command)
    {
        string[] Args(string file) => command == "export" ? [command, file, "--format", "csv", "--out", _dir] : [command, file];
        var missing = DendraProcess.Run(Args(Path.Combine(_dir, "missing.dnr")));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("missing.dnr: no such file", missing.StdErr);
        string text = Path.Combine(_dir, "notes.dnr");
        File.WriteAllText(text, "not a recording");
        var foreign = DendraProcess.Run(Args(text));
        Assert.Equal(2, foreign.ExitCode);
        Assert.Contains("not a Dendra recording", foreign.StdErr);
        Assert.DoesNotContain("   at ", foreign.All);
    }

    [Fact]
    public void A_recording_killed_at_random_moments_opens_reads_a_prefix_and_says_it_was_cut_short()
    {
        using var reference = RecordingReader.Open(Record("reference.dnr", "1s"));
        var full = reference.ReadSpikes("cells");
        var random = new System.Random(5);
        for (int trial = 0; trial < 4; trial++)
        {
            string path = Path.Combine(_dir, $"killed{trial}.dnr");
            using (var process = DendraProcess.Start(DendraProcess.RepositoryRoot, "run", DendraProcess.Script("record.csx"),
                       "--duration", "100s", "--record", path, "--quiet"))
            {
                // Wait until the run is recording, then kill it at a random moment.
                var clock = Stopwatch.StartNew();
                while (!(File.Exists(path) && new FileInfo(path).Length > 2000) && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
                    Thread.Sleep(10);
                if (process.HasExited) Assert.Fail($"the recording run ended early: {process.StandardError.ReadToEnd()}");
                Thread.Sleep(random.Next(0, 400));
                var killedAt = clock.Elapsed;
                process.Kill(); // SIGKILL: no finally blocks, no flushing
                process.WaitForExit();
                Assert.True(process.ExitCode != 0, $"trial {trial}: the run finished before it was killed at {killedAt}");
            }

            using var recording = RecordingReader.Open(path);
            Assert.False(recording.IsComplete, $"trial {trial}: a killed run's recording must say it was cut short ({recording.StepCount} steps, {recording.FileLength} bytes)");
            Assert.True(recording.StepCount > 0);
            long end = Math.Min(recording.FirstStep + recording.StepCount, 10_000);
            var read = recording.ReadSpikes("cells", to: end * reference.Header.Dt);
            var expected = Enumerable.Range(0, full.Count).Where(k => full.Steps[k] < end).ToList();
            Assert.Equal(expected.Select(k => full.Steps[k]), read.Steps);
            Assert.Equal(expected.Select(k => full.Neurons[k]), read.Neurons);

            var info = DendraProcess.Run("info", path);
            Assert.True(info.ExitCode == 0, info.ToString());
            Assert.Contains("CUT SHORT", info.StdOut);
        }
    }
}

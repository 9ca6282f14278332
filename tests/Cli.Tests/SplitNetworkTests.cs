using Dendra.Simulator.Recording;

namespace Dendra.Cli.Tests;

/// <summary><c>dendra run</c> on a network split between OpenCL and the CPU (examples/cuba-split.csx): its summary says what
/// ran where, without a driver it fails with a message rather than a stack trace, and it records like any other run.</summary>
public class SplitNetworkTests
{
    private static readonly string Split = Path.Combine("examples", "cuba-split.csx");

    [SkippableFact]
    public void The_summary_names_the_populations_on_the_device()
    {
        OpenClDriver.RequirePocl();
        var r = DendraProcess.Run("run", Split, "--duration", "5ms", "--quiet");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"(?m)^backend cpu \+ opencl \(exc on .*Portable Computing Language\)\)\s*$", r.StdOut);
    }

    [Fact]
    public void A_population_pinned_to_opencl_without_a_driver_fails_naming_the_missing_driver() =>
        NoOpenClDriver.AssertReported(NoOpenClDriver.Run("run", Split, "--duration", "1ms", "--quiet"));

    [SkippableFact]
    public void Recording_a_split_network_writes_every_population_and_says_where_it_ran()
    {
        OpenClDriver.Require();
        var work = Directory.CreateTempSubdirectory("dendra-split-record-");
        try
        {
            string path = Path.Combine(work.FullName, "split.dnr");
            var r = DendraProcess.Run("run", Split, "--duration", "20ms", "--quiet", "--record", path);
            Assert.True(r.ExitCode == 0, r.ToString());
            using var recording = RecordingReader.Open(path);
            Assert.True(recording.IsComplete);
            Assert.Equal(200, recording.StepCount);
            Assert.StartsWith("cpu + opencl (exc on", recording.Header.Backend, StringComparison.Ordinal);
            foreach (var population in new[] { "exc", "inh" })
                Assert.True(recording.SpikeCount(population) > 0, $"{population} should spike in 20 ms");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

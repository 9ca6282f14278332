namespace Dendra.Cli.Tests;

/// <summary><c>dendra devices</c> with PoCL installed (as in CI) and with an ICD loader that finds no driver.</summary>
public class DevicesCommandTests
{
    [SkippableFact]
    public void Devices_lists_the_pocl_cpu_device_with_float64()
    {
        OpenClDriver.RequirePocl();
        var result = DendraProcess.Run("devices");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Portable", result.StdOut);
        Assert.Contains("cpu", result.StdOut);
        Assert.Contains("yes", result.StdOut);
    }

    [Fact]
    public void Without_an_opencl_driver_devices_names_the_packages_to_install() =>
        NoOpenClDriver.AssertReported(NoOpenClDriver.Run("devices"));
}

namespace Dendra.Cli.Tests;

/// <summary><c>dendra devices</c> with PoCL installed (as in CI) and with an ICD loader that finds no driver.</summary>
public class DevicesCommandTests
{
    [Fact]
    public void Devices_lists_the_pocl_cpu_device_with_float64()
    {
        var result = DendraProcess.Run("devices");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Portable", result.StdOut);
        Assert.Contains("cpu", result.StdOut);
        Assert.Contains("yes", result.StdOut);
    }

    [Fact]
    public void Without_an_opencl_driver_devices_names_the_packages_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("dendra-no-icd-");
        try
        {
            var result = DendraProcess.RunWith(DendraProcess.RepositoryRoot, new Dictionary<string, string?> { ["OCL_ICD_VENDORS"] = empty.FullName }, "devices");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("error: no OpenCL platform is installed", result.StdErr);
            Assert.Contains("pocl-opencl-icd", result.StdErr);
            Assert.Contains("ocl-icd-libopencl1", result.StdErr);
            Assert.DoesNotContain("   at ", result.All);
        }
        finally
        {
            empty.Delete();
        }
    }
}

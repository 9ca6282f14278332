namespace Dendra.Cli.Tests;

/// <summary>
/// Runs dendra as on a machine without an OpenCL driver (the ICD loader pointed at an empty folder of drivers), and
/// checks what it then says. Where the loader itself is not installed the message differs, but it must name the same
/// packages either way.
/// </summary>
internal static class NoOpenClDriver
{
    /// <summary>Runs <c>dendra args...</c> in the repository root with no OpenCL driver to be found.</summary>
    public static CliResult Run(params string[] args)
    {
        var empty = Directory.CreateTempSubdirectory("dendra-no-icd-");
        try
        {
            return DendraProcess.RunWith(DendraProcess.RepositoryRoot, new Dictionary<string, string?> { ["OCL_ICD_VENDORS"] = empty.FullName }, args);
        }
        finally
        {
            empty.Delete();
        }
    }

    /// <summary>Asserts that <paramref name="result"/> failed with exit code 1 saying that OpenCL is missing, naming both
    /// packages to install, without a stack trace.</summary>
    public static void AssertReported(CliResult result)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"error: (no OpenCL platform is installed|the OpenCL ICD loader \(libOpenCL\.so\.1\) could not be loaded)", result.StdErr);
        Assert.Contains("pocl-opencl-icd", result.StdErr);
        Assert.Contains("ocl-icd-libopencl1", result.StdErr);
        Assert.DoesNotContain("   at ", result.All);
    }
}

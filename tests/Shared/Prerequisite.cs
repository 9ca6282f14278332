namespace Dendra.Tests;

/// <summary>
/// What a test does when the machine lacks something that <c>dotnet test</c> cannot install (an OpenCL driver, a
/// program, a system library): it skips, with a one-line reason that names what is missing and the Debian package that
/// provides it. On CI (the environment variable CI is "true"), which installs every package (<c>.ci/run</c>), the
/// same lack fails the test instead, so that a broken installation cannot pass as a green run.
/// </summary>
/// <remarks>
/// The skip is Xunit.SkippableFact's: a test that can skip is a <c>[SkippableFact]</c> or <c>[SkippableTheory]</c>,
/// and it may skip from its body or from its class's constructor (a test class that runs on one backend checks for
/// it there, once for all of its tests).
/// </remarks>
internal static class Prerequisite
{
    /// <summary>True on CI, where every prerequisite must be present.</summary>
    public static bool OnCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>
    /// Returns when <paramref name="missing"/> is null (nothing is missing); otherwise skips the calling test with
    /// <paramref name="missing"/> as its reason, or on CI fails it.
    /// </summary>
    /// <param name="missing">One line, "what: why; install package", or null.</param>
    public static void Require(string? missing)
    {
        if (missing is null) return;
        if (OnCi) throw new PrerequisiteMissingException($"{missing} (CI=true: CI installs every test prerequisite, so this test must run there)");
        throw new SkipException(missing);
    }
}

/// <summary>A prerequisite is missing on CI, where it must not be.</summary>
internal sealed class PrerequisiteMissingException(string message) : Exception(message);

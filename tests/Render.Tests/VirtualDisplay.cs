using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Dendra.Render.Tests;

/// <summary>
/// An Xvfb display for the tests that open windows (Debian's <c>xvfb</c>; CI installs it), shared by a test class and
/// made this process's <c>DISPLAY</c> — in the native environment too, where GLFW reads it. Started by the first test
/// that asks for it (<see cref="Start"/>), after that test has checked that Xvfb is installed: a fixture that threw in
/// its constructor would fail every test of the class instead of letting them skip. Xvfb picks a free display number
/// itself and reports it when it is ready (<c>-displayfd</c>); <c>-noreset</c> keeps it from resetting (and refusing
/// connections for a moment) each time the last window closes.
/// </summary>
public sealed partial class VirtualDisplay : IDisposable
{
    private const int SigTerm = 15;
    private Process? _xvfb;
    private string? _name;

    /// <summary>The display name, e.g. ":1".</summary>
    public string Name => _name ?? throw new InvalidOperationException("the virtual display has not been started");

    /// <summary>Starts Xvfb and makes it this process's display, unless that is done already.</summary>
    public void Start()
    {
        if (_xvfb is not null) return;
        _xvfb = Process.Start(new ProcessStartInfo("Xvfb", ["-displayfd", "1", "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-noreset"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        _ = _xvfb.StandardError.ReadToEndAsync();
        var number = _xvfb.StandardOutput.ReadLineAsync();
        if (!number.Wait(TimeSpan.FromSeconds(20)) || string.IsNullOrWhiteSpace(number.Result))
        {
            _xvfb.Kill();
            throw new InvalidOperationException("Xvfb did not report a display within 20 s");
        }
        _name = ":" + number.Result.Trim();
        Environment.SetEnvironmentVariable("DISPLAY", _name);
        if (SetEnv("DISPLAY", _name, 1) != 0) throw new InvalidOperationException("setenv(DISPLAY) failed");
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    public void Dispose()
    {
        if (_xvfb is null) return;
        // SIGTERM lets Xvfb remove its lock file and socket; SIGKILL would leave them behind.
        if (!_xvfb.HasExited)
        {
            Kill(_xvfb.Id, SigTerm);
            if (!_xvfb.WaitForExit(TimeSpan.FromSeconds(5))) _xvfb.Kill();
        }
        _xvfb.Dispose();
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Dendra.Render.Tests;

/// <summary>
/// An Xvfb display for the tests that open windows (Debian's <c>xvfb</c>; CI installs it), started once per test run
/// and made this process's <c>DISPLAY</c> — in the native environment too, where GLFW reads it.
/// </summary>
public sealed partial class VirtualDisplay : IDisposable
{
    private readonly Process? _xvfb;

    public VirtualDisplay()
    {
        for (int n = 91; n < 120; n++)
        {
            if (File.Exists($"/tmp/.X{n}-lock")) continue;
            Process xvfb;
            try
            {
                xvfb = Process.Start(new ProcessStartInfo("Xvfb", [$":{n}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                })!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("the window tests need Xvfb: apt-get install xvfb libglfw3 libgl1-mesa-dri", e);
            }
            var socket = $"/tmp/.X11-unix/X{n}";
            var clock = Stopwatch.StartNew();
            while (!File.Exists(socket) && !xvfb.HasExited && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(50);
            if (xvfb.HasExited || !File.Exists(socket))
            {
                if (!xvfb.HasExited) xvfb.Kill();
                continue;
            }
            _xvfb = xvfb;
            Name = $":{n}";
            Environment.SetEnvironmentVariable("DISPLAY", Name);
            if (SetEnv("DISPLAY", Name, 1) != 0) throw new InvalidOperationException("setenv(DISPLAY) failed");
            return;
        }
        throw new InvalidOperationException("could not start Xvfb on any display from :91 to :119");
    }

    /// <summary>The display name, e.g. ":91".</summary>
    public string Name { get; } = "";

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    public void Dispose()
    {
        if (_xvfb is { HasExited: false }) _xvfb.Kill();
        _xvfb?.Dispose();
    }
}

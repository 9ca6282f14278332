using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Silk.NET.OpenCL;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Builds one OpenCL program from the fixed kernels (prelude, random numbers, runtime) and the generated ones. A build
/// failure names the generated source line and the model statement it came from (the comment the generator writes
/// before every statement) instead of only the compiler's log.
/// </summary>
internal static partial class OpenClProgram
{
    /// <summary>The fixed parts of every program, in order.</summary>
    public static string FixedSource { get; } = string.Concat(new[] { "prelude", "philox", "runtime", "largest" }.Select(Resource));

    /// <summary>The fixed-point scatter kernels, built only for devices with 64-bit integer atomics.</summary>
    public static string ScatterSource { get; } = Resource("scatter");

    /// <summary>One of the fixed sources (prelude, philox, runtime, largest, scatter) by name.</summary>
    public static string Resource(string name)
    {
        using var stream = typeof(OpenClProgram).Assembly.GetManifestResourceStream($"Dendra.OpenCl.{name}.cl")
            ?? throw new InvalidOperationException($"the OpenCL source {name}.cl is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd() + "\n";
    }

    /// <summary>Build options: float64 state where asked, double-precision helpers where the device has them, and
    /// correctly rounded float division and square root (the CPU's).</summary>
    public static string Options(bool doublePrecision, bool deviceHasFp64) =>
        (doublePrecision ? "-D DENDRA_DOUBLE " : "") + (deviceHasFp64 ? "-D DENDRA_FP64 " : "") + "-cl-fp32-correctly-rounded-divide-sqrt";

    public static unsafe nint Build(nint context, OpenClDevice device, string source, string options)
    {
        var cl = OpenClDevices.Api;
        int status = 0;
        nint program = cl.CreateProgramWithSource(context, 1, new[] { source }, (nuint*)null, &status);
        OpenClException.Check(status, "create the program");
        nint handle = device.Handle;
        status = cl.BuildProgram(program, 1, &handle, options, null, null);
        if (status != 0)
        {
            string log = BuildLog(program, handle);
            cl.ReleaseProgram(program);
            throw BuildFailure(source, log, status);
        }
        return program;
    }

    private static unsafe string BuildLog(nint program, nint device)
    {
        var cl = OpenClDevices.Api;
        nuint size = 0;
        cl.GetProgramBuildInfo(program, device, ProgramBuildInfo.BuildLog, 0, null, &size);
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes) cl.GetProgramBuildInfo(program, device, ProgramBuildInfo.BuildLog, size, b, (nuint*)null);
        return Encoding.UTF8.GetString(bytes).TrimEnd('\0');
    }

    // Clang writes "file:line:col: error: message", PoCL "error: file:line:col: message".
    [GeneratedRegex(@"^(?=.*error).*?:(\d+):(\d+):\s*(?:error:\s*)?(.*)$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    /// <summary>The error for a failed build: the compiler's first error, the generated line, and the model statement and kernel it belongs to.</summary>
    public static OpenClException BuildFailure(string source, string log, int status)
    {
        var match = ErrorLine().Match(log);
        if (!match.Success)
            return new OpenClException($"the generated OpenCL kernels did not build ({OpenClException.ErrorName(status)}):\n{log.Trim()}");
        var lines = source.Split('\n');
        int line = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        string code = line >= 1 && line <= lines.Length ? lines[line - 1].Trim() : "?";
        string? statement = null, kernel = null;
        for (int k = Math.Min(line, lines.Length) - 1; k >= 0; k--)
        {
            var text = lines[k].Trim();
            if (statement is null && k < line - 1 && text.StartsWith("// ", StringComparison.Ordinal) && lines[k].StartsWith(' ')) statement = text[3..];
            if (text.StartsWith("__kernel void ", StringComparison.Ordinal) || text.StartsWith("void k_", StringComparison.Ordinal))
            {
                if (k > 0 && lines[k - 1].StartsWith("// ", StringComparison.Ordinal)) kernel = lines[k - 1][3..].Trim();
                break;
            }
        }
        var message = new StringBuilder($"the generated OpenCL kernels did not build: {match.Groups[3].Value.Trim()}\n");
        message.Append($"  generated line {line}: {code}\n");
        if (statement is not null) message.Append($"  from the model statement: {statement}\n");
        if (kernel is not null) message.Append($"  in kernel: {kernel}\n");
        message.Append("This is a fault in Dendra's OpenCL code generation or in the device's compiler; the CPU backend runs the same model.");
        return new OpenClException(message.ToString());
    }
}

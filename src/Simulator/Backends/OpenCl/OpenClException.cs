namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// OpenCL cannot do what was asked: no platform is installed, no device matches, a kernel did not build, or the
/// network does not fit in the device's memory. The message names the cause and the fix.
/// </summary>
public sealed class OpenClException : Exception
{
    /// <summary>Creates the exception with a message that names the cause and the fix.</summary>
    public OpenClException(string message) : base(message) { }

    /// <summary>Creates the exception around the error that caused it.</summary>
    public OpenClException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The message for a machine where the ICD loader finds no OpenCL platform.</summary>
    internal static OpenClException NoPlatform(string detail) => new(
        $"no OpenCL platform is installed ({detail}). Install an OpenCL driver (ICD): on Debian/Ubuntu " +
        "'apt-get install pocl-opencl-icd ocl-icd-libopencl1' gives PoCL, which runs on any CPU; for a GPU install its vendor's OpenCL driver. " +
        "'clinfo -l' lists what the loader finds.");

    /// <summary>Throws a clear error when an OpenCL call failed.</summary>
    internal static void Check(int status, string what)
    {
        if (status != 0) throw new OpenClException($"OpenCL failed to {what}: {ErrorName(status)} ({status})");
    }

    /// <summary>The name of an OpenCL status code, as the specification spells it.</summary>
    internal static string ErrorName(int status) => status switch
    {
        -1 => "CL_DEVICE_NOT_FOUND",
        -2 => "CL_DEVICE_NOT_AVAILABLE",
        -4 => "CL_MEM_OBJECT_ALLOCATION_FAILURE",
        -5 => "CL_OUT_OF_RESOURCES",
        -6 => "CL_OUT_OF_HOST_MEMORY",
        -11 => "CL_BUILD_PROGRAM_FAILURE",
        -30 => "CL_INVALID_VALUE",
        -34 => "CL_INVALID_CONTEXT",
        -36 => "CL_INVALID_COMMAND_QUEUE",
        -38 => "CL_INVALID_MEM_OBJECT",
        -46 => "CL_INVALID_KERNEL_NAME",
        -48 => "CL_INVALID_KERNEL",
        -49 => "CL_INVALID_ARG_INDEX",
        -50 => "CL_INVALID_ARG_VALUE",
        -51 => "CL_INVALID_ARG_SIZE",
        -52 => "CL_INVALID_KERNEL_ARGS",
        -54 => "CL_INVALID_WORK_GROUP_SIZE",
        -61 => "CL_INVALID_BUFFER_SIZE",
        -1001 => "CL_PLATFORM_NOT_FOUND_KHR",
        _ => "OpenCL error",
    };
}

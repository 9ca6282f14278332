using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dendra.Simulator.Expressions;

/// <summary>
/// Built-in functions whose meaning in the model language differs from .NET's nearest method, in the scalar and the SIMD
/// form with the same bits, for the CPU's generated kernels (OpenCL's prelude defines the same functions).
/// </summary>
public static class ModelMath
{
    /// <summary><c>sign(x)</c>: 1 above zero, −1 below, and x itself otherwise, so a zero keeps its sign (as OpenCL's
    /// <c>sign</c> and IEEE arithmetic do: <c>sign(w)*abs(w)</c> is w, −0 included) and a NaN stays NaN for the
    /// finiteness checks to report. <see cref="Math.Sign(float)"/> throws on NaN and turns −0 into +0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sign(float x) => x > 0 ? 1f : x < 0 ? -1f : x;

    /// <inheritdoc cref="Sign(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sign(double x) => x > 0 ? 1d : x < 0 ? -1d : x;

    /// <summary><see cref="Sign(float)"/> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Sign<T>(Vector<T> x)
    {
        var zero = Vector<T>.Zero;
        return Vector.ConditionalSelect(Vector.GreaterThan(x, zero), Vector<T>.One,
            Vector.ConditionalSelect(Vector.LessThan(x, zero), -Vector<T>.One, x));
    }
}

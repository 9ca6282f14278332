using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dendra.Simulator.Backends.Cpu;

/// <summary>
/// The fused multiply-add of the CPU's sums (dense products, the plastic update): a·b + c rounded once. It is correctly
/// rounded, so a <see cref="Vector{T}"/> lane gives the bits of <c>T.FusedMultiplyAdd</c> on the same numbers and the scalar
/// tails agree with the lanes; on a processor without the instruction .NET computes the same bits in software (slowly).
/// OpenCL's <c>fma</c> is correctly rounded too, so the device's plastic update keeps the CPU's bits.
/// </summary>
internal static class Fused<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>a·b + c, rounded once, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd(Vector<T> a, Vector<T> b, Vector<T> c) =>
        typeof(T) == typeof(float)
            ? Vector.FusedMultiplyAdd(Vector.As<T, float>(a), Vector.As<T, float>(b), Vector.As<T, float>(c)).As<float, T>()
            : Vector.FusedMultiplyAdd(Vector.As<T, double>(a), Vector.As<T, double>(b), Vector.As<T, double>(c)).As<double, T>();
}

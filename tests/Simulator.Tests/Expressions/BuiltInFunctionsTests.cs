using System.Numerics;
using System.Text.RegularExpressions;
using Dendra.Simulator.Expressions;
using Dendra.Simulator.Random;

namespace Dendra.Simulator.Tests.Expressions;

/// <summary>Every entry of the registry is complete: a generator never meets a function it has no form for.</summary>
public class BuiltInFunctionsTests
{
    public static TheoryData<string> Names() => [.. BuiltInFunctions.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_computed_function_has_a_CPU_form_over_its_arguments_for_both_precisions(string name)
    {
        Assert.True(BuiltInFunctions.TryGet(name, out var f));
        if (f.Kind is FunctionKind.Conditional or FunctionKind.Reduction) return;
        Assert.NotNull(f.CpuScalar);
        if (f.Kind == FunctionKind.Random)
        {
            Assert.NotNull(typeof(CounterRng).GetMethod(f.CpuScalar.Method));
            return;
        }
        foreach (var element in new[] { typeof(float), typeof(double) })
        {
            var math = element == typeof(float) ? typeof(MathF) : typeof(Math);
            var type = f.CpuScalar.Build(k => k < f.Arity ? element : throw new InvalidOperationException($"{name} has no argument {k}"),
                (form, args) => (form.Host ?? math).GetMethod(form.Method, args)?.ReturnType
                    ?? throw new InvalidOperationException($"{(form.Host ?? math).Name}.{form.Method} does not exist"));
            Assert.True(type == element || type == typeof(int), $"{name} returns {type}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_vectorized_function_calls_generic_methods_of_Vector_or_its_host(string name)
    {
        Assert.True(BuiltInFunctions.TryGet(name, out var f));
        if (f.CpuVector is null) return;
        f.CpuVector.Build(k => k < f.Arity ? 0 : throw new InvalidOperationException($"{name} has no argument {k}"),
            (form, _) => (form.Host ?? typeof(Vector)).GetMethods().Any(m => m.Name == form.Method && m.IsGenericMethodDefinition)
                ? 0 : throw new InvalidOperationException($"{(form.Host ?? typeof(Vector)).Name}.{form.Method} does not exist"));
    }

    [Fact]
    public void Sign_is_one_minus_one_or_the_argument_itself_in_both_forms()
    {
        float[] xs = [3.5f, -2f, 0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-45f, -1e-45f];
        float[] expected = [1f, -1f, 0f, -0f, float.NaN, 1f, -1f, 1f, -1f];
        var padded = new float[Vector<float>.Count * ((xs.Length + Vector<float>.Count - 1) / Vector<float>.Count)];
        xs.CopyTo(padded, 0);
        var lanes = new float[padded.Length];
        for (int i = 0; i < padded.Length; i += Vector<float>.Count)
            ModelMath.Sign(new Vector<float>(padded, i)).CopyTo(lanes, i);
        for (int i = 0; i < xs.Length; i++)
        {
            // Bit for bit: −0 stays −0 and NaN stays NaN, where Math.Sign gives +0 and throws.
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(ModelMath.Sign(xs[i])));
            Assert.Equal(BitConverter.SingleToInt32Bits(expected[i]), BitConverter.SingleToInt32Bits(lanes[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(ModelMath.Sign((double)xs[i])));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_computed_function_has_an_OpenCl_form_that_uses_each_argument(string name)
    {
        Assert.True(BuiltInFunctions.TryGet(name, out var f));
        if (f.Kind is FunctionKind.Conditional or FunctionKind.Reduction) return;
        Assert.False(string.IsNullOrEmpty(f.OpenCl));
        if (f.Kind == FunctionKind.Random) return;
        var used = Regex.Matches(f.OpenCl, @"\{(\d+)\}").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(Enumerable.Range(0, f.Arity), used.Order());
    }
}

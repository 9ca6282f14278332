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
                (method, args) => math.GetMethod(method, args)?.ReturnType ?? throw new InvalidOperationException($"{math.Name}.{method} does not exist"));
            Assert.True(type == element || type == typeof(int), $"{name} returns {type}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_vectorized_function_calls_methods_of_Vector(string name)
    {
        Assert.True(BuiltInFunctions.TryGet(name, out var f));
        if (f.CpuVector is null) return;
        var methods = typeof(Vector).GetMethods().Where(m => m.IsGenericMethodDefinition).Select(m => m.Name).ToHashSet();
        f.CpuVector.Build(k => k < f.Arity ? 0 : throw new InvalidOperationException($"{name} has no argument {k}"),
            (method, _) => methods.Contains(method) ? 0 : throw new InvalidOperationException($"Vector.{method} does not exist"));
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

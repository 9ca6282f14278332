namespace Dendra.Simulator.Expressions;

/// <summary>One built-in function of the model language, with everything each stage needs to know of it: its arity for
/// the name checks, its derivative for the integrator choice, and its form in each generator (see <see cref="BuiltInFunctions"/>).</summary>
/// <param name="Name">The name the model language calls it by.</param>
/// <param name="Arity">How many arguments it takes.</param>
/// <param name="Kind">What kind of code it becomes.</param>
internal sealed record BuiltInFunction(string Name, int Arity, FunctionKind Kind = FunctionKind.Math)
{
    /// <summary>The derivative of <c>f(a)</c> with respect to <c>a</c>, from the call and its argument (the chain rule is
    /// applied by <see cref="Symbolic.Derive"/>); null where the compiler does not differentiate through it.</summary>
    public Func<Call, Expr, Expr>? Derivative { get; init; }

    /// <summary>The CPU's scalar form (<see cref="System.Math"/> or <see cref="MathF"/> methods, by the precision); for a
    /// random function, the <c>CounterRng</c> method that draws.</summary>
    public FunctionForm? CpuScalar { get; init; }

    /// <summary>The CPU's SIMD form (<see cref="System.Numerics.Vector"/> methods); null keeps a kernel that calls it scalar,
    /// because only correctly rounded operations give the same bits in both forms.</summary>
    public FunctionForm? CpuVector { get; init; }

    /// <summary>The OpenCL C form, the arguments as <c>{0}</c>, <c>{1}</c>…; for a random function, the draw's name.</summary>
    public string? OpenCl { get; init; }
}

namespace Dendra.Simulator.Expressions;

/// <summary>
/// How a generator writes a built-in function: a call of a named method whose arguments are the function's arguments
/// (by position) or further calls. The CPU's scalar code calls <see cref="Math"/> or <see cref="MathF"/> methods of that
/// name, its SIMD code <see cref="System.Numerics.Vector"/>'s: <c>clip(x, lo, hi)</c> is <c>Min(Max(x, lo), hi)</c> in both.
/// A function whose meaning differs from those classes' methods names <see cref="ModelMath"/> as its <see cref="Host"/>.
/// </summary>
/// <param name="Method">The method's name.</param>
/// <param name="Arguments">Each argument: an <see cref="int"/>, the position of one of the function's arguments, or a
/// nested <see cref="FunctionForm"/>.</param>
internal sealed record FunctionForm(string Method, params object[] Arguments)
{
    /// <summary>The class whose static method is called, in both forms; null for <see cref="Math"/>/<see cref="MathF"/>
    /// (scalar) and <see cref="System.Numerics.Vector"/> (SIMD).</summary>
    public Type? Host { get; init; }

    /// <summary>The method applied to the function's arguments in their order.</summary>
    public static FunctionForm Direct(string method, int arity) => new(method, Enumerable.Range(0, arity).Cast<object>().ToArray());

    /// <summary>Builds the call bottom-up: <paramref name="argument"/> gives the k-th function argument, <paramref name="call"/>
    /// applies a form's method to built arguments.</summary>
    public TResult Build<TResult>(Func<int, TResult> argument, Func<FunctionForm, TResult[], TResult> call) =>
        call(this, Arguments.Select(a => a is FunctionForm inner ? inner.Build(argument, call) : argument((int)a)).ToArray());
}

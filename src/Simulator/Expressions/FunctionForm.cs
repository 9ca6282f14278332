namespace Dendra.Simulator.Expressions;

/// <summary>
/// How a generator writes a built-in function: a call of a named method whose arguments are the function's arguments
/// (by position) or further calls. The CPU's scalar code calls <see cref="Math"/> or <see cref="MathF"/> methods of that
/// name, its SIMD code <see cref="System.Numerics.Vector"/>'s: <c>clip(x, lo, hi)</c> is <c>Min(Max(x, lo), hi)</c> in both.
/// </summary>
/// <param name="Method">The method's name.</param>
/// <param name="Arguments">Each argument: an <see cref="int"/>, the position of one of the function's arguments, or a
/// nested <see cref="FunctionForm"/>.</param>
internal sealed record FunctionForm(string Method, params object[] Arguments)
{
    /// <summary>The method applied to the function's arguments in their order.</summary>
    public static FunctionForm Direct(string method, int arity) => new(method, Enumerable.Range(0, arity).Cast<object>().ToArray());

    /// <summary>Builds the call bottom-up: <paramref name="argument"/> gives the k-th function argument, <paramref name="call"/>
    /// applies a method to built arguments.</summary>
    public TResult Build<TResult>(Func<int, TResult> argument, Func<string, TResult[], TResult> call) =>
        call(Method, Arguments.Select(a => a is FunctionForm inner ? inner.Build(argument, call) : argument((int)a)).ToArray());
}

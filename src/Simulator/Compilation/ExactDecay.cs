using Dendra.Simulator.Expressions;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// The exact solution of an event-driven equation <c>dx/dt = a·x + b</c> (a, b constant) after a given time: what lets a
/// variable be stored only when an event changes it and computed, when read, from its last stored value.
/// </summary>
internal static class ExactDecay
{
    /// <summary>The value of <paramref name="eq"/>'s variable <paramref name="elapsed"/> seconds after it was <paramref name="x"/>.</summary>
    /// <exception cref="ModelException">The equation is not linear in its own variable with constant coefficients.</exception>
    public static Expr After(string model, NameScope scope, Equation eq, Expr x, Expr elapsed)
    {
        var (na, nb) = Coefficients(model, scope, eq);
        Expr value = na.Value == 0
            ? new Binary(BinaryOp.Add, x, new Binary(BinaryOp.Multiply, nb, elapsed))
            : new Binary(BinaryOp.Subtract,
                new Binary(BinaryOp.Multiply, new Binary(BinaryOp.Add, x, new Number(nb.Value / na.Value)), new Call("exp", [new Binary(BinaryOp.Multiply, na, elapsed)])),
                new Number(nb.Value / na.Value));
        return Symbolic.Simplify(value);
    }

    /// <summary>The constants a and b of <c>dx/dt = a·x + b</c>.</summary>
    /// <exception cref="ModelException">The equation is not of that form.</exception>
    public static (Number A, Number B) Coefficients(string model, NameScope scope, Equation eq)
    {
        var rhs = scope.Resolve(eq.Rhs, eq.Source);
        var a = Symbolic.Differentiate(rhs, eq.Name);
        var b = Symbolic.Simplify(Symbolic.Substitute(rhs, new Dictionary<string, Expr> { [eq.Name] = new Number(0) }));
        if (a is not Number na || b is not Number nb)
            throw new ModelException(model, eq.Source, -1,
                "an event-driven equation must be linear in its own variable with constant coefficients (like dx/dt = -x/tau)");
        return (na, nb);
    }
}

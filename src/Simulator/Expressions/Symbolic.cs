namespace Dendra.Simulator.Expressions;

/// <summary>
/// The symbolic algebra the equation compiler needs to choose an integrator: free names, substitution,
/// simplification and differentiation. Deliberately small; it only has to decide linearity and build
/// propagators, not be a computer algebra system.
/// </summary>
public static class Symbolic
{
    /// <summary>Functions whose value is random; an expression calling them is never constant.</summary>
    public static readonly IReadOnlySet<string> RandomFunctions =
        BuiltInFunctions.All.Where(f => f.Kind == FunctionKind.Random).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every identifier the expression mentions.</summary>
    public static HashSet<string> Names(Expr e)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Visit(e, n => { if (n is Identifier id) names.Add(id.Name); });
        return names;
    }

    /// <summary>Calls <paramref name="action"/> on every node, parents first.</summary>
    public static void Visit(Expr e, Action<Expr> action)
    {
        action(e);
        switch (e)
        {
            case Unary u: Visit(u.Operand, action); break;
            case Binary b: Visit(b.Left, action); Visit(b.Right, action); break;
            case Call c: foreach (var a in c.Arguments) Visit(a, action); break;
        }
    }

    /// <summary>True when the expression calls <c>rand()</c> or <c>randn()</c>.</summary>
    public static bool IsRandom(Expr e)
    {
        bool random = false;
        Visit(e, n => random |= n is Call c && RandomFunctions.Contains(c.Function));
        return random;
    }

    /// <summary>Replaces nodes bottom-up: <paramref name="replace"/> returns a replacement or null to keep the node.</summary>
    public static Expr Rewrite(Expr e, Func<Expr, Expr?> replace)
    {
        Expr rebuilt = e switch
        {
            Unary u => u with { Operand = Rewrite(u.Operand, replace) },
            Binary b => b with { Left = Rewrite(b.Left, replace), Right = Rewrite(b.Right, replace) },
            Call c => c with { Arguments = c.Arguments.Select(a => Rewrite(a, replace)).ToArray() },
            _ => e,
        };
        return replace(rebuilt) ?? rebuilt;
    }

    /// <summary>Replaces identifiers by expressions.</summary>
    public static Expr Substitute(Expr e, IReadOnlyDictionary<string, Expr> values) =>
        Rewrite(e, n => n is Identifier id && values.TryGetValue(id.Name, out var v) ? v : null);

    /// <summary>Folds constants and removes neutral elements (x*1, x+0, x*0 …).</summary>
    public static Expr Simplify(Expr e) => Rewrite(e, SimplifyNode);

    private static Expr? SimplifyNode(Expr e)
    {
        switch (e)
        {
            case Unary { Op: UnaryOp.Negate, Operand: Number n }:
                return new Number(-n.Value);
            case Unary { Op: UnaryOp.Negate, Operand: Unary { Op: UnaryOp.Negate } inner }:
                return inner.Operand;
            case Binary { Left: Number a, Right: Number b } bin when !bin.Op.IsBoolean():
                return new Number(Fold(bin.Op, a.Value, b.Value));
            case Binary bin:
                return SimplifyBinary(bin);
            default:
                return null;
        }
    }

    private static Expr? SimplifyBinary(Binary b)
    {
        static bool Is(Expr x, double v) => x is Number n && n.Value == v;
        return b.Op switch
        {
            BinaryOp.Add when Is(b.Left, 0) => b.Right,
            BinaryOp.Add when Is(b.Right, 0) => b.Left,
            BinaryOp.Subtract when Is(b.Right, 0) => b.Left,
            BinaryOp.Subtract when Is(b.Left, 0) => new Unary(UnaryOp.Negate, b.Right),
            BinaryOp.Multiply when Is(b.Left, 0) || Is(b.Right, 0) => new Number(0),
            BinaryOp.Multiply when Is(b.Left, 1) => b.Right,
            BinaryOp.Multiply when Is(b.Right, 1) => b.Left,
            BinaryOp.Divide when Is(b.Left, 0) => new Number(0),
            BinaryOp.Divide when Is(b.Right, 1) => b.Left,
            BinaryOp.Power when Is(b.Right, 1) => b.Left,
            BinaryOp.Power when Is(b.Right, 0) => new Number(1),
            _ => null,
        };
    }

    private static double Fold(BinaryOp op, double a, double b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Subtract => a - b,
        BinaryOp.Multiply => a * b,
        BinaryOp.Divide => a / b,
        BinaryOp.Power => Math.Pow(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>
    /// The derivative of <paramref name="e"/> with respect to <paramref name="variable"/>, or null where the
    /// expression is not differentiable in it (a comparison, a random draw or a non-smooth function of it).
    /// </summary>
    public static Expr? Differentiate(Expr e, string variable)
    {
        if (!Names(e).Contains(variable)) return new Number(0);
        var d = Derive(e, variable);
        return d is null ? null : Simplify(d);
    }

    private static Expr? Derive(Expr e, string x)
    {
        if (!Names(e).Contains(x)) return new Number(0);
        switch (e)
        {
            case Identifier: return new Number(1);
            case Unary { Op: UnaryOp.Negate } u:
                return Derive(u.Operand, x) is { } du ? new Unary(UnaryOp.Negate, du) : null;
            case Binary b:
                return DeriveBinary(b, x);
            case Call c:
                return DeriveCall(c, x);
            default:
                return null;
        }
    }

    private static Expr? DeriveBinary(Binary b, string x)
    {
        var dl = Derive(b.Left, x);
        var dr = Derive(b.Right, x);
        if (dl is null || dr is null) return null;
        Expr Mul(Expr a, Expr c) => new Binary(BinaryOp.Multiply, a, c);
        switch (b.Op)
        {
            case BinaryOp.Add: return new Binary(BinaryOp.Add, dl, dr);
            case BinaryOp.Subtract: return new Binary(BinaryOp.Subtract, dl, dr);
            case BinaryOp.Multiply:
                return new Binary(BinaryOp.Add, Mul(dl, b.Right), Mul(b.Left, dr));
            case BinaryOp.Divide:
                // (l/r)' = l'/r - l r'/r²
                return new Binary(BinaryOp.Subtract,
                    new Binary(BinaryOp.Divide, dl, b.Right),
                    new Binary(BinaryOp.Divide, Mul(b.Left, dr), new Binary(BinaryOp.Power, b.Right, new Number(2))));
            case BinaryOp.Power when !Names(b.Right).Contains(x):
                return Mul(Mul(b.Right, new Binary(BinaryOp.Power, b.Left, new Binary(BinaryOp.Subtract, b.Right, new Number(1)))), dl);
            case BinaryOp.Power:
                // d(l^r) = l^r (r' ln l + r l'/l)
                return Mul(b, new Binary(BinaryOp.Add, Mul(dr, new Call("log", [b.Left])),
                    new Binary(BinaryOp.Divide, Mul(b.Right, dl), b.Left)));
            default:
                return null;
        }
    }

    private static Expr? DeriveCall(Call c, string x)
    {
        if (c.Arguments.Count != 1) return null;
        var a = c.Arguments[0];
        var da = Derive(a, x);
        if (da is null) return null;
        Expr? outer = BuiltInFunctions.TryGet(c.Function, out var f) && f.Derivative is { } derivative ? derivative(c, a) : null;
        return outer is null ? null : new Binary(BinaryOp.Multiply, outer, da);
    }
}

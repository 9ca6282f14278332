namespace Dendra.Simulator.Expressions;

/// <summary>A node of a parsed model expression. Immutable; structural equality.</summary>
public abstract record Expr
{
    /// <summary>Character offset of this node in the text it was parsed from (for error messages).</summary>
    public int Position { get; init; }
}

/// <summary>A numeric literal.</summary>
/// <param name="Value">The value.</param>
public sealed record Number(double Value) : Expr
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A name: a parameter, state variable, input, sub-expression, or one of <c>t</c>, <c>dt</c>, <c>i</c>, <c>N</c>.</summary>
/// <param name="Name">The identifier.</param>
public sealed record Identifier(string Name) : Expr
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Unary minus or logical not.</summary>
/// <param name="Op">The operator.</param>
/// <param name="Operand">The operand.</param>
public sealed record Unary(UnaryOp Op, Expr Operand) : Expr
{
    /// <inheritdoc />
    public override string ToString() => Op == UnaryOp.Negate ? $"(-{Operand})" : $"(not {Operand})";
}

/// <summary>A binary operation; comparisons and logic yield 1 for true and 0 for false.</summary>
/// <param name="Op">The operator.</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record Binary(BinaryOp Op, Expr Left, Expr Right) : Expr
{
    /// <inheritdoc />
    public override string ToString() => $"({Left} {Op.Symbol()} {Right})";
}

/// <summary>A call of a built-in function (<c>exp</c>, <c>clip</c>, <c>rand</c>, …) or a population reduction (<c>sum</c>, <c>mean</c>, …).</summary>
/// <param name="Function">Function name.</param>
/// <param name="Arguments">Arguments.</param>
public sealed record Call(string Function, IReadOnlyList<Expr> Arguments) : Expr
{
    /// <inheritdoc />
    public bool Equals(Call? other) =>
        other is not null && Function == other.Function && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Function);
        foreach (var a in Arguments) hash.Add(a);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Function}({string.Join(", ", Arguments)})";
}

/// <summary>Unary operators.</summary>
public enum UnaryOp
{
    /// <summary>Arithmetic negation.</summary>
    Negate,
    /// <summary>Logical not.</summary>
    Not,
}

/// <summary>Binary operators.</summary>
public enum BinaryOp
{
    /// <summary>+</summary>
    Add,
    /// <summary>-</summary>
    Subtract,
    /// <summary>*</summary>
    Multiply,
    /// <summary>/</summary>
    Divide,
    /// <summary>^ or **</summary>
    Power,
    /// <summary>&lt;</summary>
    Less,
    /// <summary>&lt;=</summary>
    LessOrEqual,
    /// <summary>&gt;</summary>
    Greater,
    /// <summary>&gt;=</summary>
    GreaterOrEqual,
    /// <summary>==</summary>
    Equal,
    /// <summary>!=</summary>
    NotEqual,
    /// <summary>and</summary>
    And,
    /// <summary>or</summary>
    Or,
}

/// <summary>Helpers for operators.</summary>
public static class BinaryOpExtensions
{
    /// <summary>The operator as written in the model language.</summary>
    public static string Symbol(this BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Power => "^",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.Equal => "==",
        BinaryOp.NotEqual => "!=",
        BinaryOp.And => "and",
        BinaryOp.Or => "or",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>True for comparisons and logical operators, whose value is 0 or 1.</summary>
    public static bool IsBoolean(this BinaryOp op) => op >= BinaryOp.Less;
}

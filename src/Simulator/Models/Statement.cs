using Dendra.Simulator.Expressions;

namespace Dendra.Simulator.Models;

/// <summary>How a statement changes its target.</summary>
public enum AssignOp
{
    /// <summary>x = e</summary>
    Set,
    /// <summary>x += e</summary>
    Add,
    /// <summary>x -= e</summary>
    Subtract,
    /// <summary>x *= e</summary>
    Multiply,
    /// <summary>x /= e</summary>
    Divide,
}

/// <summary>One statement of event code (reset, on-pre, on-post): <c>target op= value</c>.</summary>
/// <param name="Target">The variable changed.</param>
/// <param name="Op">Assignment operator.</param>
/// <param name="Value">The right-hand side.</param>
/// <param name="Source">The statement as written.</param>
public sealed record Statement(string Target, AssignOp Op, Expr Value, string Source)
{
    /// <summary>The statement as a plain assignment <c>target = f(target, value)</c>.</summary>
    public Expr AsAssignment()
    {
        var target = new Identifier(Target);
        return Op switch
        {
            AssignOp.Set => Value,
            AssignOp.Add => new Binary(BinaryOp.Add, target, Value),
            AssignOp.Subtract => new Binary(BinaryOp.Subtract, target, Value),
            AssignOp.Multiply => new Binary(BinaryOp.Multiply, target, Value),
            _ => new Binary(BinaryOp.Divide, target, Value),
        };
    }

    /// <summary>Parses a block of statements separated by newlines or <c>;</c>.</summary>
    /// <param name="modelName">Used in error messages.</param>
    /// <param name="text">The code.</param>
    public static IReadOnlyList<Statement> ParseBlock(string modelName, string text)
    {
        var result = new List<Statement>();
        foreach (var raw in EquationParser.SplitLines(text))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var m = System.Text.RegularExpressions.Regex.Match(line, @"^([A-Za-z_]\w*)\s*([-+*/]?=)(?!=)");
            if (!m.Success)
                throw new ModelException(modelName, line, 0, "a statement must look like 'x = …', 'x += …', 'x -= …', 'x *= …' or 'x /= …'");
            var op = m.Groups[2].Value switch
            {
                "=" => AssignOp.Set,
                "+=" => AssignOp.Add,
                "-=" => AssignOp.Subtract,
                "*=" => AssignOp.Multiply,
                _ => AssignOp.Divide,
            };
            try
            {
                var value = ExpressionParser.Parse(line[m.Length..], m.Length);
                result.Add(new Statement(m.Groups[1].Value, op, value, line));
            }
            catch (ExpressionSyntaxException e)
            {
                throw new ModelException(modelName, line, e.Position, e.Message);
            }
        }
        return result;
    }
}

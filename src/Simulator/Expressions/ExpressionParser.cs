using System.Globalization;

namespace Dendra.Simulator.Expressions;

/// <summary>
/// Recursive-descent parser for the model language's expressions:
/// arithmetic, <c>^</c> (or <c>**</c>), comparisons, <c>and</c>/<c>or</c>/<c>not</c>, and function calls.
/// Precedence, lowest first: or, and, not, comparison, + -, * /, unary -, ^ (right-associative).
/// </summary>
public sealed class ExpressionParser
{
    private readonly string _text;
    private int _pos;

    private ExpressionParser(string text) => _text = text;

    /// <summary>Parses a whole expression; throws <see cref="ExpressionSyntaxException"/> on error.</summary>
    /// <param name="text">The expression text.</param>
    /// <param name="offset">Added to every position, for expressions embedded in a longer line.</param>
    public static Expr Parse(string text, int offset = 0)
    {
        var parser = new ExpressionParser(text);
        try
        {
            var expr = parser.ParseOr();
            parser.SkipSpace();
            if (parser._pos < text.Length)
                throw new ExpressionSyntaxException($"unexpected '{text[parser._pos]}'", parser._pos);
            return offset == 0 ? expr : Shift(expr, offset);
        }
        catch (ExpressionSyntaxException e) when (offset != 0)
        {
            throw new ExpressionSyntaxException(e.Message, e.Position + offset);
        }
    }

    private static Expr Shift(Expr e, int offset) => e switch
    {
        Unary u => u with { Operand = Shift(u.Operand, offset), Position = u.Position + offset },
        Binary b => b with { Left = Shift(b.Left, offset), Right = Shift(b.Right, offset), Position = b.Position + offset },
        Call c => c with { Arguments = c.Arguments.Select(a => Shift(a, offset)).ToArray(), Position = c.Position + offset },
        _ => e with { Position = e.Position + offset },
    };

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) return false;
        // Word operators must not swallow the start of an identifier ("order" is not "or").
        if (char.IsLetter(token[0]) && _pos + token.Length < _text.Length && IsIdentChar(_text[_pos + token.Length]))
            return false;
        _pos += token.Length;
        return true;
    }

    private static bool IsIdentChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (true)
        {
            int at = _pos;
            if (Accept("or") || Accept("||")) left = new Binary(BinaryOp.Or, left, ParseAnd()) { Position = at };
            else return left;
        }
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (true)
        {
            int at = _pos;
            if (Accept("and") || Accept("&&")) left = new Binary(BinaryOp.And, left, ParseNot()) { Position = at };
            else return left;
        }
    }

    private Expr ParseNot()
    {
        SkipSpace();
        int at = _pos;
        if (Accept("not") || (Peek('!') && !PeekAt(1, '=') && Accept("!")))
            return new Unary(UnaryOp.Not, ParseNot()) { Position = at };
        return ParseComparison();
    }

    private bool Peek(char c) => _pos < _text.Length && _text[_pos] == c;

    private bool PeekAt(int ahead, char c) => _pos + ahead < _text.Length && _text[_pos + ahead] == c;

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        SkipSpace();
        int at = _pos;
        BinaryOp? op =
            Accept("<=") ? BinaryOp.LessOrEqual :
            Accept(">=") ? BinaryOp.GreaterOrEqual :
            Accept("==") ? BinaryOp.Equal :
            Accept("!=") ? BinaryOp.NotEqual :
            Accept("<") ? BinaryOp.Less :
            Accept(">") ? BinaryOp.Greater : null;
        return op is null ? left : new Binary(op.Value, left, ParseAdditive()) { Position = at };
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            SkipSpace();
            int at = _pos;
            if (Accept("+")) left = new Binary(BinaryOp.Add, left, ParseMultiplicative()) { Position = at };
            else if (Accept("-")) left = new Binary(BinaryOp.Subtract, left, ParseMultiplicative()) { Position = at };
            else return left;
        }
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            int at = _pos;
            if (Peek('*') && PeekAt(1, '*')) return left;
            if (Accept("*")) left = new Binary(BinaryOp.Multiply, left, ParseUnary()) { Position = at };
            else if (Accept("/")) left = new Binary(BinaryOp.Divide, left, ParseUnary()) { Position = at };
            else return left;
        }
    }

    private Expr ParseUnary()
    {
        SkipSpace();
        int at = _pos;
        if (Accept("-")) return new Unary(UnaryOp.Negate, ParseUnary()) { Position = at };
        if (Accept("+")) return ParseUnary();
        return ParsePower();
    }

    private Expr ParsePower()
    {
        var baseExpr = ParsePrimary();
        SkipSpace();
        int at = _pos;
        if (Accept("^") || Accept("**"))
            return new Binary(BinaryOp.Power, baseExpr, ParseUnary()) { Position = at };
        return baseExpr;
    }

    private Expr ParsePrimary()
    {
        SkipSpace();
        int at = _pos;
        if (_pos >= _text.Length)
            throw new ExpressionSyntaxException("unexpected end of expression", _pos);
        char c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = ParseOr();
            if (!Accept(")")) throw new ExpressionSyntaxException("missing ')'", _pos);
            return inner;
        }
        if (char.IsDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsDigit(_text[_pos + 1])))
            return ParseNumber();
        if (char.IsLetter(c) || c == '_')
        {
            int start = _pos;
            while (_pos < _text.Length && IsIdentChar(_text[_pos])) _pos++;
            var name = _text[start.._pos];
            SkipSpace();
            if (!Peek('(')) return new Identifier(name) { Position = at };
            _pos++;
            var args = new List<Expr>();
            if (!Accept(")"))
            {
                do args.Add(ParseOr()); while (Accept(","));
                if (!Accept(")")) throw new ExpressionSyntaxException($"missing ')' after the arguments of {name}", _pos);
            }
            return new Call(name, args) { Position = at };
        }
        throw new ExpressionSyntaxException($"unexpected '{c}'", _pos);
    }

    private Number ParseNumber()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            int save = _pos;
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
            if (_pos < _text.Length && char.IsDigit(_text[_pos]))
                while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
            else _pos = save;
        }
        var token = _text[start.._pos];
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new ExpressionSyntaxException($"malformed number '{token}'", start);
        return new Number(value) { Position = start };
    }
}

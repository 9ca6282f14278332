using Dendra.Simulator.Expressions;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// Resolves the names of one model's code for kernel generation and checks it: shared parameters become
/// numbers, sub-expressions are inlined (a cycle among them is an error), arrays stay names, population
/// reductions become scalar cells, and anything unknown is reported with its equation and position.
/// </summary>
internal sealed class NameScope
{
    private static readonly HashSet<string> Builtins = ["t", "dt", "N", "i", "not_refractory"];

    /// <summary>Unit names (<c>ms</c>, <c>mV</c>, <c>nS</c>…) read as their SI value, so "5*ms" means 0.005; a model's own names take precedence.</summary>
    private static readonly Dictionary<string, double> UnitConstants = typeof(Units)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .ToDictionary(f => f.Name, f => (double)f.GetValue(null)!, StringComparer.Ordinal);

    private readonly string _model;
    private readonly Dictionary<string, double> _constants;
    private readonly HashSet<string> _arrays;
    private readonly Dictionary<string, Equation> _subExpressions;
    private readonly Dictionary<string, Expr> _resolvedSubExpressions = new(StringComparer.Ordinal);
    private readonly bool _allowReductions;

    /// <param name="model">Model name, for errors.</param>
    /// <param name="constants">Names folded to numbers (shared parameters).</param>
    /// <param name="arrays">Names bound to arrays.</param>
    /// <param name="subExpressions">Sub-expression equations by name.</param>
    /// <param name="allowReductions">Whether <c>sum()</c>/<c>mean()</c> over the population are allowed.</param>
    public NameScope(string model, Dictionary<string, double> constants, HashSet<string> arrays,
        IEnumerable<Equation> subExpressions, bool allowReductions)
    {
        _model = model;
        _constants = constants;
        _arrays = arrays;
        _subExpressions = subExpressions.ToDictionary(e => e.Name, StringComparer.Ordinal);
        _allowReductions = allowReductions;
    }

    /// <summary>Reductions found so far: cell name → the expression summed (already resolved), and whether it is a mean.</summary>
    public List<(string Cell, Expr Argument, bool Mean)> Reductions { get; } = [];

    /// <summary>Names every expression may use besides the scope's own (locals of the kernel being built).</summary>
    public HashSet<string> Extra { get; } = new(StringComparer.Ordinal);

    public bool IsArray(string name) => _arrays.Contains(name);

    /// <summary>Resolves an expression that was written in <paramref name="source"/>.</summary>
    public Expr Resolve(Expr e, string source) => Resolve(e, source, []);

    private Expr Resolve(Expr e, string source, List<string> expanding)
    {
        switch (e)
        {
            case Number:
                return e;
            case Identifier id:
                return ResolveName(id, source, expanding);
            case Unary u:
                return u with { Operand = Resolve(u.Operand, source, expanding) };
            case Binary b:
                return Symbolic.Simplify(b with { Left = Resolve(b.Left, source, expanding), Right = Resolve(b.Right, source, expanding) });
            case Call c:
                return ResolveCall(c, source, expanding);
            default:
                throw new ArgumentOutOfRangeException(nameof(e));
        }
    }

    private Expr ResolveName(Identifier id, string source, List<string> expanding)
    {
        var name = id.Name;
        if (_constants.TryGetValue(name, out var value)) return new Number(value) { Position = id.Position };
        if (_arrays.Contains(name) || Builtins.Contains(name) || Extra.Contains(name)) return id;
        if (!_subExpressions.ContainsKey(name) && UnitConstants.TryGetValue(name, out var unit)) return new Number(unit) { Position = id.Position };
        if (_subExpressions.TryGetValue(name, out var eq))
        {
            if (expanding.Contains(name))
            {
                var cycle = string.Join(" → ", expanding.SkipWhile(n => n != name).Append(name));
                throw new ModelException(_model, eq.Source, -1, $"the sub-expressions are cyclic: {cycle}");
            }
            if (_resolvedSubExpressions.TryGetValue(name, out var done)) return done;
            expanding.Add(name);
            var resolved = Resolve(eq.Rhs, eq.Source, expanding);
            expanding.RemoveAt(expanding.Count - 1);
            _resolvedSubExpressions[name] = resolved;
            return resolved;
        }
        throw new ModelException(_model, source, id.Position, $"unknown identifier '{name}'{Suggestion(name)}");
    }

    private string Suggestion(string name)
    {
        var known = _constants.Keys.Concat(_arrays).Concat(_subExpressions.Keys).Where(k => !k.StartsWith("__", StringComparison.Ordinal));
        var close = known.OrderBy(k => Distance(k, name)).FirstOrDefault();
        return close is not null && Distance(close, name) <= 2 ? $" (did you mean '{close}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int x = 0; x <= a.Length; x++) d[x, 0] = x;
        for (int y = 0; y <= b.Length; y++) d[0, y] = y;
        for (int x = 1; x <= a.Length; x++)
            for (int y = 1; y <= b.Length; y++)
                d[x, y] = Math.Min(Math.Min(d[x - 1, y] + 1, d[x, y - 1] + 1), d[x - 1, y - 1] + (a[x - 1] == b[y - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    private Expr ResolveCall(Call c, string source, List<string> expanding)
    {
        // One-argument max/min are not reductions here: keep the language small and unambiguous.
        if (!BuiltInFunctions.TryGet(c.Function, out var function))
            throw new ModelException(_model, source, c.Position, $"unknown function '{c.Function}' (known: {string.Join(", ", BuiltInFunctions.All.Select(f => f.Name))})");
        int arity = function.Arity;
        if (c.Arguments.Count != arity)
            throw new ModelException(_model, source, c.Position, $"{c.Function}() takes {arity} argument{(arity == 1 ? "" : "s")}, got {c.Arguments.Count}");
        var args = c.Arguments.Select(a => Resolve(a, source, expanding)).ToArray();
        if (function.Kind == FunctionKind.Reduction)
        {
            if (!_allowReductions)
                throw new ModelException(_model, source, c.Position, $"{c.Function}() over a population is only allowed in neuron equations");
            bool nested = false;
            Symbolic.Visit(args[0], n => nested |= n is Identifier id && id.Name.StartsWith("__reduce", StringComparison.Ordinal));
            if (nested) throw new ModelException(_model, source, c.Position, "population reductions cannot be nested");
            var existing = Reductions.FindIndex(r => r.Argument == args[0] && r.Mean == (c.Function == "mean"));
            if (existing >= 0) return new Identifier(Reductions[existing].Cell);
            var cell = $"__reduce{Reductions.Count}";
            Reductions.Add((cell, args[0], c.Function == "mean"));
            return new Identifier(cell);
        }
        return c with { Arguments = args };
    }
}

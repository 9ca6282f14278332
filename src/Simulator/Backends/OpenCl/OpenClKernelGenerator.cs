using System.Globalization;
using System.Text;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Expressions;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// Writes OpenCL C for backend-neutral kernels: one work-item per element (neuron or synapse), every operation in
/// the order the CPU generator performs it, so that with correctly rounded arithmetic both produce the same bits.
/// Each statement is preceded by a comment holding it in model syntax, so a build error can be traced to the equation.
/// </summary>
/// <param name="doublePrecision">Whether <c>real</c> is double (float64 network) rather than float.</param>
internal sealed class OpenClKernelGenerator(bool doublePrecision) : IKernelGenerator<string>
{
    private bool DoublePrecision { get; } = doublePrecision;

    /// <summary>Pieces of a sum kernel: the plan's fixed chunk, so partial sums are formed over the same elements as on the CPU.</summary>
    public const int SumPiece = FixedChunk.Length;

    /// <summary>Pieces of each instance's sum in a sum kernel over a batch (one instance: the pieces of the whole range).</summary>
    public static int PiecesPerInstance(KernelDefinition kernel) => (kernel.ElementCount + SumPiece - 1) / SumPiece;

    /// <summary>The OpenCL C function name of a kernel.</summary>
    public static string FunctionName(KernelDefinition kernel)
    {
        var name = new StringBuilder("k_");
        foreach (char c in kernel.Name) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        // Names of different kernels may sanitize alike (a.b and a_b); the hash of the original keeps them apart.
        name.Append('_').Append(((uint)StableHash(kernel.Name)).ToString("x8", CultureInfo.InvariantCulture));
        return name.ToString();
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (char c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }

    /// <summary>The buffer parameters of the kernel, in the order the generated function declares them.</summary>
    public static IReadOnlyList<KernelParameter> Parameters(KernelDefinition kernel)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in kernel.Body) CollectNames(s, used);
        var list = new List<KernelParameter>();
        if (kernel.Refractory is not null) list.Add(new("last_spike", ParameterRole.LastSpike, null));
        if (kernel.EventClock is not null) list.Add(new("event_clock", ParameterRole.EventClock, null));
        if (kernel.PreClock is not null && used.Contains(KernelBuiltins.ElapsedPre)) list.Add(new("pre_clock", ParameterRole.PreClock, null));
        if (kernel.PostClock is not null && used.Contains(KernelBuiltins.ElapsedPost)) list.Add(new("post_clock", ParameterRole.PostClock, null));
        if (kernel.PreIndex is not null && kernel.Shape != KernelShape.SynapseEvent) list.Add(new("pre_index", ParameterRole.PreIndex, null));
        if (kernel.PostIndex is not null && kernel.Shape != KernelShape.SynapseEvent) list.Add(new("post_index", ParameterRole.PostIndex, null));
        foreach (var name in kernel.Arrays.Keys.Where(used.Contains).Order(StringComparer.Ordinal))
            list.Add(new("a_" + name, ParameterRole.Array, kernel.Arrays[name].Data));
        switch (kernel.Shape)
        {
            case KernelShape.ThresholdLoop: list.Add(new("spiked_at", ParameterRole.SpikedAt, null)); break;
            case KernelShape.UpdateLoop: list.Add(new("failed_step", ParameterRole.FailedStep, null)); break;
            case KernelShape.SumLoop: list.Add(new("partials", ParameterRole.Partials, null)); break;
        }
        if (kernel.ChecksFinite && kernel.Shape != KernelShape.UpdateLoop) list.Add(new("failed_step", ParameterRole.FailedStep, null));
        return list;
    }

    private static void CollectNames(KernelStatement s, HashSet<string> names)
    {
        switch (s)
        {
            case LetStatement let: names.UnionWith(Symbolic.Names(let.Value)); break;
            case StoreStatement store: names.Add(store.Variable); names.UnionWith(Symbolic.Names(store.Value)); break;
            case IfStatement cond:
                names.UnionWith(Symbolic.Names(cond.Condition));
                foreach (var t in cond.Then) CollectNames(t, names);
                break;
        }
    }

    /// <summary>The OpenCL C declaration of a buffer parameter.</summary>
    public static string Declaration(KernelParameter p) => p.Role switch
    {
        ParameterRole.LastSpike or ParameterRole.EventClock or ParameterRole.SpikedAt => "__global long* " + p.Name,
        ParameterRole.PreClock or ParameterRole.PostClock => "__global const long* " + p.Name,
        ParameterRole.PreIndex or ParameterRole.PostIndex => "__global const int* " + p.Name,
        ParameterRole.FailedStep => "__global int* " + p.Name,
        ParameterRole.Partials => "__global acc* " + p.Name,
        _ => "__global real* " + p.Name,
    };

    /// <inheritdoc />
    public string Generate(KernelDefinition kernel) => new Emission(this, kernel).Source();

    private sealed class Emission(OpenClKernelGenerator generator, KernelDefinition kernel)
    {
        private readonly StringBuilder _source = new();
        private readonly HashSet<string> _locals = new(StringComparer.Ordinal);
        private int _randomSites;
        private int _indent = 1;

        private bool Double => generator.DoublePrecision;

        private string Element => kernel.Shape == KernelShape.SynapseEvent ? "synapse" : "i";

        public string Source()
        {
            var parameters = Parameters(kernel);
            var head = kernel.Shape == KernelShape.SynapseEvent
                ? "void " + FunctionName(kernel) + "(int synapse, int pre, int post, long step"
                : "__kernel void " + FunctionName(kernel) + "(int start, int end, long step";
            _source.Append("// ").Append(kernel.Name).Append('\n').Append(head);
            foreach (var p in parameters) _source.Append(", ").Append(Declaration(p));
            _source.Append(")\n{\n");
            Line("const real t = " + Time() + ";");
            foreach (var s in kernel.Body) CollectLocals(s);
            switch (kernel.Shape)
            {
                case KernelShape.SynapseEvent:
                    DeclareLocals();
                    Body();
                    break;
                case KernelShape.SumLoop when kernel.Instances > 1:
                    // A batch: the pieces of every instance in one launch, each instance's pieces together, so each
                    // instance's sum is formed from the same pieces in the same order as with one instance.
                    Line("const int piece = (int)get_global_id(0);");
                    Line($"const int instance = piece / {PiecesPerInstance(kernel)};");
                    Line($"if (instance >= {kernel.Instances}) return;");
                    Line($"const int first = instance * {kernel.ElementCount} + piece % {PiecesPerInstance(kernel)} * {SumPiece};");
                    Line($"const int last = min((instance + 1) * {kernel.ElementCount}, first + {SumPiece});");
                    SumBody();
                    break;
                case KernelShape.SumLoop:
                    Line("const int piece = (int)get_global_id(0);");
                    Line($"const int first = start + piece * {SumPiece};");
                    Line("if (first >= end) return;");
                    Line($"const int last = min(end, first + {SumPiece});");
                    SumBody();
                    break;
                default:
                    Line("const int i = start + (int)get_global_id(0);");
                    Line("if (i >= end) return;");
                    DeclareLocals();
                    Body();
                    break;
            }
            _source.Append("}\n");
            return _source.ToString();
        }


        private void SumBody()
        {
            Line("acc sum = 0;");
            Line("for (int i = first; i < last; i++)");
            Line("{");
            _indent++;
            DeclareLocals();
            Body();
            Line("sum += (acc)l_value;");
            _indent--;
            Line("}");
            Line("partials[piece] = sum;");
        }

        // As on the CPU, t = step·dt in double, then rounded to the precision (in float where a device has no float64).
        private string Time() => "(real)(DENDRA_TIME(step, " + DoubleLiteral(kernel.Dt) + "))";

        private void Line(string text) => _source.Append(' ', 4 * _indent).Append(text).Append('\n');

        private void Comment(string text) => Line("// " + text.Replace('\n', ' '));

        private void CollectLocals(KernelStatement s)
        {
            switch (s)
            {
                case LetStatement let: _locals.Add(let.Local); break;
                case IfStatement cond: foreach (var t in cond.Then) CollectLocals(t); break;
            }
        }

        private void DeclareLocals()
        {
            // The CPU declares locals per element; declaring them all up front gives an If-assigned local the same scope.
            foreach (var local in _locals.Order(StringComparer.Ordinal)) Line($"real l_{local} = 0;");
        }

        private void Body()
        {
            foreach (var s in kernel.Body) Statement(s);
        }

        private void Statement(KernelStatement s)
        {
            switch (s)
            {
                case LetStatement let:
                    Comment($"{let.Local} = {let.Value}");
                    Line($"l_{let.Local} = {Value(let.Value)};");
                    break;
                case StoreStatement store:
                    Comment($"{store.Variable} = {store.Value}");
                    if (kernel.Shape == KernelShape.UpdateLoop || kernel.ChecksFinite)
                    {
                        Line("{");
                        Line($"    const real x = {Value(store.Value)};");
                        Line("    if (!isfinite(x)) atomic_min(failed_step, (int)min(step, (long)INT_MAX));");
                        Line($"    {ArrayElement(store.Variable)} = x;");
                        Line("}");
                    }
                    else Line($"{ArrayElement(store.Variable)} = {Value(store.Value)};");
                    break;
                case TouchClockStatement:
                    Line($"event_clock[{Element}] = step;");
                    break;
                case EmitSpikeStatement:
                    Line("spiked_at[i] = step;");
                    if (kernel.Refractory is not null) Line("last_spike[i] = step;");
                    break;
                case IfStatement cond:
                    Comment($"if {cond.Condition}");
                    Line($"if ({Condition(cond.Condition)})");
                    Line("{");
                    _indent++;
                    foreach (var t in cond.Then) Statement(t);
                    _indent--;
                    Line("}");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(s));
            }
        }

        private string ArrayElement(string name)
        {
            var binding = kernel.Arrays[name];
            string index = binding.Index switch
            {
                IndexKind.Element => Element,
                IndexKind.Pre => kernel.Shape == KernelShape.SynapseEvent ? "pre" : $"pre_index[{Element}]",
                IndexKind.Post => kernel.Shape == KernelShape.SynapseEvent ? "post" : $"post_index[{Element}]",
                _ => kernel.Instances == 1 ? "0" : $"({Element} / {kernel.ElementCount})",
            };
            return $"a_{name}[{index}]";
        }

        private string Literal(double v) => Double ? DoubleLiteral(v) : FloatLiteral((float)v);

        private static string DoubleLiteral(double v)
        {
            if (double.IsNaN(v)) return "((double)NAN)";
            if (double.IsInfinity(v)) return v > 0 ? "((double)INFINITY)" : "(-(double)INFINITY)";
            var text = v.ToString("R", CultureInfo.InvariantCulture);
            if (!text.Contains('.') && !text.Contains('E')) text += ".0";
            return v < 0 || text.StartsWith('-') ? "(" + text + ")" : text;
        }

        private static string FloatLiteral(float v)
        {
            if (float.IsNaN(v)) return "NAN";
            if (float.IsInfinity(v)) return v > 0 ? "INFINITY" : "(-INFINITY)";
            var text = v.ToString("R", CultureInfo.InvariantCulture);
            if (!text.Contains('.') && !text.Contains('E')) text += ".0";
            text += "f";
            return v < 0 || text.StartsWith('-') ? "(" + text + ")" : text;
        }

        private string Value(Expr e) => e switch
        {
            Number n => Literal(n.Value),
            Identifier id => Name(id.Name),
            Unary { Op: UnaryOp.Negate } u => $"(-{Value(u.Operand)})",
            Unary u => BoolToValue($"!({Condition(u.Operand)})"),
            Binary b when b.Op.IsBoolean() => BoolToValue(Condition(b)),
            Binary b => Arithmetic(b),
            Call c => Function(c),
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };

        private static string BoolToValue(string condition) => $"(({condition}) ? (real)1 : (real)0)";

        private string Name(string name)
        {
            if (_locals.Contains(name)) return "l_" + name;
            if (kernel.Arrays.ContainsKey(name)) return ArrayElement(name);
            return name switch
            {
                "t" => "t",
                "dt" => Literal(kernel.Dt),
                "N" => Literal(kernel.ElementCount),
                "i" => kernel.Instances == 1 || kernel.Shape == KernelShape.SynapseEvent ? $"((real){Element})" : $"((real)({Element} % {kernel.ElementCount}))",
                "not_refractory" => BoolToValue(NotRefractory()),
                KernelBuiltins.PreNeuron => $"((real)({(kernel.Shape == KernelShape.SynapseEvent ? "pre" : $"pre_index[{Element}]")} - {kernel.SliceStarts.Pre}))",
                KernelBuiltins.PostNeuron => $"((real)({(kernel.Shape == KernelShape.SynapseEvent ? "post" : $"post_index[{Element}]")} - {kernel.SliceStarts.Post}))",
                "elapsed" when kernel.EventClock is not null => $"((real)(step - event_clock[{Element}]) * {Literal(kernel.Dt)})",
                KernelBuiltins.ElapsedPre when kernel.PreClock is not null =>
                    $"((real)(step - pre_clock[{(kernel.Shape == KernelShape.SynapseEvent ? "pre" : $"pre_index[{Element}]")}]) * {Literal(kernel.Dt)})",
                KernelBuiltins.ElapsedPost when kernel.PostClock is not null =>
                    $"((real)(step - post_clock[{(kernel.Shape == KernelShape.SynapseEvent ? "post" : $"post_index[{Element}]")}]) * {Literal(kernel.Dt)})",
                _ => throw new InvalidOperationException($"kernel '{kernel.Name}': unresolved name '{name}'"),
            };
        }

        private string NotRefractory() => kernel.Refractory is { } r
            ? $"(step - last_spike[{Element}] >= {r.Steps}L)"
            : "1";

        private string Arithmetic(Binary b)
        {
            var l = Value(b.Left);
            var r = Value(b.Right);
            return b.Op switch
            {
                BinaryOp.Add => $"({l} + {r})",
                BinaryOp.Subtract => $"({l} - {r})",
                BinaryOp.Multiply => $"({l} * {r})",
                BinaryOp.Divide => $"({l} / {r})",
                // Small integer powers are multiplications, as on the CPU: the same bits.
                _ when b.Right is Number { Value: 2 } => $"dendra_square({l})",
                _ when b.Right is Number { Value: 3 } => $"dendra_cube({l})",
                _ => $"DENDRA_MATH2(pow, {l}, {r})",
            };
        }

        private string Function(Call c)
        {
            var function = BuiltInFunctions.Of(c);
            var args = function.Kind == FunctionKind.Random ? [] : c.Arguments.Select(Value).ToArray();
            return function.Kind switch
            {
                FunctionKind.Conditional => $"(({Condition(c.Arguments[0])}) ? {args[1]} : {args[2]})",
                FunctionKind.Random => Random(function.OpenCl!),
                FunctionKind.Math when function.OpenCl is { } form => string.Format(CultureInfo.InvariantCulture, form, args),
                _ => throw new InvalidOperationException($"kernel '{kernel.Name}': unknown function '{c.Function}'"),
            };
        }

        private string Random(string draw)
        {
            // Counter = step·(elements of the whole batch) + element, stream = kernel stream + call site: the CPU backend's
            // addresses exactly.
            ulong stream = kernel.Stream + (ulong)_randomSites++;
            string counter = $"(ulong)step * {(ulong)kernel.TotalElements}UL + (ulong){Element}";
            return $"((real){draw}({kernel.Seed}UL, {stream}UL, {counter}))";
        }

        private string Condition(Expr e)
        {
            switch (e)
            {
                case Unary { Op: UnaryOp.Not } u:
                    return $"!({Condition(u.Operand)})";
                case Identifier { Name: "not_refractory" } when !_locals.Contains("not_refractory"):
                    return NotRefractory();
                case Binary { Op: BinaryOp.And } b:
                    return $"(({Condition(b.Left)}) && ({Condition(b.Right)}))";
                case Binary { Op: BinaryOp.Or } b:
                    return $"(({Condition(b.Left)}) || ({Condition(b.Right)}))";
                case Binary b when b.Op.IsBoolean():
                    var l = Value(b.Left);
                    var r = Value(b.Right);
                    return b.Op switch
                    {
                        BinaryOp.Less => $"({l} < {r})",
                        BinaryOp.LessOrEqual => $"({l} <= {r})",
                        BinaryOp.Greater => $"({l} > {r})",
                        BinaryOp.GreaterOrEqual => $"({l} >= {r})",
                        BinaryOp.Equal => $"({l} == {r})",
                        _ => $"({l} != {r})",
                    };
                default:
                    return $"({Value(e)} != (real)0)";
            }
        }
    }
}

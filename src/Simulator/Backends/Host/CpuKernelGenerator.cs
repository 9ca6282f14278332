using System.Linq.Expressions;
using System.Reflection;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Expressions;
using Dendra.Simulator.Random;
using E = System.Linq.Expressions.Expression;

namespace Dendra.Simulator.Backends.Host;

/// <summary>
/// Compiles kernels to CPU delegates through expression trees: the loop over elements is part of the
/// compiled code, and shared parameters are constants in it, so nothing is interpreted per neuron per step.
/// </summary>
/// <param name="elementType"><c>typeof(float)</c> or <c>typeof(double)</c>: the network's precision.</param>
public sealed partial class CpuKernelGenerator(Type elementType) : IKernelGenerator<Delegate>
{
    private readonly Type _t = elementType;
    private readonly Type _math = elementType == typeof(float) ? typeof(MathF) : typeof(Math);

    /// <inheritdoc />
    public Delegate Generate(KernelDefinition kernel)
    {
        InterpretedCodeWarning.WarnOnce();
        return new Emission(this, kernel).Compile();
    }

    private sealed partial class Emission
    {
        private readonly CpuKernelGenerator _g;
        private readonly KernelDefinition _k;
        private readonly Dictionary<string, ParameterExpression> _locals = new(StringComparer.Ordinal);
        private readonly ParameterExpression _start = E.Parameter(typeof(int), "start");
        private readonly ParameterExpression _end = E.Parameter(typeof(int), "end");
        private readonly ParameterExpression _step = E.Parameter(typeof(long), "step");
        private readonly ParameterExpression _spikes = E.Parameter(typeof(int[]), "spikes");
        private readonly ParameterExpression _synapse = E.Parameter(typeof(int), "synapse");
        private readonly ParameterExpression _pre = E.Parameter(typeof(int), "pre");
        private readonly ParameterExpression _post = E.Parameter(typeof(int), "post");
        private readonly ParameterExpression _i = E.Variable(typeof(int), "i");
        private readonly ParameterExpression _time;
        private readonly ParameterExpression _count = E.Variable(typeof(int), "count");
        private readonly ParameterExpression _sum = E.Variable(typeof(double), "sum");
        private readonly ParameterExpression _stored;
        private readonly Dictionary<object, ParameterExpression> _arrayLocals = new(ReferenceEqualityComparer.Instance);
        private int _randomSites;

        public Emission(CpuKernelGenerator generator, KernelDefinition kernel)
        {
            _g = generator;
            _k = kernel;
            _time = E.Variable(generator._t, "t");
            _stored = E.Variable(generator._t, "stored");
        }

        private Type T => _g._t;

        private Expression Element => _k.Shape == KernelShape.SynapseEvent ? _synapse : _i;

        public Delegate Compile()
        {
            var body = new List<Expression>
            {
                E.Assign(_time, E.Convert(E.Multiply(E.Convert(_step, typeof(double)), E.Constant(_k.Dt)), T)),
            };
            var perElement = _k.Body.Select(EmitStatement).ToList();
            var vectorLoop = VectorLoop();
            // Arrays are loaded into locals once, before the loop: a constant array in an expression tree lives in a
            // closure and would otherwise be fetched and type-checked at every access.
            body.InsertRange(0, _arrayLocals.Select(kv => (Expression)E.Assign(kv.Value, E.Constant(kv.Key))));
            var variables = new List<ParameterExpression> { _time };
            variables.AddRange(_arrayLocals.Values);
            switch (_k.Shape)
            {
                case KernelShape.SynapseEvent:
                    body.AddRange(perElement);
                    body.Add(E.Empty());
                    variables.AddRange(_locals.Values);
                    return E.Lambda<SynapseKernel>(E.Block(variables, body), _synapse, _pre, _post, _step).Compile();
                case KernelShape.ElementLoop:
                    if (vectorLoop is not null) body.Add(vectorLoop);
                    body.Add(Loop(perElement, fromStart: vectorLoop is null));
                    variables.Add(_i);
                    return E.Lambda<ElementKernel>(E.Block(variables, body), _start, _end, _step).Compile();
                case KernelShape.ThresholdLoop:
                    body.Add(E.Assign(_count, E.Constant(0)));
                    body.Add(Loop(perElement));
                    body.Add(_count);
                    variables.AddRange([_i, _count]);
                    return E.Lambda<ThresholdKernel>(E.Block(typeof(int), variables, body), _start, _end, _step, _spikes).Compile();
                case KernelShape.UpdateLoop:
                    body.Add(E.Assign(_stored, Constant(0)));
                    if (vectorLoop is not null) body.Add(vectorLoop);
                    body.Add(Loop(perElement, fromStart: vectorLoop is null));
                    body.Add(E.Convert(_stored, typeof(double)));
                    variables.AddRange([_i, _stored]);
                    return E.Lambda<SumKernel>(E.Block(typeof(double), variables, body), _start, _end, _step).Compile();
                case KernelShape.SumLoop:
                    body.Add(E.Assign(_sum, E.Constant(0.0)));
                    perElement.Add(E.AddAssign(_sum, E.Convert(_locals["value"], typeof(double))));
                    if (vectorLoop is not null) body.Add(vectorLoop);
                    body.Add(Loop(perElement, fromStart: vectorLoop is null));
                    body.Add(_sum);
                    variables.AddRange([_i, _sum]);
                    return E.Lambda<SumKernel>(E.Block(typeof(double), variables, body), _start, _end, _step).Compile();
                default:
                    throw new ArgumentOutOfRangeException(nameof(_k.Shape));
            }
        }

        /// <summary>The scalar loop, from <c>start</c> or (after a vector loop) from where <c>i</c> stands.</summary>
        private Expression Loop(List<Expression> perElement, bool fromStart = true)
        {
            var exit = E.Label("exit");
            // Locals are declared inside the loop body so each element starts fresh.
            var inner = E.Block(_locals.Values, perElement.Append(E.PostIncrementAssign(_i)));
            var loop = E.Loop(E.IfThenElse(E.LessThan(_i, _end), inner, E.Break(exit)), exit);
            return fromStart ? E.Block(E.Assign(_i, _start), loop) : loop;
        }

        private Expression EmitStatement(KernelStatement s) => s switch
        {
            LetStatement let => E.Assign(Local(let.Local), Value(let.Value)),
            StoreStatement store => Store(store),
            TouchClockStatement => E.Assign(E.ArrayAccess(ArrayLocal(_k.EventClock!), Element), _step),
            IfStatement cond => E.IfThen(Condition(cond.Condition), E.Block(cond.Then.Select(EmitStatement).Append(E.Empty()))),
            EmitSpikeStatement => EmitSpike(),
            _ => throw new ArgumentOutOfRangeException(nameof(s)),
        };

        private Expression EmitSpike()
        {
            var record = E.Assign(E.ArrayAccess(_spikes, E.Add(_start, E.PostIncrementAssign(_count))), _i);
            if (_k.Refractory is null) return record;
            return E.Block(record, E.Assign(E.ArrayAccess(ArrayLocal(_k.Refractory.LastSpikeStep), _i), _step));
        }

        private Expression NotRefractory()
        {
            if (_k.Refractory is not { } r) return E.Constant(true);
            var last = E.ArrayAccess(ArrayLocal(r.LastSpikeStep), Element);
            return E.GreaterThanOrEqual(E.Subtract(_step, last), E.Constant((long)r.Steps));
        }

        private ParameterExpression ArrayLocal(Array data)
        {
            if (!_arrayLocals.TryGetValue(data, out var local))
                _arrayLocals[data] = local = E.Variable(data.GetType(), "array" + _arrayLocals.Count);
            return local;
        }

        private ParameterExpression Local(string name)
        {
            if (!_locals.TryGetValue(name, out var p)) _locals[name] = p = E.Variable(T, name);
            return p;
        }

        private Expression Store(StoreStatement store)
        {
            var target = ArrayElement(store.Variable);
            var value = Value(store.Value);
            if (_k.Shape == KernelShape.UpdateLoop)
            {
                var x = E.Variable(T, "x");
                return E.Block([x], E.Assign(x, value), E.AddAssign(_stored, x), E.Assign(target, target.Type == T ? x : E.Convert(x, target.Type)));
            }
            if (_k.ChecksFinite)
            {
                // Checked before the store, so the array keeps its last finite value and the exception names where it went wrong.
                var x = E.Variable(T, "x");
                var isFinite = E.Call(T.GetMethod(nameof(double.IsFinite), [T])!, x);
                var fail = E.Throw(E.New(NonFiniteStoreCtor, E.Constant(store.Variable), target.Arguments[0], _step, E.Convert(x, typeof(double))));
                return E.Block([x], E.Assign(x, value), E.IfThen(E.Not(isFinite), fail), E.Assign(target, target.Type == T ? x : E.Convert(x, target.Type)));
            }
            return E.Assign(target, target.Type == T ? value : E.Convert(value, target.Type));
        }

        private static readonly ConstructorInfo NonFiniteStoreCtor =
            typeof(NonFiniteStoreException).GetConstructor([typeof(string), typeof(int), typeof(long), typeof(double)])!;

        private Expression Read(string name)
        {
            var element = ArrayElement(name);
            return element.Type == T ? element : E.Convert(element, T);
        }

        private IndexExpression ArrayElement(string name)
        {
            var binding = _k.Arrays[name];
            Expression index = binding.Index switch
            {
                IndexKind.Element => Element,
                IndexKind.Pre => PreNeuronIndex,
                IndexKind.Post => PostNeuronIndex,
                _ => InstanceOf(Element),
            };
            return E.ArrayAccess(ArrayLocal(binding.Data), index);
        }

        /// <summary>The current synapse's presynaptic neuron (its index in its population).</summary>
        private Expression PreNeuronIndex => _k.Shape == KernelShape.SynapseEvent ? _pre : E.ArrayAccess(ArrayLocal(_k.PreIndex!), Element);

        /// <summary>The current synapse's postsynaptic neuron (its index in its population).</summary>
        private Expression PostNeuronIndex => _k.Shape == KernelShape.SynapseEvent ? _post : E.ArrayAccess(ArrayLocal(_k.PostIndex!), Element);

        /// <summary>The instance of a batch that an element belongs to (always 0 without a batch).</summary>
        private Expression InstanceOf(Expression element) =>
            _k.Instances == 1 ? E.Constant(0) : E.Divide(element, E.Constant(_k.ElementCount));

        /// <summary>The neuron an element is: the element itself, or with a batch its place within its instance.</summary>
        private Expression NeuronOf(Expression element) =>
            _k.Instances == 1 || _k.Shape == KernelShape.SynapseEvent ? element : E.Modulo(element, E.Constant(_k.ElementCount));

        private Expression Constant(double v) => E.Constant(T == typeof(float) ? (object)(float)v : v, T);

        private Expression Value(Expr e) => e switch
        {
            Number n => Constant(n.Value),
            Identifier id => Name(id.Name),
            Unary { Op: UnaryOp.Negate } u => E.Negate(Value(u.Operand)),
            Unary u => BoolToValue(E.Not(Condition(u.Operand))),
            Binary b when b.Op.IsBoolean() => BoolToValue(Condition(b)),
            Binary b => Arithmetic(b),
            Call c => Function(c),
            _ => throw new ArgumentOutOfRangeException(nameof(e)),
        };

        private Expression BoolToValue(Expression condition) => E.Condition(condition, Constant(1), Constant(0));

        private Expression Name(string name)
        {
            if (_locals.TryGetValue(name, out var local)) return local;
            if (_k.Arrays.ContainsKey(name)) return Read(name);
            return name switch
            {
                "t" => _time,
                "dt" => Constant(_k.Dt),
                "N" => Constant(_k.ElementCount),
                "i" => E.Convert(NeuronOf(Element), T),
                "not_refractory" => BoolToValue(NotRefractory()),
                KernelBuiltins.PreNeuron => E.Convert(E.Subtract(_k.Shape == KernelShape.SynapseEvent ? _pre : E.ArrayAccess(ArrayLocal(_k.PreIndex!), Element),
                    E.Constant(_k.SliceStarts.Pre)), T),
                KernelBuiltins.PostNeuron => E.Convert(E.Subtract(_k.Shape == KernelShape.SynapseEvent ? _post : E.ArrayAccess(ArrayLocal(_k.PostIndex!), Element),
                    E.Constant(_k.SliceStarts.Post)), T),
                "elapsed" when _k.EventClock is not null => E.Multiply(
                    E.Convert(E.Subtract(_step, E.ArrayAccess(ArrayLocal(_k.EventClock), Element)), T), Constant(_k.Dt)),
                KernelBuiltins.ElapsedPre when _k.PreClock is not null => E.Multiply(
                    E.Convert(E.Subtract(_step, E.ArrayAccess(ArrayLocal(_k.PreClock), PreNeuronIndex)), T), Constant(_k.Dt)),
                KernelBuiltins.ElapsedPost when _k.PostClock is not null => E.Multiply(
                    E.Convert(E.Subtract(_step, E.ArrayAccess(ArrayLocal(_k.PostClock), PostNeuronIndex)), T), Constant(_k.Dt)),
                _ => throw new InvalidOperationException($"kernel '{_k.Name}': unresolved name '{name}'"),
            };
        }

        private Expression Arithmetic(Binary b)
        {
            var l = Value(b.Left);
            var r = Value(b.Right);
            return b.Op switch
            {
                BinaryOp.Add => E.Add(l, r),
                BinaryOp.Subtract => E.Subtract(l, r),
                BinaryOp.Multiply => E.Multiply(l, r),
                BinaryOp.Divide => E.Divide(l, r),
                _ => Power(b, l, r),
            };
        }

        private Expression Power(Binary b, Expression l, Expression r)
        {
            // Small integer powers are multiplications: faster and exact, and what users expect of v^2.
            if (b.Right is Number { Value: 2 or 3 } n)
            {
                var x = E.Variable(T, "x");
                Expression product = n.Value == 2 ? E.Multiply(x, x) : E.Multiply(E.Multiply(x, x), x);
                return E.Block(T, [x], E.Assign(x, l), product);
            }
            return Math("Pow", l, r);
        }

        private Expression Math(string method, params Expression[] args) =>
            E.Call(_g._math.GetMethod(method, args.Select(a => a.Type).ToArray())!, args);

        private Expression Function(Call c)
        {
            var function = BuiltInFunctions.Of(c);
            var args = function.Kind == FunctionKind.Random ? [] : c.Arguments.Select(Value).ToArray();
            return function.Kind switch
            {
                FunctionKind.Conditional => E.Condition(Condition(c.Arguments[0]), args[1], args[2]),
                FunctionKind.Random => Random(typeof(CounterRng).GetMethod(function.CpuScalar!.Method)!),
                FunctionKind.Math when function.CpuScalar is { } form => form.Build(k => args[k], (node, built) =>
                {
                    var call = node.Host is { } host ? E.Call(host.GetMethod(node.Method, built.Select(a => a.Type).ToArray())!, built) : Math(node.Method, built);
                    return call.Type == T ? call : E.Convert(call, T);
                }),
                _ => throw new InvalidOperationException($"kernel '{_k.Name}': unknown function '{c.Function}'"),
            };
        }

        private Expression Random(MethodInfo draw)
        {
            // Counter = step·(elements of the whole batch) + element: every (step, element, call site) gets its own draw,
            // whatever the threading.
            var counter = E.Add(
                E.Multiply(E.Convert(_step, typeof(ulong)), E.Constant((ulong)_k.TotalElements)),
                E.Convert(Element, typeof(ulong)));
            var stream = E.Constant(_k.Stream + (ulong)_randomSites++);
            return E.Convert(E.Call(draw, E.Constant(_k.Seed), stream, counter), T);
        }

        private Expression Condition(Expr e)
        {
            switch (e)
            {
                case Unary { Op: UnaryOp.Not } u:
                    return E.Not(Condition(u.Operand));
                case Identifier { Name: "not_refractory" } when !_locals.ContainsKey("not_refractory"):
                    return NotRefractory();
                case Binary { Op: BinaryOp.And } b:
                    return E.AndAlso(Condition(b.Left), Condition(b.Right));
                case Binary { Op: BinaryOp.Or } b:
                    return E.OrElse(Condition(b.Left), Condition(b.Right));
                case Binary b when b.Op.IsBoolean():
                    var l = Value(b.Left);
                    var r = Value(b.Right);
                    return b.Op switch
                    {
                        BinaryOp.Less => E.LessThan(l, r),
                        BinaryOp.LessOrEqual => E.LessThanOrEqual(l, r),
                        BinaryOp.Greater => E.GreaterThan(l, r),
                        BinaryOp.GreaterOrEqual => E.GreaterThanOrEqual(l, r),
                        BinaryOp.Equal => E.Equal(l, r),
                        _ => E.NotEqual(l, r),
                    };
                default:
                    return E.NotEqual(Value(e), Constant(0));
            }
        }
    }
}

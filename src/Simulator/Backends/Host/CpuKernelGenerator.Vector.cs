using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Expressions;
using E = System.Linq.Expressions.Expression;

namespace Dendra.Simulator.Backends.Host;

/// <summary>
/// The SIMD form of element loops: whole <see cref="Vector{T}"/>s of neurons per iteration, the scalar loop
/// finishing the remainder. Only operations that are correctly rounded in both forms are vectorized
/// (+ − × ÷, √, |x|, min, max, comparisons, where), so an element gives the same bits whichever loop computes
/// it and results stay independent of how the range is split over threads. Anything else (exp, rand(),
/// indexed reads…) keeps the kernel scalar.
/// </summary>
public sealed partial class CpuKernelGenerator
{
    private sealed partial class Emission
    {
        private Dictionary<string, ParameterExpression> _vectorLocals = new(StringComparer.Ordinal);
        private Expression _vectorIndex = null!; // the first element of the vector being generated (set by Copy)
        private readonly Dictionary<double, ParameterExpression> _broadcasts = [];
        private readonly List<Expression> _vectorPrologue = [];
        private ParameterExpression? _vectorStored;
        private List<(ParameterExpression Value, Expression Copy)>? _checkedStores;

        private Type VectorType => typeof(Vector<>).MakeGenericType(T);

        private int Width => T == typeof(float) ? Vector<float>.Count : Vector<double>.Count;

        private sealed class NotVectorizableException : Exception;

        /// <summary>The vector code of one copy of the kernel's body: its statements, its locals, and its checked stores
        /// (held until every value is known to be finite).</summary>
        private sealed record VectorCopy(List<Expression> Statements, Dictionary<string, ParameterExpression> Locals,
            List<(ParameterExpression Value, Expression Copy)>? CheckedStores);

        /// <summary>
        /// A loop over pairs of whole vectors, then one over single vectors, from <c>start</c>, leaving <c>i</c> at the first
        /// element neither did; or null. The two vectors of a pair are computed statement by statement side by side: they are
        /// independent, so the processor overlaps two dependency chains (an RK4 step is one long chain per element) where it
        /// would otherwise wait on one. Every element still gets exactly its own operations.
        /// </summary>
        private Expression? VectorLoop()
        {
            if (!Vector.IsHardwareAccelerated || _k.Shape is not (KernelShape.ElementLoop or KernelShape.UpdateLoop or KernelShape.SumLoop)) return null;
            bool checkedStores = _k.ChecksFinite && _k.Shape != KernelShape.UpdateLoop;
            if (checkedStores && !StoresComeLastAndReadNoneStored()) return null;
            VectorCopy single, first, second;
            try
            {
                if (_k.Shape == KernelShape.UpdateLoop) _vectorStored = E.Variable(VectorType, "storedV");
                single = Copy(_i, checkedStores);
                if (_k.Shape == KernelShape.SumLoop) return SumVectorLoop(single);
                first = Copy(_i, checkedStores);
                second = Copy(E.Add(_i, E.Constant(Width)), checkedStores);
            }
            catch (NotVectorizableException)
            {
                return null;
            }
            var pairs = first.Statements.Zip(second.Statements, (a, b) => new[] { a, b }).SelectMany(x => x).ToList();
            var variables = new List<ParameterExpression>(_broadcasts.Values);
            var block = new List<Expression>(_vectorPrologue) { E.Assign(_i, _start) };
            if (_vectorStored is not null)
            {
                variables.Add(_vectorStored);
                block.Add(E.Assign(_vectorStored, E.Default(VectorType)));
            }
            block.Add(VectorsLoop(pairs, [first, second], 2, variables));
            block.Add(VectorsLoop(single.Statements, [single], 1, variables));
            if (_vectorStored is not null)
                block.Add(E.AddAssign(_stored, E.Call(typeof(Vector).GetMethod(nameof(Vector.Sum))!.MakeGenericMethod(T), _vectorStored)));
            return E.Block(variables, block);
        }

        /// <summary>A loop that runs <paramref name="statements"/> (of <paramref name="copies"/>) while <paramref name="vectors"/>
        /// whole vectors remain, then stores what was held.</summary>
        private Expression VectorsLoop(List<Expression> statements, VectorCopy[] copies, int vectors, List<ParameterExpression> variables)
        {
            var exit = E.Label("vectorExit");
            var body = new List<Expression>(statements);
            var held = copies.SelectMany(c => c.CheckedStores ?? []).ToList();
            if (held.Count > 0)
            {
                // Every lane of every value finite, or the scalar loop takes over from this iteration's first element: it
                // stores the elements before the first non-finite one and throws there, as it would have on its own.
                var finite = held.Select(s => (Expression)AllFinite(s.Value)).Aggregate(E.AndAlso);
                body.Add(E.IfThen(E.Not(finite), E.Break(exit)));
                body.AddRange(held.Select(s => s.Copy));
            }
            body.Add(E.AddAssign(_i, E.Constant(vectors * Width)));
            var limit = E.Variable(typeof(int), "limit" + vectors);
            variables.Add(limit);
            var locals = copies.SelectMany(c => c.Locals.Values).Concat(held.Select(s => s.Value));
            return E.Block(
                E.Assign(limit, E.Subtract(_end, E.Constant(vectors * Width))),
                E.Loop(E.IfThenElse(E.LessThanOrEqual(_i, limit), E.Block(locals, body), E.Break(exit)), exit));
        }

        /// <summary>The kernel's body as vector code for the vector of elements from <paramref name="index"/>.</summary>
        private VectorCopy Copy(Expression index, bool checkedStores)
        {
            _vectorIndex = index;
            _vectorLocals = new(StringComparer.Ordinal);
            _checkedStores = checkedStores ? [] : null;
            return new VectorCopy(_k.Body.Select(VectorStatement).ToList(), _vectorLocals, _checkedStores);
        }

        /// <summary>
        /// The vector loop of a sum: lane j of double accumulators adds elements start + j, start + j + width, … (float
        /// values widened to double, so a float population sums in double as the scalar loop does); the lanes are then
        /// added in a fixed order into <c>sum</c> and the scalar loop adds the remainder. The order depends only on the
        /// range a call is given, never on the thread that runs it, so a sum has the same bits with any number of threads.
        /// </summary>
        private Expression SumVectorLoop(VectorCopy copy)
        {
            var statements = copy.Statements;
            var value = copy.Locals["value"];
            var doubles = typeof(Vector<double>);
            var low = E.Variable(doubles, "sumLow");
            var high = E.Variable(doubles, "sumHigh");
            var accumulate = new List<Expression>(statements);
            if (T == typeof(double)) accumulate.Add(E.AddAssign(low, value));
            else
            {
                var (wideLow, wideHigh) = (E.Variable(doubles, "wideLow"), E.Variable(doubles, "wideHigh"));
                var widen = typeof(Vector).GetMethod(nameof(Vector.Widen), [typeof(Vector<float>), doubles.MakeByRefType(), doubles.MakeByRefType()])!;
                accumulate.Add(E.Block([wideLow, wideHigh],
                    E.Call(widen, value, wideLow, wideHigh),
                    E.AddAssign(low, wideLow),
                    E.AddAssign(high, wideHigh)));
            }
            var exit = E.Label("sumVectorExit");
            var limit = E.Variable(typeof(int), "limit");
            var inner = E.Block(copy.Locals.Values, accumulate.Append(E.AddAssign(_i, E.Constant(Width))));
            var sum = typeof(Vector).GetMethod(nameof(Vector.Sum))!.MakeGenericMethod(typeof(double));
            var block = new List<Expression>(_vectorPrologue)
            {
                E.Assign(low, E.Default(doubles)),
                E.Assign(high, E.Default(doubles)),
                E.Assign(_i, _start),
                E.Assign(limit, E.Subtract(_end, E.Constant(Width))),
                E.Loop(E.IfThenElse(E.LessThanOrEqual(_i, limit), inner, E.Break(exit)), exit),
                E.AddAssign(_sum, E.Add(E.Call(sum, low), E.Call(sum, high))),
            };
            return E.Block(new List<ParameterExpression>(_broadcasts.Values) { limit, low, high }, block);
        }

        private Expression VectorStatement(KernelStatement s)
        {
            switch (s)
            {
                case LetStatement let:
                    if (!_vectorLocals.TryGetValue(let.Local, out var local))
                        _vectorLocals[let.Local] = local = E.Variable(VectorType, let.Local);
                    return E.Assign(local, VectorValue(let.Value));
                case StoreStatement store:
                    var binding = _k.Arrays[store.Variable];
                    if (binding.Index != IndexKind.Element || binding.Data.GetType().GetElementType() != T) throw new NotVectorizableException();
                    var value = E.Variable(VectorType, "x");
                    var copy = E.Call(value, VectorType.GetMethod(nameof(Vector<float>.CopyTo), [binding.Data.GetType(), typeof(int)])!, ArrayLocal(binding.Data), _vectorIndex);
                    if (_checkedStores is not null)
                    {
                        // Checked stores are held until every value of the element is known to be finite (VectorLoop).
                        var held = E.Variable(VectorType, "checked" + _checkedStores.Count);
                        _checkedStores.Add((held, copy.Update(held, copy.Arguments)));
                        return E.Assign(held, VectorValue(store.Value));
                    }
                    var steps = new List<Expression> { E.Assign(value, VectorValue(store.Value)), copy };
                    if (_vectorStored is not null) steps.Insert(1, E.AddAssign(_vectorStored, value));
                    return E.Block([value], steps);
                default:
                    throw new NotVectorizableException();
            }
        }

        /// <summary>
        /// Whether a kernel with checked stores can hold them to the end of each vector: its lets come before its stores, and
        /// no store's value reads a variable an earlier store writes (the scalar loop would read the new value, the held
        /// vector store the old one).
        /// </summary>
        private bool StoresComeLastAndReadNoneStored()
        {
            var stored = new HashSet<string>(StringComparer.Ordinal);
            foreach (var statement in _k.Body)
            {
                switch (statement)
                {
                    case LetStatement when stored.Count == 0:
                        continue;
                    case StoreStatement store when !Symbolic.Names(store.Value).Overlaps(stored):
                        stored.Add(store.Variable);
                        continue;
                    default:
                        return false;
                }
            }
            return true;
        }

        /// <summary>Whether every lane of <paramref name="x"/> is finite: x − x is 0 for finite lanes, NaN for ±∞ and NaN.</summary>
        private Expression AllFinite(Expression x) =>
            E.Call(typeof(Vector).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .First(m => m.Name == nameof(Vector.EqualsAll) && m.IsGenericMethodDefinition).MakeGenericMethod(T),
                E.Subtract(x, x), E.Default(VectorType));

        private ParameterExpression Broadcast(double value)
        {
            if (!_broadcasts.TryGetValue(value, out var local))
            {
                _broadcasts[value] = local = E.Variable(VectorType, "c" + _broadcasts.Count);
                _vectorPrologue.Add(E.Assign(local, E.New(VectorType.GetConstructor([T])!, Constant(value))));
            }
            return local;
        }

        private Expression Splat(Expression scalar) => E.New(VectorType.GetConstructor([T])!, scalar);

        private Expression VectorValue(Expr e) => e switch
        {
            Number n => Broadcast(n.Value),
            Identifier id => VectorName(id.Name),
            Unary { Op: UnaryOp.Negate } u => E.Negate(VectorValue(u.Operand)),
            Unary or Binary { Op: >= BinaryOp.Less } => Select(Mask(e), Broadcast(1), Broadcast(0)),
            Binary { Op: BinaryOp.Add } b => E.Add(VectorValue(b.Left), VectorValue(b.Right)),
            Binary { Op: BinaryOp.Subtract } b => E.Subtract(VectorValue(b.Left), VectorValue(b.Right)),
            Binary { Op: BinaryOp.Multiply } b => E.Multiply(VectorValue(b.Left), VectorValue(b.Right)),
            Binary { Op: BinaryOp.Divide } b => E.Divide(VectorValue(b.Left), VectorValue(b.Right)),
            Binary { Op: BinaryOp.Power, Right: Number { Value: 2 } } b => Square(VectorValue(b.Left)),
            Call c => VectorFunction(c),
            _ => throw new NotVectorizableException(),
        };

        private Expression Square(Expression x)
        {
            var v = E.Variable(VectorType, "x");
            return E.Block(VectorType, [v], E.Assign(v, x), E.Multiply(v, v));
        }

        private Expression VectorName(string name)
        {
            if (_vectorLocals.TryGetValue(name, out var local)) return local;
            if (_k.Arrays.TryGetValue(name, out var binding))
            {
                if (binding.Data.GetType().GetElementType() != T) throw new NotVectorizableException();
                return binding.Index switch
                {
                    IndexKind.Element => E.New(VectorType.GetConstructor([binding.Data.GetType(), typeof(int)])!, ArrayLocal(binding.Data), _vectorIndex),
                    // A vector never spans two instances of a batch: the backend hands kernels ranges within one instance.
                    IndexKind.Scalar => Splat(E.ArrayAccess(ArrayLocal(binding.Data), InstanceOf(_vectorIndex))),
                    _ => throw new NotVectorizableException(),
                };
            }
            return name switch
            {
                "t" => Splat(_time),
                "dt" => Broadcast(_k.Dt),
                "N" => Broadcast(_k.ElementCount),
                "not_refractory" => Select(NotRefractoryMask(), Broadcast(1), Broadcast(0)),
                _ => throw new NotVectorizableException(),
            };
        }

        private Expression VectorFunction(Call c)
        {
            var function = BuiltInFunctions.Of(c);
            if (function.Kind == FunctionKind.Conditional) return Select(Mask(c.Arguments[0]), VectorValue(c.Arguments[1]), VectorValue(c.Arguments[2]));
            if (function.CpuVector is not { } form) throw new NotVectorizableException();
            return form.Build(k => VectorValue(c.Arguments[k]), (node, args) => VectorCall(node.Host ?? typeof(Vector), node.Method, args));
        }

        private static Expression VectorCall(string method, params Expression[] args) => VectorCall(typeof(Vector), method, args);

        /// <summary>A call of the generic static method <paramref name="method"/> of <paramref name="host"/> on vectors.</summary>
        private static Expression VectorCall(Type host, string method, params Expression[] args)
        {
            var generic = host.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .First(m => m.Name == method && m.IsGenericMethodDefinition && m.GetParameters().Length == args.Length);
            return E.Call(generic.MakeGenericMethod(args[0].Type.GetGenericArguments()[0]), args);
        }

        /// <summary>A lane mask of the element type (all ones where true), as <see cref="Vector"/>'s generic comparisons return.</summary>
        private Expression Mask(Expr e)
        {
            switch (e)
            {
                case Unary { Op: UnaryOp.Not } u:
                    return VectorCall(nameof(Vector.OnesComplement), Mask(u.Operand));
                case Binary { Op: BinaryOp.And } b:
                    return VectorCall(nameof(Vector.BitwiseAnd), Mask(b.Left), Mask(b.Right));
                case Binary { Op: BinaryOp.Or } b:
                    return VectorCall(nameof(Vector.BitwiseOr), Mask(b.Left), Mask(b.Right));
                case Identifier { Name: "not_refractory" } when !_vectorLocals.ContainsKey("not_refractory"):
                    return NotRefractoryMask();
                case Binary b when b.Op.IsBoolean():
                    var l = VectorValue(b.Left);
                    var r = VectorValue(b.Right);
                    return b.Op switch
                    {
                        BinaryOp.Less => VectorCall(nameof(Vector.LessThan), l, r),
                        BinaryOp.LessOrEqual => VectorCall(nameof(Vector.LessThanOrEqual), l, r),
                        BinaryOp.Greater => VectorCall(nameof(Vector.GreaterThan), l, r),
                        BinaryOp.GreaterOrEqual => VectorCall(nameof(Vector.GreaterThanOrEqual), l, r),
                        BinaryOp.Equal => VectorCall(nameof(Vector.Equals), l, r),
                        _ => VectorCall(nameof(Vector.OnesComplement), VectorCall(nameof(Vector.Equals), l, r)),
                    };
                default:
                    return VectorCall(nameof(Vector.OnesComplement), VectorCall(nameof(Vector.Equals), VectorValue(e), Broadcast(0)));
            }
        }

        private static Expression Select(Expression mask, Expression whenTrue, Expression whenFalse) =>
            VectorCall(nameof(Vector.ConditionalSelect), mask, whenTrue, whenFalse);

        /// <summary>
        /// Lanes whose neuron is past its refractory period, as a mask of the element type. The last-spike steps
        /// are 64-bit, so in single precision two vectors of them are compared and narrowed into one float mask.
        /// </summary>
        private Expression NotRefractoryMask()
        {
            if (_k.Refractory is not { } r) throw new NotVectorizableException();
            var longs = typeof(Vector<long>);
            var lastArray = ArrayLocal(r.LastSpikeStep);
            var step = Splat64(_step);
            var period = Splat64(E.Constant((long)r.Steps));
            Expression Ready(Expression offset) => VectorCall(nameof(Vector.GreaterThanOrEqual),
                E.Subtract(step, E.New(longs.GetConstructor([typeof(long[]), typeof(int)])!, lastArray, offset)), period);
            if (T == typeof(double))
                return VectorCall(nameof(Vector.AsVectorDouble), Ready(_vectorIndex));
            var narrowed = E.Call(typeof(Vector).GetMethod(nameof(Vector.Narrow), [longs, longs])!, Ready(_vectorIndex),
                Ready(E.Add(_vectorIndex, E.Constant(Vector<long>.Count))));
            return VectorCall(nameof(Vector.AsVectorSingle), narrowed);
        }

        private static Expression Splat64(Expression value) => E.New(typeof(Vector<long>).GetConstructor([typeof(long)])!, value);
    }
}

using Dendra.Simulator.Expressions;
using Dendra.Simulator.Models;
using MathNet.Numerics.LinearAlgebra;

namespace Dendra.Simulator.Compilation;

/// <summary>One differential equation ready to integrate: sub-expressions inlined, shared parameters folded to numbers.</summary>
/// <param name="Variable">The state variable.</param>
/// <param name="Rhs">dx/dt.</param>
/// <param name="UnlessRefractory">Hold the variable while the neuron is refractory.</param>
public sealed record OdeTerm(string Variable, Expr Rhs, bool UnlessRefractory);

/// <summary>
/// Chooses an integrator for a system of ODEs and writes one step of it as kernel statements. Everything
/// but the state variables (parameters, inputs, reductions, <c>t</c>) is held constant over the step.
/// </summary>
public static class StateUpdatePlanner
{
    /// <summary>The integrator actually used for <paramref name="requested"/> (resolving <see cref="Integrator.Auto"/>),
    /// or an error naming why the system does not allow the requested one.</summary>
    public static Integrator Choose(string model, IReadOnlyList<OdeTerm> odes, Integrator requested)
    {
        if (odes.Count == 0) return Integrator.Euler;
        string? linearProblem = LinearProblem(odes);
        string? conditionalProblem = ConditionallyLinearProblem(odes);
        switch (requested)
        {
            case Integrator.Exact when linearProblem is not null:
                throw new ModelException(model, $"exact integration needs linear equations with constant coefficients: {linearProblem}. Use exponential Euler or RK4");
            case Integrator.ExponentialEuler when conditionalProblem is not null:
                throw new ModelException(model, $"exponential Euler needs each equation linear in its own variable: {conditionalProblem}");
            case Integrator.Auto:
                return linearProblem is null ? Integrator.Exact
                    : conditionalProblem is null ? Integrator.ExponentialEuler
                    : Integrator.RK4;
            default:
                return requested;
        }
    }

    /// <summary>Statements that compute every variable's new value and store it.</summary>
    public static IReadOnlyList<KernelStatement> Plan(IReadOnlyList<OdeTerm> odes, Integrator method, double dt)
    {
        var statements = new List<KernelStatement>();
        // Each rand()/randn() in the equations is drawn once per step, before any integrator copies the expression it
        // sits in (exponential Euler splits it into a coefficient and a constant part, Runge–Kutta evaluates it per stage):
        // the copies then read the same draw, and the noise is held over the step like every other input.
        odes = HoistRandomDraws(odes, statements);
        var next = method switch
        {
            Integrator.Exact => Exact(odes, dt, statements),
            Integrator.ExponentialEuler => ExponentialEuler(odes, statements),
            Integrator.Euler => RungeKutta(odes, [], [1.0], statements),
            Integrator.RK2 => RungeKutta(ClampedRates(odes), [0.5], [0.0, 1.0], statements),
            Integrator.RK4 => RungeKutta(ClampedRates(odes), [0.5, 0.5, 1.0], [1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0], statements),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
        // All new values are computed before any is stored, so every equation sees the old state.
        foreach (var ode in odes)
        {
            Expr value = new Identifier(next[ode.Variable]);
            if (ode.UnlessRefractory)
                value = new Call("where", [new Identifier("not_refractory"), value, new Identifier(ode.Variable)]);
            statements.Add(new StoreStatement(ode.Variable, value));
        }
        return statements;
    }

    /// <summary>Replaces every random call in the equations by a local drawn once at the top of the kernel, in the
    /// order the calls appear (so an integrator that evaluates each right-hand side once draws the same numbers as before).</summary>
    private static IReadOnlyList<OdeTerm> HoistRandomDraws(IReadOnlyList<OdeTerm> odes, List<KernelStatement> output)
    {
        if (!odes.Any(o => Symbolic.IsRandom(o.Rhs))) return odes;
        return odes.Select(o => o with
        {
            Rhs = Symbolic.Rewrite(o.Rhs, node =>
            {
                if (node is not Call c || !Symbolic.RandomFunctions.Contains(c.Function)) return null;
                var local = $"__draw{output.Count}";
                output.Add(new LetStatement(local, c));
                return new Identifier(local);
            }),
        }).ToList();
    }

    /// <summary>
    /// For the stages of a Runge–Kutta method, the rate of a variable held while the neuron is refractory is zero, so the
    /// intermediate states that the other variables see keep it still too (as the exact solution of the clamped system does).
    /// </summary>
    private static IReadOnlyList<OdeTerm> ClampedRates(IReadOnlyList<OdeTerm> odes) =>
        odes.Select(o => o.UnlessRefractory
            ? o with { Rhs = new Call("where", [new Identifier("not_refractory"), o.Rhs, new Number(0)]) }
            : o).ToList();

    private static HashSet<string> Variables(IReadOnlyList<OdeTerm> odes) => odes.Select(o => o.Variable).ToHashSet();

    private static string? LinearProblem(IReadOnlyList<OdeTerm> odes)
    {
        var vars = Variables(odes);
        foreach (var ode in odes)
        {
            if (Symbolic.IsRandom(ode.Rhs)) return $"d{ode.Variable}/dt draws random numbers";
            foreach (var x in vars)
            {
                var d = Symbolic.Differentiate(ode.Rhs, x);
                if (d is not Number)
                    return $"d{ode.Variable}/dt depends on {x} {(d is null ? "non-smoothly" : $"through the non-constant coefficient {d}")}";
            }
            var b = Constant(ode.Rhs, vars);
            if (Symbolic.Names(b).Contains("t")) return $"d{ode.Variable}/dt depends on t";
        }
        return null;
    }

    private static string? ConditionallyLinearProblem(IReadOnlyList<OdeTerm> odes)
    {
        foreach (var ode in odes)
        {
            var d = Symbolic.Differentiate(ode.Rhs, ode.Variable);
            if (d is null || Symbolic.Names(d).Contains(ode.Variable))
                return $"d{ode.Variable}/dt is not linear in {ode.Variable}";
        }
        return null;
    }

    private static Expr Constant(Expr rhs, IEnumerable<string> vars) =>
        Symbolic.Simplify(Symbolic.Substitute(rhs, vars.ToDictionary(v => v, _ => (Expr)new Number(0))));

    private static Dictionary<string, string> Exact(IReadOnlyList<OdeTerm> odes, double dt, List<KernelStatement> output)
    {
        int n = odes.Count;
        var a = Matrix<double>.Build.Dense(n, n);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                a[r, c] = ((Number)Symbolic.Differentiate(odes[r].Rhs, odes[c].Variable)!).Value;
        var (p, q) = MatrixExponential.Propagators(a, dt);
        var vars = Variables(odes);
        var next = new Dictionary<string, string>();
        for (int r = 0; r < n; r++)
            output.Add(new LetStatement($"__b_{odes[r].Variable}", Constant(odes[r].Rhs, vars)));

        // While the neuron is refractory the held variables have rate zero: the system is a different linear one, with its
        // own propagators. Only the variables that read a held one (directly or through others) need them.
        var held = Enumerable.Range(0, n).Where(r => odes[r].UnlessRefractory).ToArray();
        var readsHeld = ReadsAny(a, held);
        (Matrix<double> P, Matrix<double> Q)? whileRefractory = null;
        if (held.Length > 0 && readsHeld.Any(r => !odes[r].UnlessRefractory))
        {
            var clamped = a.Clone();
            foreach (var r in held) clamped.ClearRow(r);
            whileRefractory = MatrixExponential.Propagators(clamped, dt);
        }

        for (int r = 0; r < n; r++)
        {
            Expr value = Propagate(odes, p, q, r, held: []);
            if (whileRefractory is { } w && !odes[r].UnlessRefractory && readsHeld.Contains(r))
                value = new Call("where", [new Identifier("not_refractory"), value, Propagate(odes, w.P, w.Q, r, held)]);
            next[odes[r].Variable] = $"__new_{odes[r].Variable}";
            output.Add(new LetStatement(next[odes[r].Variable], value));
        }
        return next;
    }

    /// <summary>Row <paramref name="r"/> of x(t+dt) = P x + Q b, leaving out the constant parts of the held variables.</summary>
    private static Expr Propagate(IReadOnlyList<OdeTerm> odes, Matrix<double> p, Matrix<double> q, int r, int[] held)
    {
        Expr sum = new Number(0);
        for (int c = 0; c < odes.Count; c++)
        {
            sum = AddTerm(sum, p[r, c], new Identifier(odes[c].Variable));
            if (!held.Contains(c)) sum = AddTerm(sum, q[r, c], new Identifier($"__b_{odes[c].Variable}"));
        }
        return Symbolic.Simplify(sum);
    }

    /// <summary>The rows of the linear system whose rate depends, directly or through other variables, on one of <paramref name="sources"/>.</summary>
    private static HashSet<int> ReadsAny(Matrix<double> a, int[] sources)
    {
        var reached = new HashSet<int>(sources);
        bool grew = true;
        while (grew)
        {
            grew = false;
            for (int r = 0; r < a.RowCount; r++)
                if (!reached.Contains(r) && reached.Any(c => a[r, c] != 0))
                    grew |= reached.Add(r);
        }
        return reached;
    }

    private static Expr AddTerm(Expr sum, double coefficient, Expr x) =>
        coefficient == 0 ? sum : new Binary(BinaryOp.Add, sum, new Binary(BinaryOp.Multiply, new Number(coefficient), x));

    private static Dictionary<string, string> ExponentialEuler(IReadOnlyList<OdeTerm> odes, List<KernelStatement> output)
    {
        var next = new Dictionary<string, string>();
        foreach (var ode in odes)
        {
            var x = ode.Variable;
            var a = Symbolic.Differentiate(ode.Rhs, x)!;
            var b = Constant(ode.Rhs, [x]);
            Identifier A = new($"__A_{x}"), B = new($"__B_{x}"), X = new(x), dtId = new("dt");
            output.Add(new LetStatement(A.Name, a));
            output.Add(new LetStatement(B.Name, b));
            // x(t+dt) = -B/A + (x + B/A)·exp(A·dt); where A vanishes this is Euler's x + B·dt.
            var ratio = new Binary(BinaryOp.Divide, B, A);
            Expr exact = new Binary(BinaryOp.Add, new Unary(UnaryOp.Negate, ratio),
                new Binary(BinaryOp.Multiply, new Binary(BinaryOp.Add, X, ratio), new Call("exp", [new Binary(BinaryOp.Multiply, A, dtId)])));
            Expr euler = new Binary(BinaryOp.Add, X, new Binary(BinaryOp.Multiply, B, dtId));
            Expr value = a is Number { Value: 0 } ? euler
                : new Call("where", [new Binary(BinaryOp.Greater, new Call("abs", [new Binary(BinaryOp.Multiply, A, dtId)]), new Number(1e-9)), exact, euler]);
            next[x] = $"__new_{x}";
            output.Add(new LetStatement(next[x], value));
        }
        return next;
    }

    /// <summary>An explicit Runge–Kutta method with a diagonal tableau: stage s evaluates f at x + c_s·dt·k_{s}.</summary>
    private static Dictionary<string, string> RungeKutta(IReadOnlyList<OdeTerm> odes, double[] stageOffsets, double[] weights, List<KernelStatement> output)
    {
        var dtId = new Identifier("dt");
        var current = odes.ToDictionary(o => o.Variable, o => o.Variable);
        for (int stage = 0; stage < weights.Length; stage++)
        {
            var args = current.ToDictionary(kv => kv.Key, kv => (Expr)new Identifier(kv.Value));
            if (stage > 0) // later stages see the time at which they evaluate f
                args["t"] = new Binary(BinaryOp.Add, new Identifier("t"), new Binary(BinaryOp.Multiply, new Number(stageOffsets[stage - 1]), dtId));
            foreach (var ode in odes)
                output.Add(new LetStatement($"__k{stage}_{ode.Variable}", Symbolic.Substitute(ode.Rhs, args)));
            if (stage < stageOffsets.Length)
            {
                foreach (var ode in odes)
                {
                    var name = $"__x{stage + 1}_{ode.Variable}";
                    output.Add(new LetStatement(name, new Binary(BinaryOp.Add, new Identifier(ode.Variable),
                        new Binary(BinaryOp.Multiply, new Number(stageOffsets[stage]), new Binary(BinaryOp.Multiply, dtId, new Identifier($"__k{stage}_{ode.Variable}"))))));
                    current[ode.Variable] = name;
                }
            }
        }
        var next = new Dictionary<string, string>();
        foreach (var ode in odes)
        {
            Expr increment = new Number(0);
            for (int stage = 0; stage < weights.Length; stage++)
                increment = AddTerm(increment, weights[stage], new Identifier($"__k{stage}_{ode.Variable}"));
            next[ode.Variable] = $"__new_{ode.Variable}";
            output.Add(new LetStatement(next[ode.Variable],
                new Binary(BinaryOp.Add, new Identifier(ode.Variable), new Binary(BinaryOp.Multiply, dtId, Symbolic.Simplify(increment)))));
        }
        return next;
    }
}

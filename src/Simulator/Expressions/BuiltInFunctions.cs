namespace Dendra.Simulator.Expressions;

/// <summary>
/// The one registry of the model language's built-in functions: the name checks, the differentiation, the CPU's scalar and
/// SIMD generators and the OpenCL generator all read it, so a function is added in one place and written the same way
/// everywhere. The order is the order in which an unknown function's error lists the known ones.
/// </summary>
internal static class BuiltInFunctions
{
    private static readonly Number One = new(1);

    /// <summary>Every built-in function.</summary>
    public static IReadOnlyList<BuiltInFunction> All { get; } =
    [
        Math1("exp", "Exp", opencl: "DENDRA_MATH1(exp, {0})", derivative: (c, _) => c),
        Math1("log", "Log", opencl: "DENDRA_MATH1(log, {0})", derivative: (_, a) => new Binary(BinaryOp.Divide, One, a)),
        Math1("sqrt", "Sqrt", opencl: "sqrt({0})", vector: "SquareRoot", derivative: (c, _) => new Binary(BinaryOp.Divide, new Number(0.5), c)),
        Math1("tanh", "Tanh", opencl: "DENDRA_MATH1(tanh, {0})",
            derivative: (c, _) => new Binary(BinaryOp.Subtract, One, new Binary(BinaryOp.Power, c, new Number(2)))),
        Math1("sin", "Sin", opencl: "DENDRA_MATH1(sin, {0})", derivative: (_, a) => new Call("cos", [a])),
        Math1("cos", "Cos", opencl: "DENDRA_MATH1(cos, {0})", derivative: (_, a) => new Unary(UnaryOp.Negate, new Call("sin", [a]))),
        Math1("abs", "Abs", opencl: "fabs({0})", vector: "Abs"),
        Math1("floor", "Floor", opencl: "floor({0})"),
        Math1("ceil", "Ceiling", opencl: "ceil({0})"),
        // Not Math.Sign, which throws on NaN and gives +0 for −0 (see ModelMath.Sign); OpenCL's sign gives 0 for NaN.
        new("sign", 1)
        {
            CpuScalar = new FunctionForm("Sign", 0) { Host = typeof(ModelMath) },
            CpuVector = new FunctionForm("Sign", 0) { Host = typeof(ModelMath) },
            OpenCl = "dendra_sign({0})",
        },
        new("pow", 2) { CpuScalar = FunctionForm.Direct("Pow", 2), OpenCl = "DENDRA_MATH2(pow, {0}, {1})" },
        new("min", 2) { CpuScalar = FunctionForm.Direct("Min", 2), CpuVector = FunctionForm.Direct("Min", 2), OpenCl = "dendra_min({0}, {1})" },
        new("max", 2) { CpuScalar = FunctionForm.Direct("Max", 2), CpuVector = FunctionForm.Direct("Max", 2), OpenCl = "dendra_max({0}, {1})" },
        new("clip", 3)
        {
            CpuScalar = new FunctionForm("Min", new FunctionForm("Max", 0, 1), 2),
            CpuVector = new FunctionForm("Min", new FunctionForm("Max", 0, 1), 2),
            OpenCl = "dendra_min(dendra_max({0}, {1}), {2})",
        },
        new("where", 3, FunctionKind.Conditional),
        new("rand", 0, FunctionKind.Random) { CpuScalar = new FunctionForm("Uniform"), OpenCl = "dendra_uniform" },
        new("randn", 0, FunctionKind.Random) { CpuScalar = new FunctionForm("Normal"), OpenCl = "dendra_normal" },
        new("sum", 1, FunctionKind.Reduction),
        new("mean", 1, FunctionKind.Reduction),
    ];

    private static readonly Dictionary<string, BuiltInFunction> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The function called <paramref name="name"/>, if there is one.</summary>
    public static bool TryGet(string name, out BuiltInFunction function) => ByName.TryGetValue(name, out function!);

    /// <summary>The function a checked expression calls.</summary>
    /// <exception cref="InvalidOperationException">There is none of that name (the name checks let no such call through).</exception>
    public static BuiltInFunction Of(Call call) =>
        ByName.TryGetValue(call.Function, out var f) ? f : throw new InvalidOperationException($"unknown function '{call.Function}'");

    /// <summary>Whether a call's value is random.</summary>
    public static bool IsRandom(string name) => ByName.TryGetValue(name, out var f) && f.Kind == FunctionKind.Random;

    private static BuiltInFunction Math1(string name, string cpu, string opencl, string? vector = null, Func<Call, Expr, Expr>? derivative = null) =>
        new(name, 1)
        {
            CpuScalar = FunctionForm.Direct(cpu, 1),
            CpuVector = vector is null ? null : FunctionForm.Direct(vector, 1),
            OpenCl = opencl,
            Derivative = derivative,
        };
}

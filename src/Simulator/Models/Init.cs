using System.Globalization;

namespace Dendra.Simulator.Models;

/// <summary>
/// A value given to every neuron or synapse at build time: a constant, or an expression evaluated per
/// element that may use parameters, <c>i</c> (and <c>j</c> for synapses), <c>N</c>, <c>rand()</c> and <c>randn()</c>,
/// e.g. <c>"Vr + rand()*(Vt - Vr)"</c>. Converts implicitly from <see cref="double"/> and <see cref="string"/>.
/// </summary>
public sealed record Init
{
    private Init(double? constant, string? expression, double[]? values = null)
    {
        Constant = constant;
        Expression = expression;
        Values = values;
    }

    /// <summary>One value per element, when this is an explicit array.</summary>
    public IReadOnlyList<double>? Values { get; }

    /// <summary>The constant value, when this is one.</summary>
    public double? Constant { get; }

    /// <summary>The expression text, when this is one.</summary>
    public string? Expression { get; }

    /// <summary>A constant.</summary>
    public static Init Of(double value) => new(value, null);

    /// <summary>An expression evaluated per element.</summary>
    public static Init Of(string expression) => new(null, expression);

    /// <summary>One value per element (its length must match the population or projection).</summary>
    public static Init Of(IReadOnlyList<double> values) => new(null, null, values.ToArray());

    /// <summary>Uniform on [low, high).</summary>
    public static Init Uniform(double low, double high) =>
        Of(FormattableString.Invariant($"{low:R} + rand()*({high:R} - ({low:R}))"));

    /// <summary>Normal with the given mean and standard deviation.</summary>
    public static Init Normal(double mean, double sd) => Of(FormattableString.Invariant($"{mean:R} + {sd:R}*randn()"));

    /// <summary>A constant.</summary>
    public static implicit operator Init(double value) => Of(value);

    /// <summary>An expression.</summary>
    public static implicit operator Init(string expression) => Of(expression);

    /// <summary>One value per element.</summary>
    public static implicit operator Init(double[] values) => Of(values);

    /// <summary>The expression text of this value (a constant prints as a number).</summary>
    public string ToExpressionText() =>
        Expression ?? Constant?.ToString("R", CultureInfo.InvariantCulture) ?? $"[{Values!.Count} values]";

    /// <inheritdoc />
    public override string ToString() => ToExpressionText();
}

namespace Dendra.Simulator.Models;

/// <summary>Rejects parameter values that cannot be right, naming the parameter.</summary>
public static class ParameterCheck
{
    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    public static void RequireFinite(string owner, string parameter, double value)
    {
        if (!double.IsFinite(value))
            throw new ModelException(owner, $"parameter '{parameter}' is {value}; give it a finite value");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0. Time constants must be positive.</summary>
    public static void RequirePositive(string owner, string parameter, double value)
    {
        RequireFinite(owner, parameter, value);
        if (value <= 0)
            throw new ModelException(owner, $"parameter '{parameter}' must be positive, got {value}");
    }

    /// <summary>True for names that, by convention, hold time constants (<c>tau</c>, <c>tau_m</c>, <c>taue</c>…), which must be positive.</summary>
    public static bool IsTimeConstant(string name) => name.StartsWith("tau", StringComparison.OrdinalIgnoreCase);
}

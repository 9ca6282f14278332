namespace Dendra.Plasticity;

/// <summary>Checks of the arguments the rule factories share, with messages that name the argument.</summary>
internal static class RuleCheck
{
    public static void Eta(double eta)
    {
        if (!(eta >= 0) || !double.IsFinite(eta)) throw new ArgumentOutOfRangeException(nameof(eta), eta, "the learning rate eta must be finite and ≥ 0");
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive");
    }

    public static void Name(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must name a variable", name);
    }
}

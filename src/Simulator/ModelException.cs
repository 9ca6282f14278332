namespace Dendra.Simulator;

/// <summary>
/// A model that cannot be built: a bad equation, an unknown name, a bad parameter value. The message
/// names the model, the equation and (where there is one) the position, so a user can find and fix it.
/// </summary>
public sealed class ModelException : Exception
{
    /// <summary>Creates an error about a model as a whole or one of its parameters.</summary>
    /// <param name="modelName">The model (or population) the error is in.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public ModelException(string modelName, string message)
        : base($"Model '{modelName}': {message}")
    {
        ModelName = modelName;
    }

    /// <summary>Creates an error about one equation, pointing at a position in it.</summary>
    /// <param name="modelName">The model the equation belongs to.</param>
    /// <param name="equation">The equation as the user wrote it.</param>
    /// <param name="position">Zero-based position in <paramref name="equation"/>, or -1 for the whole equation.</param>
    /// <param name="message">What is wrong.</param>
    public ModelException(string modelName, string equation, int position, string message)
        : base(Format(modelName, equation, position, message))
    {
        ModelName = modelName;
        Equation = equation;
        Position = position;
    }

    /// <summary>The model the error is in.</summary>
    public string ModelName { get; } = "";

    /// <summary>The offending equation, when the error is about one.</summary>
    public string? Equation { get; }

    /// <summary>Zero-based position in <see cref="Equation"/>, or -1.</summary>
    public int Position { get; } = -1;

    private static string Format(string model, string equation, int position, string message)
    {
        var where = position >= 0 ? $" at position {position + 1}" : "";
        var text = $"Model '{model}', equation '{equation}'{where}: {message}";
        if (position >= 0)
            text += $"{Environment.NewLine}    {equation}{Environment.NewLine}    {new string(' ', Math.Min(position, equation.Length))}^";
        return text;
    }
}

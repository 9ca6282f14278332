namespace Dendra.Simulator.Expressions;

/// <summary>A syntax error in one piece of model text, with the character position where it was found.</summary>
public sealed class ExpressionSyntaxException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="position">Zero-based character position in the text.</param>
    public ExpressionSyntaxException(string message, int position) : base(message) => Position = position;

    /// <summary>Zero-based character position in the parsed text.</summary>
    public int Position { get; }
}

namespace Dendra.Cli;

/// <summary>
/// A mistake in how dendra was called (an option value, a <c>--set</c> the script does not know, a missing file).
/// Reported as <c>error: message</c> with exit code <see cref="ExitCodes.Usage"/>, never with a stack trace.
/// </summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the error.</summary>
    public UsageException(string message) : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public UsageException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the error.</summary>
    public UsageException()
    {
    }
}

namespace Dendra.Learning.Datasets;

/// <summary>
/// A dataset that cannot be used: its files are missing and cannot be fetched, or a file is truncated, corrupt or not
/// what its name says. The message names the file and what is wrong with it, and says how to fix it.
/// </summary>
/// <remarks>An <see cref="IOException"/>, so that a script that meets it reports the message, not a stack trace.</remarks>
public sealed class DatasetException : IOException
{
    /// <summary>Creates the error.</summary>
    public DatasetException(string message) : base(message)
    {
    }

    /// <summary>Creates the error.</summary>
    public DatasetException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the error.</summary>
    public DatasetException()
    {
    }
}

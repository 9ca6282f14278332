namespace Dendra.Learning.Training;

/// <summary>A training run that cannot start or resume as set up: the message names what is wrong and how to fix it.</summary>
public sealed class TrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TrainingException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrainingException()
    {
    }
}

namespace Dendra.Simulator.Recording;

/// <summary>A checkpoint that cannot be restored into this network: it was saved from a network of another structure or precision.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the error.</summary>
    public CheckpointException(string message) : base(message) { }
}

namespace Dendra.Simulator.Backends;

/// <summary>A memory-bandwidth measurement: the fastest of several copies of one large buffer to another.</summary>
/// <param name="Memory">Whose memory: "host" or the OpenCL device.</param>
/// <param name="BytesPerCopy">Bytes one copy moves: the buffer read plus the buffer written (STREAM's convention).</param>
/// <param name="BestSeconds">Wall time of the fastest copy.</param>
public sealed record CopyMeasurement(string Memory, long BytesPerCopy, double BestSeconds)
{
    /// <summary>Bytes moved per second in the fastest copy.</summary>
    public double BytesPerSecond => BytesPerCopy / BestSeconds;
}

namespace Dendra.Simulator.Compilation;

/// <summary>
/// The pieces every sum over a population (<c>sum()</c>, <c>mean()</c>, a batch reduction) is cut into and added in order,
/// decided here once for every backend: the CPU splits its threads' work along them and an OpenCL sum kernel gives each
/// work-item one, so partial sums are formed over the same elements everywhere, whatever the thread count.
/// </summary>
internal static class FixedChunk
{
    /// <summary>Elements in one piece.</summary>
    public const int Length = 4096;
}

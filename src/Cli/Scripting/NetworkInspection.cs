using Dendra.Simulator.Graph;

namespace Dendra.Cli.Scripting;

/// <summary>Questions about a <see cref="Network"/> that its public API does not answer directly.</summary>
internal static class NetworkInspection
{
    /// <summary>
    /// True once the network is built (by <c>Build</c> or a first <c>Run</c>): from then on its time step,
    /// populations and monitors are fixed. Network has no public flag for this, so ask the one setter that
    /// refuses after the build, with the value it already has.
    /// </summary>
    public static bool IsBuilt(Network network)
    {
        try
        {
            network.Dt = network.Dt;
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}

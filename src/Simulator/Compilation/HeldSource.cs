using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// Whether a rate projection reads a variable that no step changes: only the user writes it (between presentations) or a
/// checkpoint restores it. Such a projection with fixed weights gives the same product every step, so backends compute it
/// once and add the stored result each step until the source is written or the weights change, not once per step.
/// </summary>
public static class HeldSource
{
    /// <summary>True when no kernel of a step stores into <paramref name="r"/>'s source variable.</summary>
    /// <param name="r">The projection.</param>
    /// <param name="pre">Its compiled presynaptic population.</param>
    public static bool Of(RateProjection r, CompiledPopulation pre)
    {
        string variable = r.Source;
        // A summed input is cleared and summed anew every step.
        if (pre.Inputs.Contains(variable)) return false;
        // Equations, resets and stored sub-expressions (recomputed from state that may change) write in a step.
        if (new[] { pre.Update, pre.Threshold, pre.Materialize }.Any(k => k is not null && Stores(k.Body, variable))) return false;
        // Synapse code run on arriving spikes may write the population's variables.
        return !r.Network.Projections.Any(p => p.Post.Population == r.Pre.Population);
    }

    private static bool Stores(IEnumerable<KernelStatement> body, string variable) => body.Any(s => s switch
    {
        StoreStatement store => store.Variable == variable,
        IfStatement branch => Stores(branch.Then, variable),
        _ => false,
    });
}

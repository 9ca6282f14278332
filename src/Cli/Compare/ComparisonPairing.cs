using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Cli.Compare;

/// <summary>One way of running a script in a comparison: a name and how it changes a network before it is built.</summary>
/// <param name="Name">Short name, used in tables and file names (letters, digits, '-').</param>
/// <param name="Description">What the variant does, for the report.</param>
/// <param name="Configure">Applied to every network the script runs, after the command-line settings and before the build.</param>
/// <param name="ScriptVariant">What the script sees as <c>Variant</c> in this variant (null for the built-in pairings,
/// which change the network from outside).</param>
internal sealed record ComparisonVariant(string Name, string Description, Action<Network> Configure, string? ScriptVariant = null);

/// <summary>
/// What <c>dendra compare</c> compares: a set of variants of the same script, the first being the reference that
/// every other variant is measured against. A new pairing (e.g. a fast-vs-full model) implements this interface and
/// is listed in <see cref="ComparisonPairings.All"/>.
/// </summary>
internal interface IComparisonPairing
{
    /// <summary>Name given to <c>--pairing</c>.</summary>
    string Name { get; }

    /// <summary>One line on what is compared.</summary>
    string Description { get; }

    /// <summary>The variants; the first is the reference.</summary>
    IReadOnlyList<ComparisonVariant> Variants { get; }
}

/// <summary>A pairing given by its parts.</summary>
/// <param name="Name">Name given to <c>--pairing</c>.</param>
/// <param name="Description">One line on what is compared.</param>
/// <param name="Variants">The variants; the first is the reference.</param>
internal sealed record ComparisonPairing(string Name, string Description, IReadOnlyList<ComparisonVariant> Variants) : IComparisonPairing;

/// <summary>The pairings built into <c>dendra compare</c>.</summary>
internal static class ComparisonPairings
{
    /// <summary>The model's own integration method (reference) against forward Euler and RK4 for every model.</summary>
    public static IComparisonPairing Integrator { get; } = new ComparisonPairing(
        "integrator",
        "each model's own integration method (Auto: exact or exponential Euler where they apply) against forward Euler and RK4 for every model (Network.IntegratorOverride)",
        [
            new("own", "each model's own method (no IntegratorOverride)", net => net.IntegratorOverride = null),
            new("euler", "IntegratorOverride = Euler", net => net.IntegratorOverride = Dendra.Simulator.Models.Integrator.Euler),
            new("rk4", "IntegratorOverride = RK4", net => net.IntegratorOverride = Dendra.Simulator.Models.Integrator.RK4),
        ]);

    /// <summary>Double precision (reference) against single precision.</summary>
    public static IComparisonPairing Precision { get; } = new ComparisonPairing(
        "precision",
        "float64 (reference) against float32 state, weights and buffers (Network.Precision)",
        [
            new("float64", "Precision.Double", net => net.Precision = Dendra.Simulator.Graph.Precision.Double),
            new("float32", "Precision.Single", net => net.Precision = Dendra.Simulator.Graph.Precision.Single),
        ]);

    /// <summary>The CPU backend (reference) against the OpenCL backend on its default device.</summary>
    public static IComparisonPairing Backend { get; } = new ComparisonPairing(
        "backend",
        "the CPU backend (reference) against OpenCL on the default device (Network.Backend); in float64 the spikes should be identical",
        [
            new("cpu", "Backend.Cpu", net => net.Backend = Dendra.Simulator.Graph.Backend.Cpu),
            new("opencl", "Backend.OpenCl", net => net.Backend = Dendra.Simulator.Graph.Backend.OpenCl),
        ]);

    /// <summary>Every built-in pairing.</summary>
    public static IReadOnlyList<IComparisonPairing> All { get; } = [Integrator, Precision, Backend];

    /// <summary>
    /// A pairing the script defines itself: it is run once per name with <c>Variant</c> set to that name (the first is
    /// the reference) and builds whatever that variant means, e.g. a rank-based shortcut against the full dynamics.
    /// </summary>
    public static IComparisonPairing FromScript(IReadOnlyList<string> names) => new ComparisonPairing(
        "variants",
        $"the script's own variants {string.Join(", ", names)} (the script reads Variant)",
        [.. names.Select(name => new ComparisonVariant(name, $"Variant = \"{name}\"", _ => { }, name))]);

    /// <summary>The pairing called <paramref name="name"/> (any case), or null.</summary>
    public static IComparisonPairing? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}

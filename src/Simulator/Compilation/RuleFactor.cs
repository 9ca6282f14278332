using Dendra.Simulator.Expressions;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// One factor of an outer-product rule (f or d of the postsynaptic population, g of the presynaptic one), computed per
/// neuron of its population into an array that the rule's update reads.
/// </summary>
/// <param name="Array">The array it is stored in (one value per neuron of every instance).</param>
/// <param name="Rule">The rule, for its name and parameters.</param>
/// <param name="Projection">The projection that learns by the rule.</param>
/// <param name="Source">The factor as written (<c>f = y</c>), for messages.</param>
/// <param name="Expression">The factor.</param>
/// <param name="Side">"post" or "pre": the population it reads, and the suffix its names may carry.</param>
public sealed record RuleFactor(string Array, OuterProductRule Rule, RateProjection Projection, string Source, Expr Expression, string Side)
{
    /// <summary>The factors every plastic rate projection of <paramref name="network"/> needs from <paramref name="population"/>.</summary>
    public static List<RuleFactor> Of(Network network, Population population)
    {
        var factors = new List<RuleFactor>();
        foreach (var r in network.RateProjections)
        {
            if (r.Rule is not { } rule) continue;
            if (r.Post.Population == population)
            {
                factors.Add(new(PostArray(r), rule, r, rule.Post.Source, rule.Post.Expression, "post"));
                if (rule.Decay is { } d) factors.Add(new(DecayArray(r), rule, r, d.Source, d.Expression, "post"));
            }
            if (r.Pre.Population == population)
                factors.Add(new(PreArray(r), rule, r, rule.Pre.Source, rule.Pre.Expression, "pre"));
        }
        return factors;
    }

    /// <summary>The array holding f of a projection's rule, in its postsynaptic population.</summary>
    public static string PostArray(RateProjection r) => $"{Prefix(r)}_f";

    /// <summary>The array holding g of a projection's rule, in its presynaptic population.</summary>
    public static string PreArray(RateProjection r) => $"{Prefix(r)}_g";

    /// <summary>The array holding d of a projection's rule, in its postsynaptic population.</summary>
    public static string DecayArray(RateProjection r) => $"{Prefix(r)}_d";

    /// <summary>Named by the projection's place among the network's rate projections, not by its name: array names become
    /// identifiers in generated code, and a projection's name may hold any character ("a⇒b (2)").</summary>
    private static string Prefix(RateProjection r)
    {
        int index = 0;
        foreach (var other in r.Network.RateProjections)
        {
            if (other == r) return $"__rule{index}";
            index++;
        }
        throw new ArgumentException($"rate projection '{r.Name}' is not in its network", nameof(r));
    }
}

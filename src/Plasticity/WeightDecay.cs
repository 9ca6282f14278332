using Dendra.Simulator.Models;

namespace Dendra.Plasticity;

/// <summary>
/// Weight decay on a plastic rate projection: <c>ΔW = −η λ W</c> added to a rule's decay term, so the weights shrink
/// geometrically towards zero where the rule does not hold them; and weight bounds, which are the rule's
/// <see cref="OuterProductRule.ClippedTo"/>.
/// </summary>
/// <remarks>
/// <para>Added to Hebb's rule with held activities, the weights approach the fixed point <c>W* = y ⊗ x / λ</c>
/// (geometrically, by the factor 1 − ηλ per application); alone (<see cref="Rule"/>), W is multiplied by 1 − λ each application.</para>
/// <list type="table">
/// <listheader><term>Parameter</term><description>Meaning (default)</description></listheader>
/// <item><term><c>weight_decay</c></term><description>λ, the decay per application and per unit of η (the rule's eta scales it).</description></item>
/// </list>
/// <para>Bounds: <c>rule.ClippedTo(min, max)</c> clips every weight after each change (hard bounds, on both backends).</para>
/// </remarks>
/// <example><code>
/// var rule = WeightDecay.Added(Hebb.Rule(eta: 0.01), lambda: 0.1).ClippedTo(0, 1);
/// </code></example>
public static class WeightDecay
{
    /// <summary>The name of λ among the rule's parameters.</summary>
    public const string Parameter = "weight_decay";

    /// <summary>A copy of <paramref name="rule"/> whose decay factor has λ added (<c>d → d + λ</c>): its parameters, schedule,
    /// batch reduction, clipping, transform and normalisation are kept.</summary>
    /// <param name="rule">The rule to add the decay to (not changed).</param>
    /// <param name="lambda">λ, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The rule already has a parameter named <c>weight_decay</c>.</exception>
    public static OuterProductRule Added(OuterProductRule rule, double lambda)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!(lambda >= 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the weight decay λ must be finite and ≥ 0");
        if (rule.Parameters.ContainsKey(Parameter)) throw new ArgumentException($"rule '{rule.Name}' already has a weight decay ('{Parameter}')", nameof(rule));
        // Sources are stored as "f = …", "g = …", "d = …" and "transform = …"; the copy is built from what follows the "= ".
        static string Text(string source) => source[(source.IndexOf('=') + 2)..];
        string decay = rule.Decay is { } d ? $"({Text(d.Source)}) + {Parameter}" : Parameter;
        var copy = new OuterProductRule(rule.Name + " + weight decay", post: Text(rule.Post.Source), pre: Text(rule.Pre.Source), decay: decay);
        foreach (var p in rule.Parameters.Values) copy.WithParameter(p.Name, p.Default, p.Unit, p.Description);
        copy.WithParameter(Parameter, lambda, "", "weight decay λ per application");
        copy.Every(rule.EverySteps);
        if (rule.RequestedReduction is { } reduction) copy.ReducedBy(reduction);
        if (rule.Clip is { } clip) copy.ClippedTo(clip.Min, clip.Max);
        if (rule.Transform is { } t) copy.WithTransform(Text(t.Source));
        if (rule.Normalisation is { } n) copy.NormalisedTo(n.Radius, n.P, n.EveryApplications);
        return copy;
    }

    /// <summary>Decay alone: <c>ΔW = −λ W</c> per application (η = 1), for a projection whose weights only decay.</summary>
    /// <param name="lambda">λ, finite, in [0, 1].</param>
    public static OuterProductRule Rule(double lambda)
    {
        if (!(lambda >= 0 && lambda <= 1)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the weight decay λ per application must be in [0, 1]");
        return new OuterProductRule("Weight decay", post: "0", pre: "0", decay: Parameter).WithParameter(Parameter, lambda, "", "weight decay λ per application");
    }
}

using Dendra.Simulator.Expressions;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// The weight transform of a plastic rate projection (<see cref="Models.OuterProductRule.WithTransform"/>) as a kernel over
/// its weights: element e of <see cref="Output"/> is the transform of element e of <see cref="Weights"/>. Backends run it
/// when the network is built and after each change of W, and their product reads the output instead of W. Every value is
/// checked: a transform that is not finite stops the run naming the projection and the weight.
/// </summary>
public static class WeightTransform
{
    /// <summary>The name the transform reads each weight by.</summary>
    public const string Weights = "w";

    /// <summary>The array it writes, one value per weight.</summary>
    public const string Output = "__transformed";

    /// <summary>The kernel for <paramref name="projection"/>'s transform over <paramref name="weights"/> (dense row-major or
    /// sparse values), writing <paramref name="transformed"/> of the same length and precision.</summary>
    public static KernelDefinition Compile(RateProjection projection, Array weights, Array transformed)
    {
        var rule = projection.Rule ?? throw new ArgumentException($"rate projection '{projection.Name}' has no rule", nameof(projection));
        var (source, expression) = rule.Transform ?? throw new ArgumentException($"rule '{rule.Name}' has no weight transform", nameof(projection));
        var constants = rule.Parameters.Values.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        var scope = new NameScope(rule.Name, constants, [Weights], [], allowReductions: false);
        var resolved = scope.Resolve(expression, source);
        // Recomputed only when W changes, so it may read nothing that changes otherwise: no time, neuron or random number.
        Symbolic.Visit(resolved, node =>
        {
            if (node is Identifier { Name: not Weights } id)
                throw new ModelException(rule.Name, source, id.Position,
                    $"the weight transform of rate projection '{projection.Name}' reads '{id.Name}'; it is a function of the weight w and the rule's parameters only");
            if (node is Call { Function: "rand" or "randn" } call)
                throw new ModelException(rule.Name, source, call.Position,
                    $"the weight transform of rate projection '{projection.Name}' draws random numbers; it is a function of the weight w and the rule's parameters only");
        });
        var arrays = new Dictionary<string, ArrayBinding>(StringComparer.Ordinal)
        {
            [Weights] = new(Weights, weights, IndexKind.Element),
            [Output] = new(Output, transformed, IndexKind.Element),
        };
        return new KernelDefinition($"{projection.Name}.transform", KernelShape.ElementLoop, [new StoreStatement(Output, resolved)], arrays,
            weights.Length, Seed: 0, Stream: 0, projection.Network.Dt, ChecksFinite: true);
    }
}

using Dendra.Simulator.Models;

namespace Dendra.Simulator.Graph;

/// <summary>
/// A rate coupling: every step, <c>post.target += W · pre.source</c>, with W dense (rows = post, columns = pre)
/// or sparse (CSR by post). The target must be a summed input of the postsynaptic model.
/// </summary>
public sealed class RateProjection
{
    internal RateProjection(string name, PopulationSlice pre, PopulationSlice post, string source, string target,
        double[]? dense, int[]? rowStart, int[]? columns, double[]? values)
    {
        Name = name;
        Pre = pre;
        Post = post;
        Source = source;
        Target = target;
        Dense = dense;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    /// <summary>Name used in messages.</summary>
    public string Name { get; }

    /// <summary>Presynaptic neurons.</summary>
    public PopulationSlice Pre { get; }

    /// <summary>Postsynaptic neurons.</summary>
    public PopulationSlice Post { get; }

    /// <summary>Presynaptic variable or sub-expression read (e.g. <c>r</c>).</summary>
    public string Source { get; }

    /// <summary>Postsynaptic summed input written (e.g. <c>I_syn</c>).</summary>
    public string Target { get; }

    /// <summary>Dense weights, row-major [post, pre]; null when sparse.</summary>
    public double[]? Dense { get; }

    /// <summary>Sparse: start of each post row in <see cref="Columns"/>; null when dense.</summary>
    public int[]? RowStart { get; }

    /// <summary>Sparse: presynaptic index of each entry.</summary>
    public int[]? Columns { get; }

    /// <summary>Sparse: weight of each entry.</summary>
    public double[]? Values { get; }

    /// <summary>The network this projection belongs to.</summary>
    public Network Network => Pre.Population.Network;

    /// <summary>The rule the weights learn by; null for fixed weights.</summary>
    public OuterProductRule? Rule { get; private set; }

    /// <summary>Makes the weights plastic under <paramref name="rule"/> (before the network is built). A sparse projection
    /// learns on the weights it has: absent connections stay absent.</summary>
    public RateProjection Learn(OuterProductRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Network.Invalidate("rate projection rules");
        Rule = rule;
        return this;
    }

    /// <summary>
    /// η, the learning rate the rule's update is scaled by: the rule's <c>eta</c> parameter until set here. It may be set
    /// between runs, after the network is built (a learning-rate schedule sets it before each presentation); the next
    /// application of the rule uses it. Factors f, g and d that read <c>eta</c> themselves keep the rule's value.
    /// </summary>
    /// <exception cref="InvalidOperationException">The projection has no rule.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public double LearningRate
    {
        get => _learningRate ?? Rule?.Parameters["eta"].Default
            ?? throw new InvalidOperationException($"rate projection '{Name}' has fixed weights: it has no learning rate (make it plastic with Learn(rule))");
        set
        {
            if (Rule is null) throw new InvalidOperationException($"rate projection '{Name}' has fixed weights: make it plastic with Learn(rule) before setting its learning rate");
            if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"the learning rate of rate projection '{Name}' must be finite");
            _learningRate = value;
        }
    }

    private double? _learningRate;

    /// <summary>The weights as they are now, [post, pre] (the initial ones until a rule has changed them).</summary>
    public double[,] Weights()
    {
        if (Dense is null) throw new InvalidOperationException($"rate projection '{Name}' is sparse; read its weights with CurrentValues()");
        var flat = Network.ReadWeights(this);
        var result = new double[Post.Count, Pre.Count];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    /// <summary>A sparse projection's weights as they are now, in the order of <see cref="Values"/> (row by row, as
    /// <see cref="RowStart"/> and <see cref="Columns"/> index them).</summary>
    public double[] CurrentValues()
    {
        if (Values is null) throw new InvalidOperationException($"rate projection '{Name}' is dense; read its weights with Weights()");
        return Network.ReadWeights(this);
    }
}

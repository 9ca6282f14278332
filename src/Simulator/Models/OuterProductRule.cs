using Dendra.Simulator.Expressions;

namespace Dendra.Simulator.Models;

/// <summary>How a rule's changes from the instances of a minibatch are combined before they are applied once.</summary>
public enum BatchReduction
{
    /// <summary>The sum over instances.</summary>
    Sum,
    /// <summary>The mean over instances.</summary>
    Mean,
}

/// <summary>
/// A learning rule for a dense rate projection W (rows: postsynaptic neurons, columns: presynaptic), of the form
/// <c>ΔW = η (f(post) ⊗ g(pre) − d(post) ⊙ W)</c>: a Hebbian outer product of a postsynaptic factor f and a presynaptic
/// factor g, minus a decay of each row by a postsynaptic factor d. Hebb (f = y, g = x), Oja (f = y, g = x, d = y²),
/// covariance and BCM rules, the delta rule and Krotov–Hopfield's rule all have this form. f and d are expressions of the
/// postsynaptic neuron's variables (written <c>y</c> or <c>y_post</c>), g of the presynaptic neuron's (<c>x</c> or
/// <c>x_pre</c>); each may use the rule's parameters. The rule is data: it compiles to per-neuron factors and one
/// outer-product update per application.
/// </summary>
/// <example><code>
/// var oja = new OuterProductRule("Oja", post: "y", pre: "x", decay: "y^2").WithParameter("eta", 0.01);
/// net.ConnectRate(input, output, "x", "I", weights).Learn(oja);
/// </code></example>
public sealed class OuterProductRule
{
    private readonly Dictionary<string, Parameter> _parameters = new(StringComparer.Ordinal);

    /// <summary>Creates a rule.</summary>
    /// <param name="name">Name, for messages.</param>
    /// <param name="post">f: the postsynaptic factor of the outer product.</param>
    /// <param name="pre">g: the presynaptic factor of the outer product.</param>
    /// <param name="decay">d: the postsynaptic factor that scales each row's decay term −d·W (none when null).</param>
    public OuterProductRule(string name, string post, string pre, string? decay = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Post = Parse("f", post);
        Pre = Parse("g", pre);
        Decay = decay is null ? null : Parse("d", decay);
        _parameters["eta"] = new Parameter("eta", 1, "", "learning rate η");
    }

    /// <summary>Name, for messages.</summary>
    public string Name { get; }

    /// <summary>f, the postsynaptic factor, with its source text.</summary>
    public (string Source, Expr Expression) Post { get; }

    /// <summary>g, the presynaptic factor, with its source text.</summary>
    public (string Source, Expr Expression) Pre { get; }

    /// <summary>d, the postsynaptic decay factor, with its source text; null when the rule has no decay term.</summary>
    public (string Source, Expr Expression)? Decay { get; }

    /// <summary>Parameters by name; <c>eta</c> (η, default 1) is always there.</summary>
    public IReadOnlyDictionary<string, Parameter> Parameters => _parameters;

    /// <summary>The rule is applied at the end of every this many steps (1: every step); 0 when it is applied only at the
    /// end of each presentation (<see cref="AtEndOfPresentation"/>).</summary>
    public int EverySteps { get; private set; } = 1;

    /// <summary>Whether the rule is applied only when a presentation ends (<see cref="Graph.Network.EndPresentation"/>).</summary>
    public bool AtPresentationEnd => EverySteps == 0;

    /// <summary>Whether the rule applies at the end of <paramref name="step"/> (never, for a rule applied per presentation).</summary>
    public bool DueAt(long step) => EverySteps > 0 && (step + 1) % EverySteps == 0;

    /// <summary>How the changes of a minibatch's instances are combined (the sum unless <see cref="ReducedBy"/> says otherwise).</summary>
    public BatchReduction Reduction => RequestedReduction ?? BatchReduction.Sum;

    /// <summary>The reduction <see cref="ReducedBy"/> asked for; a network without a batch refuses one.</summary>
    public BatchReduction? RequestedReduction { get; private set; }

    /// <summary>The weight transform the projection's product reads instead of W (an expression of <c>w</c> and the rule's
    /// parameters, e.g. <c>sign(w)*abs(w)^(p-1)</c>), with its source text; null when the product reads W itself.</summary>
    public (string Source, Expr Expression)? Transform { get; private set; }

    /// <summary>Bounds each weight is clipped to after a change; null for none.</summary>
    public (double Min, double Max)? Clip { get; private set; }

    /// <summary>The synaptic normalisation applied after a change (and after clipping), or null for none: each postsynaptic
    /// neuron's row of weights is scaled so that <c>Σ_i |w_i|^P = Radius^P</c>, at the end of every
    /// <c>EveryApplications</c>-th application of the rule.</summary>
    public (double P, double Radius, int EveryApplications)? Normalisation { get; private set; }

    /// <summary>Adds or overrides a parameter that f, g and d may read (<c>eta</c> is η).</summary>
    public OuterProductRule WithParameter(string name, double value, string unit = "", string description = "")
    {
        ParameterCheck.RequireFinite(Name, name, value);
        _parameters[name] = new Parameter(name, value, unit, description);
        return this;
    }

    /// <summary>Applies the rule at the end of every <paramref name="steps"/> steps instead of every step.</summary>
    public OuterProductRule Every(int steps)
    {
        if (steps < 1) throw new ModelException(Name, $"a rule is applied every 1 or more steps, got {steps}");
        EverySteps = steps;
        return this;
    }

    /// <summary>
    /// Applies the rule once per presentation, from the state at its end, instead of at the end of steps: the network runs
    /// (for a time, or until settled) and then <see cref="Graph.Network.EndPresentation"/> applies every such rule once,
    /// as the quasi-stationary learning of a network whose weights change much more slowly than its activity does.
    /// </summary>
    public OuterProductRule AtEndOfPresentation()
    {
        EverySteps = 0;
        return this;
    }

    /// <summary>Whether each application's change is scaled so that its largest magnitude is η (<see cref="ScaledToLargestChange"/>).</summary>
    public bool ScalesToLargestChange { get; private set; }

    /// <summary>
    /// Scales each application's change (reduced over the batch) so that its largest magnitude is η:
    /// <c>W += η ΔW / max|ΔW|</c>, as Krotov &amp; Hopfield's learning does; a change of zero leaves W as it is. The step
    /// then does not depend on the size of the inputs, and the batch reduction (sum or mean) makes no difference.
    /// CPU backend only for now; OpenCL refuses it.
    /// </summary>
    public OuterProductRule ScaledToLargestChange()
    {
        ScalesToLargestChange = true;
        return this;
    }

    /// <summary>Combines the changes of a minibatch's instances by <paramref name="reduction"/> (default: the sum).</summary>
    public OuterProductRule ReducedBy(BatchReduction reduction)
    {
        RequestedReduction = reduction;
        return this;
    }

    /// <summary>Clips every weight to [<paramref name="min"/>, <paramref name="max"/>] after each change.</summary>
    public OuterProductRule ClippedTo(double min, double max)
    {
        if (!(min <= max) || double.IsNaN(min) || double.IsNaN(max))
            throw new ModelException(Name, $"clipping needs min ≤ max, got [{min}, {max}]");
        Clip = (min, max);
        return this;
    }

    /// <summary>Normalises each postsynaptic neuron's weights after the rule has changed them (and after clipping): the row
    /// w_j is multiplied by <c>radius / (Σ_i |w_ji|^p)^(1/p)</c>, so that its Lp norm is <paramref name="radius"/> to rounding.
    /// A sparse projection normalises the weights it has; a row whose weights are all zero stays zero (it has no direction).</summary>
    /// <param name="p">The exponent: 1 (L1, the sum of magnitudes), 2 (L2, the Euclidean length) or any p &gt; 0.</param>
    /// <param name="radius">The norm each row is given (&gt; 0).</param>
    /// <param name="everyApplications">Normalise after every application of the rule (1, "continuous") or only after every
    /// N-th (the rule applies every <see cref="EverySteps"/> steps, so this is every N·EverySteps steps; with one step per
    /// minibatch of B samples, every N·B samples; a rule applied at the end of each presentation, every N-th presentation).</param>
    public OuterProductRule NormalisedTo(double radius, double p = 2, int everyApplications = 1)
    {
        if (!(p > 0) || !double.IsFinite(p)) throw new ModelException(Name, $"a normalisation needs a finite exponent p > 0, got {p}");
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ModelException(Name, $"a normalisation needs a finite radius > 0, got {radius}");
        if (everyApplications < 1) throw new ModelException(Name, $"a normalisation is applied every 1 or more applications of the rule, got {everyApplications}");
        Normalisation = (p, radius, everyApplications);
        return this;
    }

    /// <summary>Whether the normalisation (if any) is due after the application at the end of <paramref name="step"/> (a rule
    /// applied every k steps) or at the end of presentation number <paramref name="presentation"/> (a rule applied once per
    /// presentation, whose N-th application is the N-th presentation: <see cref="Graph.Network.Presentations"/>).</summary>
    public bool NormalisesAfter(long step, long presentation) =>
        Normalisation is { } n && (AtPresentationEnd
            ? presentation % n.EveryApplications == 0
            : (step + 1) % ((long)EverySteps * n.EveryApplications) == 0);

    /// <summary>Makes the projection's product read <paramref name="transform"/> of each weight instead of the weight: an
    /// expression of <c>w</c> and the rule's parameters (no time, no neuron, no random numbers), computed element by element
    /// when the network is built and again each time the rule changes W, not every step. The rule itself changes W.</summary>
    /// <example><code>rule.WithParameter("p", 3).WithTransform("sign(w)*abs(w)^(p-1)")</code></example>
    public OuterProductRule WithTransform(string transform)
    {
        Transform = Parse("transform", transform);
        return this;
    }

    private (string, Expr) Parse(string factor, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = $"{factor} = {text}";
        try
        {
            return (source, ExpressionParser.Parse(text, factor.Length + 3));
        }
        catch (ExpressionSyntaxException e)
        {
            throw new ModelException(Name, source, e.Position, e.Message);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: ΔW = eta·(({Post.Source[4..]}) ⊗ ({Pre.Source[4..]}){(Decay is { } d ? $" − ({d.Source[4..]}) ⊙ W" : "")})" +
        (Transform is { } t ? $", read as {t.Source[12..]}" : "") +
        (Normalisation is { } n ? $", rows normalised to |w|_{n.P} = {n.Radius}" : "");
}

using Dendra.Simulator.Models;

namespace Dendra.Neurons;

/// <summary>The transfer function of a <see cref="RateNeuron"/>: how the rate <c>r</c> follows from the activation <c>h</c>.</summary>
public enum Transfer
{
    /// <summary><c>r = h</c>.</summary>
    Linear,

    /// <summary><c>r = max(h, 0)</c>.</summary>
    Relu,

    /// <summary><c>r = 1/(1 + exp(-h))</c>, the logistic function.</summary>
    Sigmoid,

    /// <summary><c>r = tanh(h)</c>.</summary>
    Tanh,

    /// <summary><c>r = max(h, 0)^n</c>, a rectified power law with exponent parameter <c>n</c>.</summary>
    RectifiedPower,
}

/// <summary>
/// A leaky rate neuron: the activation <c>h</c> relaxes with time constant <c>tau</c> towards its summed
/// input <c>I</c> plus a bias, and the output rate <c>r</c> is a fixed transfer function of <c>h</c>.
/// </summary>
/// <remarks>
/// <code>
/// dh/dt = (I + bias - h)/tau
/// r = f(h)              # f chosen by Transfer
/// </code>
/// <c>I</c> is a summed input (<see cref="NeuronModel.WithInput"/>): rate projections
/// (<c>net.ConnectRate(pre, post, "r", "I", W)</c>) and current injection add to it every step. The model is
/// linear with constant coefficients, so it is integrated exactly. <c>h</c>, <c>I</c> and <c>r</c> are
/// dimensionless (or in whatever unit the inputs use); <c>r</c> is a sub-expression, stored only when a
/// monitor or a rate projection reads it.
/// <list type="table">
/// <listheader><term>name</term><description>default</description><description>unit</description><description>meaning</description></listheader>
/// <item><term>tau</term><description>10 ms</description><description>s</description><description>time constant of the activation</description></item>
/// <item><term>bias</term><description>0</description><description>1</description><description>constant input added to <c>I</c></description></item>
/// <item><term>n</term><description>2</description><description>1</description><description>exponent (only with <see cref="Transfer.RectifiedPower"/>)</description></item>
/// </list>
/// Reference: P. Dayan and L. F. Abbott, <i>Theoretical Neuroscience</i>, MIT Press 2001, chapter 7.1 (firing-rate models).
/// </remarks>
public static class RateNeuron
{
    /// <summary>A new leaky rate neuron with the given transfer function (see <see cref="RateNeuron"/>).</summary>
    /// <param name="transfer">How <c>r</c> is computed from <c>h</c> (default rectified linear).</param>
    public static NeuronModel Create(Transfer transfer = Transfer.Relu)
    {
        var output = transfer switch
        {
            Transfer.Linear => "h",
            Transfer.Relu => "max(h, 0)",
            Transfer.Sigmoid => "1/(1 + exp(-h))",
            Transfer.Tanh => "tanh(h)",
            Transfer.RectifiedPower => "max(h, 0)^n",
            _ => throw new ArgumentOutOfRangeException(nameof(transfer), transfer, "unknown transfer function"),
        };
        var model = new NeuronModel($"Rate-{transfer}", $"""
            dh/dt = (I + bias - h)/tau
            r = {output}
            """)
            .WithParameter("tau", 10e-3, "s", "time constant of the activation")
            .WithParameter("bias", 0, "1", "constant input added to I")
            .WithInput("I");
        if (transfer == Transfer.RectifiedPower)
            model.WithParameter("n", 2, "1", "exponent of the rectified power law");
        return model;
    }

    /// <summary>
    /// An input layer: the rate <c>r</c> is a state variable with no dynamics, holding whatever is written into it with
    /// <see cref="Simulator.Graph.Population.SetState"/> (a pattern, an image, one per instance of a minibatch) until the
    /// next write. Rate projections read it as they read any rate neuron's <c>r</c>.
    /// </summary>
    public static NeuronModel Input() => new NeuronModel("Rate-Input", "").WithState("r");
}

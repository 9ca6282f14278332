using Dendra.Simulator.Expressions;

namespace Dendra.Simulator.Models;

/// <summary>
/// A neuron model written in the model language: parameters, equations, inputs, threshold, reset and
/// refractory period. Rate neurons simply have no threshold. Several compartments are several coupled
/// state variables, each with its own named inputs.
/// </summary>
/// <example>
/// <code>
/// var lif = new NeuronModel("LIF", """
///     dv/dt = (E_L - v + R*I_syn)/tau_m : unless refractory
///     """)
///     .WithParameter("E_L", -70 * mV).WithParameter("tau_m", 20 * ms).WithParameter("R", 100 * Mohm)
///     .WithInput("I_syn").WithThreshold("v > -50e-3").WithReset("v = E_L").WithRefractory(2 * ms);
/// </code>
/// </example>
public sealed class NeuronModel : ModelDescription
{
    private readonly List<string> _inputs = [];
    private readonly List<Statement> _reset = [];

    /// <summary>Creates a neuron model from its equations.</summary>
    public NeuronModel(string name, string equations) : base(name, equations)
    {
    }

    /// <summary>Summed inputs: zeroed at the start of every step, then filled by rate projections and current injection.</summary>
    public IReadOnlyList<string> Inputs => _inputs;

    /// <summary>The spike condition, or null for a rate model.</summary>
    public Expr? Threshold { get; private set; }

    /// <summary>The threshold as written.</summary>
    public string? ThresholdSource { get; private set; }

    /// <summary>Statements run when the neuron spikes.</summary>
    public IReadOnlyList<Statement> Reset => _reset;

    /// <summary>Refractory period in seconds (0: none). The threshold is not tested while refractory, and
    /// variables flagged <c>unless refractory</c> are held.</summary>
    public double RefractorySeconds { get; private set; }

    /// <summary>Adds or replaces a parameter.</summary>
    public NeuronModel WithParameter(string name, double value, string unit = "", string description = "")
    {
        AddParameter(new Parameter(name, value, unit, description));
        return this;
    }

    /// <summary>Sets a state variable's initial value (constant or per-neuron expression).</summary>
    public NeuronModel WithInitial(string variable, Init value)
    {
        SetInitial(variable, value);
        return this;
    }

    /// <summary>Declares a state variable without a differential equation (e.g. an adaptive threshold changed on reset).</summary>
    public NeuronModel WithState(string variable, Init? initial = null)
    {
        AddState(variable, initial ?? Init.Of(0));
        return this;
    }

    /// <summary>Declares a summed input that projections and current injection can target.</summary>
    public NeuronModel WithInput(string name)
    {
        if (!_inputs.Contains(name)) _inputs.Add(name);
        return this;
    }

    /// <summary>Sets the spike condition, e.g. <c>"v > V_th"</c>.</summary>
    public NeuronModel WithThreshold(string condition)
    {
        Threshold = ParseExpression(condition);
        ThresholdSource = condition;
        return this;
    }

    /// <summary>Sets the statements run at a spike, e.g. <c>"v = V_r; w += b"</c>.</summary>
    public NeuronModel WithReset(string statements)
    {
        _reset.Clear();
        _reset.AddRange(Statement.ParseBlock(Name, statements));
        return this;
    }

    /// <summary>Sets the refractory period in seconds.</summary>
    public NeuronModel WithRefractory(double seconds)
    {
        ParameterCheck.RequireFinite(Name, "refractory", seconds);
        if (seconds < 0) throw new ModelException(Name, $"parameter 'refractory' must not be negative, got {seconds}");
        RefractorySeconds = seconds;
        return this;
    }

    /// <summary>Chooses the integrator.</summary>
    public NeuronModel WithMethod(Integrator method)
    {
        Method = method;
        return this;
    }
}

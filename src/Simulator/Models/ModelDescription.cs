using Dendra.Simulator.Expressions;

namespace Dendra.Simulator.Models;

/// <summary>
/// What neuron and synapse models share: a name, parameters with defaults, equations, state variables with
/// initial values, and the integrator to use. A model is data; backends compile it and never switch on its name.
/// </summary>
public abstract class ModelDescription
{
    private readonly Dictionary<string, Parameter> _parameters = new(StringComparer.Ordinal);
    private readonly List<Equation> _equations = [];
    private readonly Dictionary<string, Init> _initial = new(StringComparer.Ordinal);
    private readonly List<string> _plainStates = [];

    /// <summary>Creates a model from its equation block.</summary>
    /// <param name="name">Name used in messages and recordings.</param>
    /// <param name="equations">Equations, one per line (see <see cref="EquationParser"/>).</param>
    protected ModelDescription(string name, string equations)
    {
        Name = name;
        _equations.AddRange(EquationParser.Parse(name, equations));
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>Parameters in declaration order.</summary>
    public IReadOnlyCollection<Parameter> Parameters => _parameters.Values;

    /// <summary>Equations in the order written.</summary>
    public IReadOnlyList<Equation> Equations => _equations;

    /// <summary>State variables: those with a differential equation, then those declared with <see cref="AddState"/>.</summary>
    public IEnumerable<string> StateVariables =>
        _equations.Where(e => e.Kind == EquationKind.Differential).Select(e => e.Name).Concat(_plainStates);

    /// <summary>State variables without a differential equation (changed only by events).</summary>
    public IReadOnlyList<string> PlainStates => _plainStates;

    /// <summary>Initial values given explicitly; other state variables start at 0.</summary>
    public IReadOnlyDictionary<string, Init> InitialValues => _initial;

    /// <summary>How the equations are integrated.</summary>
    public Integrator Method { get; protected set; } = Integrator.Auto;

    /// <summary>Looks up a parameter.</summary>
    public bool TryGetParameter(string name, out Parameter parameter) => _parameters.TryGetValue(name, out parameter!);

    /// <summary>Adds or replaces a parameter.</summary>
    protected void AddParameter(Parameter parameter)
    {
        ParameterCheck.RequireFinite(Name, parameter.Name, parameter.Default);
        if (ParameterCheck.IsTimeConstant(parameter.Name)) ParameterCheck.RequirePositive(Name, parameter.Name, parameter.Default);
        _parameters[parameter.Name] = parameter;
    }

    /// <summary>Sets the initial value of a state variable.</summary>
    protected void SetInitial(string variable, Init value)
    {
        if (!StateVariables.Contains(variable))
            throw new ModelException(Name, $"'{variable}' has an initial value but is not a state variable: add an equation 'd{variable}/dt = …' or declare it as a state");
        _initial[variable] = value;
    }

    /// <summary>Declares a state variable changed only by events (reset, on-pre, on-post).</summary>
    protected void AddState(string variable, Init initial)
    {
        if (StateVariables.Contains(variable))
            throw new ModelException(Name, $"state variable '{variable}' is declared twice");
        _plainStates.Add(variable);
        _initial[variable] = initial;
    }

    /// <summary>Parses an expression belonging to this model, reporting errors with the model's name.</summary>
    protected Expr ParseExpression(string text)
    {
        try { return ExpressionParser.Parse(text); }
        catch (ExpressionSyntaxException e) { throw new ModelException(Name, text, e.Position, e.Message); }
    }
}

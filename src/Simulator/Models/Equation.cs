using Dendra.Simulator.Expressions;

namespace Dendra.Simulator.Models;

/// <summary>What an equation line defines.</summary>
public enum EquationKind
{
    /// <summary><c>dx/dt = f</c>: a state variable integrated every step (or exactly between events).</summary>
    Differential,
    /// <summary><c>name = f</c>: a named sub-expression, recomputed wherever it is used.</summary>
    SubExpression,
}

/// <summary>Where a synaptic variable is stored: per synapse, or once per neuron on one side of the projection.</summary>
public enum VariableOwner
{
    /// <summary>One value per synapse (the default).</summary>
    Synapse,
    /// <summary>One value per presynaptic neuron of the projection (<c>: presynaptic</c>), e.g. a presynaptic trace.</summary>
    Presynaptic,
    /// <summary>One value per postsynaptic neuron of the projection (<c>: postsynaptic</c>), e.g. a postsynaptic trace.</summary>
    Postsynaptic,
}

/// <summary>One parsed equation line of a model.</summary>
/// <param name="Kind">Differential equation or sub-expression.</param>
/// <param name="Name">The variable it defines.</param>
/// <param name="Rhs">The right-hand side.</param>
/// <param name="Source">The line as the user wrote it (for error messages).</param>
/// <param name="UnlessRefractory">Hold the variable still while its neuron is refractory.</param>
/// <param name="EventDriven">Synapses only: integrate exactly from the last event instead of every step.</param>
/// <param name="Summed">Synapses only: a sub-expression <c>X_post = f : summed</c> whose value, summed over the
/// synapses onto each neuron, is added every step to that neuron's summed input <c>X</c>.</param>
/// <param name="Owner">Synapses only: whether the variable is stored per synapse or once per pre- or postsynaptic neuron.</param>
public sealed record Equation(EquationKind Kind, string Name, Expr Rhs, string Source, bool UnlessRefractory, bool EventDriven, bool Summed = false,
    VariableOwner Owner = VariableOwner.Synapse);

/// <summary>Parses the equation block of a model: one equation per line (or separated by <c>;</c>).</summary>
/// <remarks>
/// Forms: <c>dv/dt = (E_L - v)/tau_m</c>, <c>I_syn = ge*(E_e - v)</c>, with optional flags after a colon:
/// <c>: unless refractory</c>, <c>: event-driven</c>, <c>: summed</c>, and for synapse models <c>: presynaptic</c> or
/// <c>: postsynaptic</c> (a variable stored once per neuron of that side). <c>#</c> starts a comment.
/// </remarks>
public static class EquationParser
{
    /// <summary>Parses every equation in <paramref name="text"/>.</summary>
    /// <param name="modelName">Used in error messages.</param>
    /// <param name="text">The equation block.</param>
    public static IReadOnlyList<Equation> Parse(string modelName, string text)
    {
        var result = new List<Equation>();
        foreach (var raw in SplitLines(text))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            result.Add(ParseLine(modelName, line));
        }
        return result;
    }

    internal static IEnumerable<string> SplitLines(string text)
    {
        foreach (var line in text.Split('\n', ';'))
        {
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            yield return (hash >= 0 ? line[..hash] : line).TrimEnd('\r');
        }
    }

    private static Equation ParseLine(string model, string line)
    {
        int eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0) throw new ModelException(model, line, -1, "an equation needs '=' (dx/dt = … or name = …)");
        int colon = line.IndexOf(':', eq);
        var rhsText = colon >= 0 ? line[(eq + 1)..colon] : line[(eq + 1)..];
        bool unlessRefractory = false, eventDriven = false, summed = false;
        var owner = VariableOwner.Synapse;
        if (colon >= 0)
        {
            foreach (var flag in line[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                switch (flag.Replace('_', ' ').Replace('-', ' ').ToLowerInvariant())
                {
                    case "unless refractory": unlessRefractory = true; break;
                    case "event driven": eventDriven = true; break;
                    case "summed": summed = true; break;
                    case "presynaptic" or "postsynaptic":
                        var side = flag.StartsWith("pre", StringComparison.OrdinalIgnoreCase) ? VariableOwner.Presynaptic : VariableOwner.Postsynaptic;
                        if (owner != VariableOwner.Synapse && owner != side)
                            throw new ModelException(model, line, line.IndexOf(flag, colon, StringComparison.Ordinal),
                                "a variable is stored per presynaptic or per postsynaptic neuron, not both");
                        owner = side;
                        break;
                    default:
                        throw new ModelException(model, line, line.IndexOf(flag, colon, StringComparison.Ordinal),
                            $"unknown flag '{flag}' (known: unless refractory, event-driven, summed, presynaptic, postsynaptic)");
                }
            }
        }

        var lhs = line[..eq].Trim();
        Expr rhs;
        try { rhs = ExpressionParser.Parse(rhsText, eq + 1); }
        catch (ExpressionSyntaxException e) { throw new ModelException(model, line, e.Position, e.Message); }

        var derivative = System.Text.RegularExpressions.Regex.Match(lhs, @"^d\s*([A-Za-z_]\w*)\s*/\s*dt$");
        if (derivative.Success)
        {
            if (summed) throw new ModelException(model, line, colon, "only sub-expressions (X_post = …) can be summed");
            return new Equation(EquationKind.Differential, derivative.Groups[1].Value, rhs, line, unlessRefractory, eventDriven, Owner: owner);
        }
        if (System.Text.RegularExpressions.Regex.IsMatch(lhs, @"^[A-Za-z_]\w*$"))
        {
            if (eventDriven)
                throw new ModelException(model, line, colon, "only differential equations can be event-driven");
            if (owner != VariableOwner.Synapse)
                throw new ModelException(model, line, colon, $"only differential equations can be {owner.ToString().ToLowerInvariant()} (dx/dt = … : {owner.ToString().ToLowerInvariant()})");
            return new Equation(EquationKind.SubExpression, lhs, rhs, line, unlessRefractory, false, summed);
        }
        throw new ModelException(model, line, 0, $"the left-hand side '{lhs}' is neither 'dx/dt' nor a name");
    }
}

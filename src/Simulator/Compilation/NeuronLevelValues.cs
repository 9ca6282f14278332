using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// A neuron-level variable as a reader outside the kernels sees it (a monitor, <see cref="Projection.Get"/>): one value per
/// neuron of the projection's slice on that side, event-driven ones decayed exactly from their neuron's clock to the step
/// asked for, as synapse code would read them then.
/// </summary>
internal static class NeuronLevelValues
{
    /// <param name="projection">The projection whose synapse model owns the variable.</param>
    /// <param name="variable">The variable.</param>
    /// <param name="side">Its compiled side (storage and clock).</param>
    /// <param name="stored">The stored values, one per neuron of the side's population, as doubles.</param>
    /// <param name="step">The step the values are wanted for.</param>
    public static double[] Now(Projection projection, string variable, CompiledNeuronVariables side, double[] stored, long step)
    {
        var (start, count) = side.Slice;
        var result = new double[count];
        if (!side.EventDriven.Contains(variable))
        {
            Array.Copy(stored, start, result, 0, count);
            return result;
        }
        var model = projection.Synapse;
        var eq = model.Equations.First(e => e.Kind == EquationKind.Differential && e.Name == variable);
        var constants = model.Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        var (a, b) = ExactDecay.Coefficients(model.Name, new NameScope(model.Name, constants, [variable], [], allowReductions: false), eq);
        double dt = projection.Network.Dt;
        for (int k = 0; k < count; k++)
        {
            double x = stored[start + k], elapsed = (step - side.Clock![start + k]) * dt;
            result[k] = a.Value == 0 ? x + b.Value * elapsed : (x + b.Value / a.Value) * Math.Exp(a.Value * elapsed) - b.Value / a.Value;
        }
        return result;
    }
}

/// <summary>How <see cref="Projection.Get"/> returns a neuron-level variable: one value per neuron of its side's slice, with
/// that neuron's index in its population as the presynaptic index (a presynaptic variable) or the postsynaptic one.</summary>
internal static class NeuronLevelRead
{
    public static (int[] Pre, int[] Post, double[] Values) Of(Projection projection, string variable, double[] values)
    {
        bool pre = projection.Synapse.OwnerOf(variable) == VariableOwner.Presynaptic;
        var slice = pre ? projection.Pre : projection.Post;
        var neurons = Enumerable.Range(slice.Start, slice.Count).ToArray();
        return pre ? (neurons, [], values) : ([], neurons, values);
    }
}

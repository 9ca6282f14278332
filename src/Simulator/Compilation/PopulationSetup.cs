using System.Numerics;
using System.Numerics.Tensors;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Expressions;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Compilation;

/// <summary>What every backend decides the same way about a population: which sub-expressions to store, which
/// per-neuron parameter values to refuse, and how a stored variable is read back.</summary>
internal static class PopulationSetup
{
    /// <summary>Sub-expressions that must be stored because something reads them between steps.</summary>
    public static HashSet<string> Materialized(Graph.Network network, Population p)
    {
        var names = network.StateMonitors.Where(m => m.Population == p).Select(m => m.Variable)
            .Concat(network.Recorders.SelectMany(r => r.StateVariablesOf(p)))
            .Concat(network.RateProjections.Where(r => r.Pre.Population == p).Select(r => r.Source))
            .ToList();
        foreach (var projection in network.Projections)
        {
            var used = SynapseCodeNames(projection.Synapse);
            if (projection.Pre.Population == p)
                names.AddRange(used.Where(n => n.EndsWith("_pre", StringComparison.Ordinal)).Select(n => n[..^4]));
            if (projection.Post.Population == p)
                names.AddRange(used.Select(n => n.EndsWith("_post", StringComparison.Ordinal) ? n[..^5] : n));
        }
        return names.Where(n => p.Model.Equations.Any(e => e.Kind == EquationKind.SubExpression && e.Name == n)).ToHashSet();
    }

    /// <summary>Whether spikes through <paramref name="projection"/> can change state of <paramref name="population"/>: its
    /// target always, its source when general synapse code may write presynaptic variables.</summary>
    public static bool WritesInto(CompiledProjection compiled, Projection projection, Population population) =>
        projection.Post.Population == population || (compiled.AdditiveTarget is null && projection.Pre.Population == population);

    /// <summary>Every name the synapse model's equations and event code use.</summary>
    internal static HashSet<string> SynapseCodeNames(SynapseModel synapse)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in synapse.Equations) names.UnionWith(Symbolic.Names(e.Rhs));
        foreach (var s in synapse.PreCode.Concat(synapse.PostCode).Concat(synapse.PreSpikeCode).Concat(synapse.PostSpikeCode))
            names.UnionWith(Symbolic.Names(s.AsAssignment()));
        return names;
    }

    /// <summary>Refuses non-finite per-neuron parameters and non-positive time constants after initialization.</summary>
    public static void CheckPerNeuronParameters<T>(Population p, CompiledPopulation compiled) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (var (name, value) in p.ParameterOverrides.Where(kv => kv.Value.Constant is null))
        {
            var values = (T[])compiled.Arrays[name];
            for (int i = 0; i < values.Length; i++)
            {
                if (!T.IsFinite(values[i]))
                    throw new ModelException(p.Model.Name, $"parameter '{name}' of population '{p.Name}' is {values[i]} for neuron {i} (from '{value}'); give it finite values");
                if (ParameterCheck.IsTimeConstant(name) && values[i] <= T.Zero)
                    throw new ModelException(p.Model.Name, $"parameter '{name}' of population '{p.Name}' must be positive, got {values[i]} for neuron {i}");
            }
        }
    }

    /// <summary>Copies <paramref name="variable"/> of every neuron and instance from a population's host arrays (or its
    /// constant parameter) into <paramref name="into"/>, converted to double.</summary>
    public static void CopyStored<T>(Population population, IReadOnlyDictionary<string, Array> arrays, string variable, Span<double> into)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (arrays.TryGetValue(variable, out var a))
        {
            TensorPrimitives.ConvertTruncating<T, double>(((T[])a).AsSpan(0, into.Length), into);
            return;
        }
        into.Fill(StoredValues<T>(population, arrays, variable)(0));
    }

    /// <summary>Reads neuron n's <paramref name="variable"/> from a population's host arrays (or its constant parameter).</summary>
    public static Func<int, double> StoredValues<T>(Population population, IReadOnlyDictionary<string, Array> arrays, string variable)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (arrays.TryGetValue(variable, out var a))
        {
            var values = (T[])a;
            return n => double.CreateTruncating(values[n]);
        }
        if (population.Model.TryGetParameter(variable, out _) && population.ParameterValue(variable).Constant is { } c)
            return _ => c;
        throw new ModelException(population.Model.Name,
            $"'{variable}' of population '{population.Name}' is not stored; monitor it with MonitorState before the first run to have it computed every step");
    }
}

namespace Dendra.Differential.Tests.Framework;

/// <summary>A neuron variable of some neurons of a population, sampled at the end of every step.</summary>
/// <param name="Group">Population name (the Brian2 group's Python variable).</param>
/// <param name="Variable">State variable, input, parameter or sub-expression.</param>
/// <param name="Neurons">Neurons sampled.</param>
internal sealed record TraceRequest(string Group, string Variable, int[] Neurons)
{
    /// <summary>The key both simulators' outputs file this trace under.</summary>
    public string Key => $"{Group}.{Variable}";

    /// <summary>Samples <paramref name="variable"/> of the given neurons of <paramref name="group"/>.</summary>
    public static TraceRequest Of(string group, string variable, params int[] neurons) => new(group, variable, neurons);
}

/// <summary>A synaptic variable of every synapse of a projection, sampled at the end of every step.</summary>
/// <param name="Synapses">Projection name (the Brian2 Synapses' Python variable).</param>
/// <param name="Variable">Synaptic variable.</param>
internal sealed record SynapseTraceRequest(string Synapses, string Variable)
{
    /// <summary>The key both simulators' outputs file this trace under.</summary>
    public string Key => $"{Synapses}.{Variable}";
}

/// <summary>The population rate of a group at every step, and averaged in bins of <paramref name="BinSteps"/> steps.</summary>
/// <param name="Group">Population name.</param>
/// <param name="BinSteps">Steps per bin; the run need not be a whole number of bins.</param>
internal sealed record RateRequest(string Group, int BinSteps);

namespace Dendra.Differential.Tests.Framework;

/// <summary>Brian2 schedules that a case can ask for to line Brian2's phases up with Dendra's.</summary>
internal static class BrianSchedules
{
    /// <summary>
    /// Brian2 runs synaptic pathways (on-pre and on-post code) before resets by default
    /// (start, groups, thresholds, synapses, resets, end); Dendra resets in its threshold phase, before any spike is
    /// propagated. Moving resets ahead of synapses gives Brian2 Dendra's order, so synaptic code that reads a variable
    /// the reset changes sees the reset value in both.
    /// </summary>
    public static readonly IReadOnlyList<string> ResetsBeforeSynapses = ["start", "groups", "thresholds", "resets", "synapses", "end"];
}

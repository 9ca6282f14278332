using System.Globalization;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;

namespace Dendra.Learning.Readouts;

/// <summary>
/// A network population's activity as a row a readout takes: the readouts work on arrays (a row per sample), and this
/// adapter reads the row from the population's state monitor, refusing a population nobody monitors.
/// </summary>
public static class PopulationResponses
{
    /// <summary>
    /// The latest sample of <paramref name="population"/>'s monitored variable (<paramref name="variable"/>, or its only
    /// monitored one), one value per neuron in neuron order: what a readout classifies after a presentation.
    /// </summary>
    /// <exception cref="InvalidOperationException">No monitor of the population (or of that variable), several
    /// variables and none named, a monitor of only some neurons, or no sample yet; the message says what to do.</exception>
    public static float[] Latest(Population population, string? variable = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        var monitors = population.Network.StateMonitors.Where(m => m.Population == population).ToList();
        string example = string.Create(CultureInfo.InvariantCulture,
            $"net.MonitorState({population.Name}, \"{variable ?? "r"}\", Enumerable.Range(0, {population.Size}))");
        if (monitors.Count == 0)
            throw new InvalidOperationException($"a readout of population '{population.Name}' needs its activity, but no variable of '{population.Name}' is monitored: monitor one before running, e.g. {example}");
        var chosen = variable is null ? monitors : monitors.Where(m => m.Variable == variable).ToList();
        if (chosen.Count == 0)
            throw new InvalidOperationException($"a readout of population '{population.Name}' asks for '{variable}', which is not monitored (monitored: {string.Join(", ", monitors.Select(m => m.Variable).Distinct())}): monitor it before running, e.g. {example}");
        if (variable is null && chosen.Select(m => m.Variable).Distinct().Count() > 1)
            throw new InvalidOperationException($"population '{population.Name}' has several monitored variables ({string.Join(", ", chosen.Select(m => m.Variable).Distinct())}): name the one to read out");
        StateMonitor monitor = chosen.FirstOrDefault(m => m.Neurons.Count == population.Size)
            ?? throw new InvalidOperationException($"a readout of population '{population.Name}' needs all {population.Size} neurons, but its monitor of '{chosen[0].Variable}' records {chosen[0].Neurons.Count}: monitor every neuron, e.g. {example}");
        if (monitor.Count == 0)
            throw new InvalidOperationException($"the monitor of '{monitor.Variable}' in population '{population.Name}' holds no sample yet: run the network before reading it out");
        var latest = monitor.Sample(monitor.Count - 1);
        var row = new float[population.Size];
        for (int k = 0; k < monitor.Neurons.Count; k++) row[monitor.Neurons[k]] = (float)latest[k];
        return row;
    }
}

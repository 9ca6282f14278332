using System.Globalization;
using Dendra.Learning.Encoders;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;

namespace Dendra.Learning.Readouts;

/// <summary>
/// A network population's response to a presentation as a row a readout takes (one value per neuron, in neuron order):
/// the readouts work on arrays, and this adapter reads the row from the population's monitors, refusing a population
/// nobody monitors.
/// </summary>
/// <remarks>
/// The response to an image is what the population did over its whole presentation, not at its last step: for a rate
/// network the mean of the monitored variable (<see cref="Mean"/>), for a spiking network the spike count
/// (<see cref="SpikeCounts"/>, Diehl &amp; Cook's label assignment) or the mean rate (<see cref="SpikeRates"/>). The
/// presentation is a window of steps: a <see cref="Training.Trainer"/>'s <c>LastPresentation</c> in its
/// <c>Presented</c> callback (which leaves out the rest after it), or, without one, every sample or spike the monitor
/// holds (clear the monitor before each presentation).
/// </remarks>
public static class PopulationResponses
{
    /// <summary>
    /// The mean over <paramref name="steps"/> (every held sample when null) of <paramref name="population"/>'s monitored
    /// variable (<paramref name="variable"/>, or its only monitored one) in batch instance <paramref name="instance"/>,
    /// one value per neuron: the mean of the samples the monitor took in those steps (every step when it samples every
    /// step).
    /// </summary>
    /// <exception cref="InvalidOperationException">No monitor of the population (or of that variable), several variables
    /// and none named, a monitor of only some neurons, or no sample in the window; the message says what to do.</exception>
    public static float[] Mean(Population population, string? variable = null, PresentationSteps? steps = null, int instance = 0)
    {
        var monitor = StateMonitorOf(population, variable, instance);
        var sum = new double[population.Size];
        int samples = 0;
        for (int s = 0; s < monitor.Count; s++)
        {
            if (steps is { } window && !window.Contains(monitor.Steps[s])) continue;
            var values = monitor.Sample(s);
            for (int k = 0; k < values.Count; k++) sum[monitor.Neurons[k]] += values[k];
            samples++;
        }
        if (samples == 0)
            throw new InvalidOperationException(steps is { } w
                ? $"the monitor of '{monitor.Variable}' in population '{population.Name}' holds no sample in steps {w.First} to {w.End - 1}: run the presentation with the monitor in place before reading it out"
                : NoSampleYet(monitor, population));
        var row = new float[population.Size];
        for (int n = 0; n < row.Length; n++) row[n] = (float)(sum[n] / samples);
        return row;
    }

    /// <summary>
    /// The latest sample of <paramref name="population"/>'s monitored variable (<paramref name="variable"/>, or its only
    /// monitored one) in batch instance <paramref name="instance"/>, one value per neuron: the state a presentation
    /// ended in (a network run until settled, say); <see cref="Mean"/> is the response over the whole presentation.
    /// </summary>
    /// <exception cref="InvalidOperationException">As <see cref="Mean"/>, or no sample yet.</exception>
    public static float[] Latest(Population population, string? variable = null, int instance = 0)
    {
        var monitor = StateMonitorOf(population, variable, instance);
        if (monitor.Count == 0) throw new InvalidOperationException(NoSampleYet(monitor, population));
        var latest = monitor.Sample(monitor.Count - 1);
        var row = new float[population.Size];
        for (int k = 0; k < monitor.Neurons.Count; k++) row[monitor.Neurons[k]] = (float)latest[k];
        return row;
    }

    /// <summary>
    /// The spikes each neuron of <paramref name="population"/> emitted in <paramref name="steps"/> (every spike its
    /// monitor holds when null): Diehl &amp; Cook's response to an image, which label assignment averages per class.
    /// </summary>
    /// <exception cref="InvalidOperationException">No spike monitor of every neuron of the population; the message says
    /// what to monitor.</exception>
    public static float[] SpikeCounts(Population population, PresentationSteps? steps = null)
    {
        var monitor = SpikeMonitorOf(population);
        var counts = new float[population.Size];
        for (int k = 0; k < monitor.Count; k++)
            if (steps is not { } window || window.Contains(monitor.Steps[k])) counts[monitor.Neurons[k]]++;
        return counts;
    }

    /// <summary>
    /// The mean firing rate of each neuron of <paramref name="population"/> over <paramref name="steps"/>, in Hz: its
    /// <see cref="SpikeCounts"/> divided by the presentation's duration (steps × dt).
    /// </summary>
    /// <exception cref="InvalidOperationException">As <see cref="SpikeCounts"/>.</exception>
    /// <exception cref="ArgumentException">An empty window.</exception>
    public static float[] SpikeRates(Population population, PresentationSteps steps)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (steps.Count <= 0) throw new ArgumentException($"a rate over a presentation needs one step or more, not steps {steps.First} to {steps.End - 1}", nameof(steps));
        var counts = SpikeCounts(population, steps);
        double seconds = steps.Count * population.Network.Dt;
        for (int n = 0; n < counts.Length; n++) counts[n] = (float)(counts[n] / seconds);
        return counts;
    }

    private static string NoSampleYet(StateMonitor monitor, Population population) =>
        $"the monitor of '{monitor.Variable}' in population '{population.Name}' holds no sample yet: run the network before reading it out";

    private static StateMonitor StateMonitorOf(Population population, string? variable, int instance)
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
        var whole = chosen.Where(m => m.Neurons.Count == population.Size).ToList();
        if (whole.Count == 0)
            throw new InvalidOperationException($"a readout of population '{population.Name}' needs all {population.Size} neurons, but its monitor of '{chosen[0].Variable}' records {chosen[0].Neurons.Count}: monitor every neuron, e.g. {example}");
        return whole.FirstOrDefault(m => m.Instance == instance)
            ?? throw new InvalidOperationException($"a readout of instance {instance} of population '{population.Name}' needs a monitor of that instance, but '{whole[0].Variable}' is monitored in instance {whole[0].Instance}: monitor it with instance: {instance}");
    }

    private static SpikeMonitor SpikeMonitorOf(Population population)
    {
        ArgumentNullException.ThrowIfNull(population);
        return population.Network.SpikeMonitors.FirstOrDefault(m => m.Population == population && m.RecordsAllNeurons)
            ?? throw new InvalidOperationException($"a spike count of population '{population.Name}' needs its spikes, but no monitor records every neuron of '{population.Name}': monitor them before running, e.g. net.MonitorSpikes({population.Name})");
    }
}

using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Recording;

/// <summary>Replays a recorded population's spikes as input to a new network.</summary>
public static class RecordedSpikeSource
{
    /// <summary>
    /// Adds a spike-source population named <paramref name="name"/> that fires exactly as <paramref name="population"/>
    /// fired in <paramref name="recording"/> between <paramref name="from"/> and <paramref name="to"/> seconds, shifted so
    /// that <paramref name="from"/> is time 0 of the new network. Its size is the recorded population's size; the new
    /// network's dt must equal the recording's so that every spike keeps its step.
    /// </summary>
    /// <example>
    /// <code>
    /// using var recording = RecordingReader.Open("run.dnr");
    /// var replayed = net.AddRecordedSpikes("exc-replayed", recording, "exc");
    /// net.Connect(replayed, readout, "I_e", Connectivity.AllToAll(), weight: 20 * pA);
    /// </code>
    /// </example>
    public static Population AddRecordedSpikes(this Network network, string name, RecordingReader recording, string population,
        double from = 0, double to = double.PositiveInfinity)
    {
        if (Math.Abs(network.Dt - recording.Header.Dt) > 1e-12 * recording.Header.Dt)
            throw new ArgumentException($"{recording.Path} was recorded with dt = {recording.Header.Dt} s; replay it into a network with the same dt (this one has {network.Dt} s)", nameof(network));
        var spikes = recording.ReadSpikes(population, from, to);
        long firstStep = from <= 0 ? 0 : (long)Math.Ceiling(from / recording.Header.Dt - 1e-9);
        int size = recording.Header.Populations[recording.PopulationIndex(population)].Size;
        return network.AddSpikeSource(name, size,
            Enumerable.Range(0, spikes.Count).Select(k => (spikes.Neurons[k], (spikes.Steps[k] - firstStep) * network.Dt)));
    }
}

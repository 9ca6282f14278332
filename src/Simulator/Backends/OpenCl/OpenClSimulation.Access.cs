using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>Reading and writing state between runs: the host copies are brought up to date from the device, and writes go back to it.</summary>
internal sealed partial class OpenClSimulation<T>
{
    private void Download(Array host)
    {
        if (_memory.MirrorOf(host) is { } buffer) buffer.Read(_queue, host);
    }

    public void Read(Population population, string variable, Span<double> into)
    {
        var arrays = _hosts[population.Index].Compiled.Arrays;
        if (arrays.TryGetValue(variable, out var a)) Download(a);
        PopulationSetup.CopyStored<T>(population, arrays, variable, into);
    }

    public void Write(Population population, string variable, ReadOnlySpan<double> values)
    {
        var array = (T[])_hosts[population.Index].Compiled.Arrays[variable];
        for (int k = 0; k < values.Length; k++) array[k] = T.CreateTruncating(values[k]);
        _memory.MirrorOf(array)!.Write(_queue, array);
        foreach (var rate in _rates.Where(r => r.Projection.Pre.Population == population)) rate.Invalidate();
        // Stored sub-expressions follow at once (as of the last step taken), so the next step's projections read them.
        _populations[population.Index].Materialize?.Set(2, Math.Max(0, Step - 1)).Run(_queue, _populations[population.Index].Elements);
    }

    /// <summary>Fixed rate weights are the projection's own; plastic ones are read from the device.</summary>
    public double[] ReadWeights(RateProjection projection) =>
        ReadLearnedWeights(projection) ?? (double[])(projection.Dense ?? projection.Values)!.Clone();

    public (int[] Pre, int[] Post, double[] Values) Read(Projection projection, string variable) => Read(projection, variable, Step);

    /// <summary>A synaptic variable as the device holds it now; an event-driven neuron-level trace is decayed to the start of
    /// step <paramref name="now"/>.</summary>
    private (int[] Pre, int[] Post, double[] Values) Read(Projection projection, string variable, long now)
    {
        var runtime = _projectionHosts[projection.Index];
        if (runtime.Compiled.NeuronLevel.FirstOrDefault(n => n.Arrays.ContainsKey(variable)) is { } side)
        {
            Download(side.Arrays[variable]);
            if (side.Clock is { } clock) Download(clock);
            return NeuronLevelRead.Of(projection, variable, runtime.ReadNeuronLevel(variable, now)!);
        }
        foreach (var array in runtime.Compiled.Arrays.Values) Download(array);
        return runtime.Read(variable);
    }
}

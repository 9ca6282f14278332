using System.Numerics;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.Host;

/// <summary>A population on the CPU: its compiled kernels, its arrays and the spikes of the current step.</summary>
internal sealed class PopulationRuntime<T> where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly long[]? _sourceSteps;
    private readonly int[]? _sourceNeurons;
    private int _sourceNext;

    public PopulationRuntime(Population population, CompiledPopulation compiled, CpuKernelGenerator generator)
    {
        Population = population;
        Compiled = compiled;
        Spikes = new int[population.Size];
        Init = (ElementKernel)generator.Generate(compiled.Init);
        Update = compiled.Update is null ? null : (SumKernel)generator.Generate(compiled.Update);
        Threshold = compiled.Threshold is null ? null : (ThresholdKernel)generator.Generate(compiled.Threshold);
        Materialize = compiled.Materialize is null ? null : (ElementKernel)generator.Generate(compiled.Materialize);
        RuleFactors = compiled.RuleFactors is null ? null : (ElementKernel)generator.Generate(compiled.RuleFactors);
        Reductions = compiled.Reductions.Select(r => ((SumKernel)generator.Generate(r.Kernel), (T[])compiled.Arrays[r.Cell], r.Mean)).ToArray();
        States = compiled.StateVariables.Select(v => (v, (T[])compiled.Arrays[v])).ToArray();
        Inputs = compiled.Inputs.Select(v => (T[])compiled.Arrays[v]).ToArray();
        if (population.SpikeTimes is { } times)
            (_sourceSteps, _sourceNeurons) = times.InSteps(population.Name, population.Network.Dt);
    }

    public Population Population { get; }
    public CompiledPopulation Compiled { get; }
    public ElementKernel Init { get; }
    /// <summary>The state update; returns the sum of the values it wrote, which is finite unless one of them is not.</summary>
    public SumKernel? Update { get; }
    public ThresholdKernel? Threshold { get; }
    public ElementKernel? Materialize { get; }
    /// <summary>Computes the factors of the outer-product rules that read this population.</summary>
    public ElementKernel? RuleFactors { get; }
    public (SumKernel Kernel, T[] Cell, bool Mean)[] Reductions { get; }
    public (string Name, T[] Values)[] States { get; }
    public T[][] Inputs { get; }
    public int Size => Population.Size;

    /// <summary>Spiking neurons of the current step, ascending, in <c>Spikes[0 .. SpikeCount)</c>.</summary>
    public int[] Spikes { get; }
    public int SpikeCount { get; private set; }
    public ReadOnlySpan<int> CurrentSpikes => Spikes.AsSpan(0, SpikeCount);

    /// <summary>Rewinds a spike-time source to its first spike; <see cref="DetectSpikes"/> skips forward to the step it is
    /// asked for, so a restored checkpoint replays its spikes from the checkpoint's step whether that lies ahead or behind.</summary>
    public void RewindSources() => _sourceNext = 0;

    /// <summary>Takes this step's spikes from elsewhere (a population stepped on another backend), ascending.</summary>
    public void Feed(ReadOnlySpan<int> spikes)
    {
        spikes.CopyTo(Spikes);
        SpikeCount = spikes.Length;
    }

    public void DetectSpikes(long step, Chunks chunks)
    {
        if (_sourceSteps is not null)
        {
            SpikeCount = 0;
            while (_sourceNext < _sourceSteps.Length && _sourceSteps[_sourceNext] < step) _sourceNext++;
            while (_sourceNext < _sourceSteps.Length && _sourceSteps[_sourceNext] == step) Spikes[SpikeCount++] = _sourceNeurons![_sourceNext++];
            return;
        }
        if (Threshold is null)
        {
            SpikeCount = 0;
            return;
        }
        int parts = chunks.Count(Size);
        var counts = new int[parts];
        try
        {
            if (parts == 1)
            {
                SpikeCount = Threshold(0, Size, step, Spikes);
                return;
            }
            chunks.Parts(parts, c =>
            {
                var (start, end) = chunks.Range(Size, c, parts);
                counts[c] = Threshold(start, end, step, Spikes);
            });
        }
        catch (Exception e) when (NonFiniteStoreException.Within(e) is { } store)
        {
            // A reset stored a NaN or infinity.
            throw new SimulationException(Population.Name, store.Index % Size, store.Variable, step, step * Population.Network.Dt, store.Value,
                Population.Network.BatchSize > 1 ? store.Index / Size : null);
        }
        // Each part wrote from its own start; close the gaps in part order so spikes stay ascending.
        int total = 0;
        for (int c = 0; c < parts; c++)
        {
            var (start, _) = chunks.Range(Size, c, parts);
            Array.Copy(Spikes, start, Spikes, total, counts[c]);
            total += counts[c];
        }
        SpikeCount = total;
    }
}

using System.Numerics;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.Host;

/// <summary>
/// Compiles a network's populations and projections on the host and fills in their initial state, per-neuron
/// parameters and connectivity: what the CPU backend runs, and what the OpenCL backend uploads, so that both start
/// from the very same numbers.
/// </summary>
internal static class HostBuild
{
    /// <summary>The whole network built on the host: every population, then every projection.</summary>
    public static HostNetwork<T> Network<T>(Graph.Network network) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var generator = new CpuKernelGenerator(typeof(T));
        var populations = Populations<T>(network, generator);
        var report = new ExecutionReport(network.Populations.Count, network.Projections.Count);
        return new HostNetwork<T>(populations, Projections(network, populations, generator, report), report);
    }

    /// <summary>Every population compiled, initialized and checked.</summary>
    public static PopulationRuntime<T>[] Populations<T>(Graph.Network network, CpuKernelGenerator generator) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Func<int, Array> allocate = n => new T[n];
        return network.Populations.Select(p =>
        {
            var compiled = new NeuronCompiler(p, allocate, PopulationSetup.Materialized(network, p), RuleFactor.Of(network, p)).Compile();
            var runtime = new PopulationRuntime<T>(p, compiled, generator);
            runtime.Init(0, p.Size, 0);
            CopyFirstInstance(p, compiled);
            if (runtime.Materialize is { } materialize)
                for (int b = 0; b < network.BatchSize; b++) materialize(b * p.Size, (b + 1) * p.Size, 0);
            PopulationSetup.CheckPerNeuronParameters<T>(p, compiled);
            return runtime;
        }).ToArray();
    }

    /// <summary>Gives every instance of a batch the first one's initial state and per-neuron parameters, so all instances
    /// are the same network from the same start (initial values drawn with <c>rand()</c> included).</summary>
    private static void CopyFirstInstance(Population p, CompiledPopulation compiled)
    {
        int instances = p.Network.BatchSize;
        if (instances == 1) return;
        var blocks = compiled.Arrays.Values.Append(compiled.Refractory?.LastSpikeStep).OfType<Array>().Where(a => a.Length == p.Size * instances);
        foreach (var array in blocks)
            for (int b = 1; b < instances; b++) Array.Copy(array, 0, array, b * p.Size, p.Size);
    }

    /// <summary>Every projection compiled with its connectivity drawn.</summary>
    public static ProjectionRuntime<T>[] Projections<T>(Graph.Network network, PopulationRuntime<T>[] populations, CpuKernelGenerator generator,
        ExecutionReport report) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Func<int, Array> allocate = n => new T[n];
        return network.Projections.Select(pr =>
        {
            var pre = populations[pr.Pre.Population.Index];
            var post = populations[pr.Post.Population.Index];
            var compiled = new SynapseCompiler(pr, allocate, pre.Compiled.Arrays, post.Compiled.Arrays).Compile();
            report.SetSynapses(pr.Index, compiled.Table.Count);
            return new ProjectionRuntime<T>(pr, compiled, generator, pre, post);
        }).ToArray();
    }
}

/// <summary>A network built on the host (see <see cref="HostBuild"/>), indexed like the network's populations and projections.
/// The parts of a network placed on several backends share one: each touches only the arrays of what it steps, and
/// both count into its <see cref="Report"/>.</summary>
internal sealed record HostNetwork<T>(PopulationRuntime<T>[] Populations, ProjectionRuntime<T>[] Projections, ExecutionReport Report)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The compiled populations, by index.</summary>
    public CompiledPopulation[] CompiledPopulations { get; } = [.. Populations.Select(p => p.Compiled)];

    /// <summary>The compiled spiking projections, by index.</summary>
    public CompiledProjection[] CompiledProjections { get; } = [.. Projections.Select(p => p.Compiled)];

    /// <summary>The plan of a backend that steps the populations <paramref name="runs"/> selects (null: all) of <paramref name="network"/>.</summary>
    public ExecutionPlan Plan(Graph.Network network, Func<Population, bool>? runs) =>
        new(network, CompiledPopulations, [.. Projections.Select(p => (p.Compiled, p.MaxDelay))], runs);
}

using Dendra.Simulator.Graph;

namespace Dendra.Differential.Tests.Framework;

/// <summary>Runs a case in Dendra: float64, one thread, the case's dt and step count, monitors sampling every step.</summary>
internal static class DendraSimulation
{
    public static SimulationOutput Run(DifferentialCase c)
    {
        // One thread: the reference run should not depend on how work is split (Dendra promises it does not, but a
        // differential test is no place to rely on what it tests elsewhere).
        var net = new Network(dt: c.Dt, precision: Precision.Double) { Threads = 1 };
        c.Dendra(net);

        // Dendra's monitors sample at the end of each step, after update, threshold, reset, delivery and plasticity.
        var traces = c.Traces.Select(r => (r.Key, Monitor: net.MonitorState(PopulationNamed(net, r.Group), r.Variable, r.Neurons))).ToList();
        var spikes = c.Spikes.Select(g => (Group: g, Monitor: net.MonitorSpikes(PopulationNamed(net, g)))).ToList();
        var rates = c.Rates.Select(r => (Request: r, Monitor: net.MonitorRate(PopulationNamed(net, r.Group)))).ToList();
        var synapseTraces = RunAndSampleSynapses(net, c);

        return new SimulationOutput(
            spikes.ToDictionary(s => s.Group, s => (IReadOnlyList<SpikeEvent>)s.Monitor.Neurons
                .Zip(s.Monitor.Steps, (n, step) => new SpikeEvent(n, step)).Order().ToList()),
            traces.ToDictionary(t => t.Key, t => Enumerable.Range(0, t.Monitor.Neurons.Count).Select(t.Monitor.Trace).ToArray()),
            synapseTraces,
            rates.ToDictionary(r => r.Request.Group, r => r.Monitor.Rates),
            rates.ToDictionary(r => r.Request.Group, r => r.Monitor.Smoothed(r.Request.BinSteps * c.Dt)));
    }

    /// <summary>Runs the case; synaptic variables have no monitor, so a case that samples them runs step by step and reads them.</summary>
    private static Dictionary<string, SynapseTrace> RunAndSampleSynapses(Network net, DifferentialCase c)
    {
        if (c.SynapseTraces.Count == 0)
        {
            net.Run(c.Steps * c.Dt);
            return [];
        }
        var samples = c.SynapseTraces.ToDictionary(r => r.Key, _ => new List<double[]>());
        var endpoints = new Dictionary<string, (int[] Pre, int[] Post)>();
        for (int step = 0; step < c.Steps; step++)
        {
            net.Run(c.Dt);
            foreach (var r in c.SynapseTraces)
            {
                var projection = ProjectionNamed(net, r.Synapses);
                var (pre, post, values) = projection.Get(r.Variable);
                // Brian2 numbers a synapse's neurons within its source and target groups; Dendra's are population indices.
                endpoints.TryAdd(r.Key, (pre.Select(p => p - projection.Pre.Start).ToArray(), post.Select(p => p - projection.Post.Start).ToArray()));
                samples[r.Key].Add(values);
            }
        }
        return c.SynapseTraces.ToDictionary(r => r.Key, r =>
        {
            var (pre, post) = endpoints[r.Key];
            var bySynapse = Enumerable.Range(0, pre.Length).Select(s => samples[r.Key].Select(sample => sample[s]).ToArray()).ToArray();
            return SynapseTrace.Sorted(pre, post, bySynapse);
        });
    }

    private static Population PopulationNamed(Network net, string name) =>
        net.Populations.SingleOrDefault(p => p.Name == name)
        ?? throw new InvalidOperationException($"the case records population '{name}', which its Dendra network does not have");

    private static Projection ProjectionNamed(Network net, string name) =>
        net.Projections.SingleOrDefault(p => p.Name == name)
        ?? throw new InvalidOperationException($"the case records projection '{name}', which its Dendra network does not have (give Connect a name:)");
}

using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Compilation;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>Each population's device buffers (state, spike steps and counts, logs, partial sums) and its bound kernels; state monitor samples.</summary>
internal sealed partial class OpenClSimulation<T>
{
    private DevicePopulation PlanPopulation(PopulationRuntime<T> host)
    {
        var p = host.Population;
        var compiled = host.Compiled;
        if (!_plan.Runs(p)) return PlanGhost(host);
        foreach (var (name, array) in compiled.Arrays)
            if (array is T[] && !name.StartsWith("__values_", StringComparison.Ordinal)) _memory.Mirror(array, $"'{name}' of population '{p.Name}'");
        if (compiled.Refractory is { } r) _memory.Mirror(r.LastSpikeStep, $"refractory steps of population '{p.Name}'");
        bool monitored = _plan.NeedsSpikeList(p);
        int blocks = (p.Size + 255) / 256;
        (long[], int[], DeviceBuffer)? sources = null;
        if (p.SpikeTimes is { } times)
        {
            var (steps, neurons) = times.InSteps(p.Name, _network.Dt);
            sources = (steps, neurons, _memory.Mirror(neurons, $"spike times of '{p.Name}'"));
        }
        return new DevicePopulation
        {
            Host = host,
            ReceivesSpikes = _plan.ReceivesSpikes.Contains(p),
            SpikedAt = _memory.Scratch($"spike steps of population '{p.Name}'", (long)p.Size * sizeof(long)),
            BlockCounts = _memory.Scratch($"spike counts of population '{p.Name}'", (long)blocks * sizeof(int)),
            StepCounts = _memory.Scratch($"spike counts per step of population '{p.Name}'", (long)_batch * sizeof(int)),
            Fill = _memory.Scratch($"spike log fill of population '{p.Name}'", sizeof(int)),
            FailedStep = _memory.Scratch($"finiteness flag of population '{p.Name}'", sizeof(int)),
            Log = monitored ? _memory.Scratch($"spike log of population '{p.Name}'", (long)p.Size * _batch * sizeof(int)) : null,
            Partials = compiled.Reductions.Count > 0
                ? _memory.Scratch($"partial sums of population '{p.Name}'", (long)OpenClKernelGenerator.PiecesPerInstance(compiled.Reductions[0].Kernel) * _instances * sizeof(double))
                : null,
            Elements = p.Size * _instances,
            Sources = sources,
        };
    }

    private static unsafe int SizeOfT => sizeof(T);

    private StateMonitorPlan PlanSample(Monitors.StateMonitor m)
    {
        var arrays = _hosts[m.Population.Index].Compiled.Arrays;
        if (!arrays.TryGetValue(m.Variable, out var values)) return new StateMonitorPlan(null!, null!, null!, 0); // a constant parameter: read on the host
        var neurons = m.Elements;
        return new StateMonitorPlan(_memory.MirrorOf(values)!, _memory.Mirror(neurons, $"neurons of the monitor of '{m.Variable}'"),
            _memory.Scratch($"samples of '{m.Variable}' in population '{m.Population.Name}'", (long)neurons.Length * _batch * SizeOfT), neurons.Length);
    }

    private void BindPopulation(DevicePopulation p)
    {
        var compiled = p.Host.Compiled;
        DeviceKernel? Bind(KernelDefinition? k, DeviceBuffer? extra = null) =>
            k is null ? null : BindArguments(Kernel(OpenClKernelGenerator.FunctionName(k)).Set(0, 0).Set(1, p.Elements), k, 3, p, extra);
        foreach (var r in compiled.Reductions)
            p.Reductions.Add((Bind(r.Kernel, p.Partials)!, (long)OpenClKernelGenerator.PiecesPerInstance(r.Kernel) * _instances));
        p.Update = Bind(compiled.Update);
        p.Materialize = Bind(compiled.Materialize);
        p.RuleFactors = Bind(compiled.RuleFactors);
        p.Threshold = p.Sources is null ? Bind(compiled.Threshold) : null;
    }
}

using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// The OpenCL backend as one part of a network placed on several backends (see <see cref="Hybrid.HybridSimulation{T}"/>):
/// it steps only its own populations and the projections into them; populations placed elsewhere are ghosts here,
/// whose spikes of each step are fed in between the two halves of the step.
/// </summary>
internal sealed partial class OpenClSimulation<T>
{
    private int[] _exchanged = [];
    private int[] _exchangeBuffer = [];

    /// <summary>How many steps the batch starting at <paramref name="step"/> may run before monitors are read back.</summary>
    internal int BatchFrom(long step) => BatchLimit(step);

    private bool Runs(ProjectionRuntime<T> projection) => _plan.Runs(projection.Projection);

    /// <summary>A population stepped elsewhere: no state here, only the step of each neuron's last spike, set from
    /// the spikes fed in, and where those arrive when a projection stepped here reads them.</summary>
    private DevicePopulation PlanGhost(PopulationRuntime<T> host)
    {
        var p = host.Population;
        bool read = _plan.SteppedProjections.Any(pr => pr.Pre.Population == p);
        return new DevicePopulation
        {
            Host = host,
            Runs = false,
            SpikedAt = _memory.Scratch($"spike steps of population '{p.Name}'", read ? (long)p.Size * sizeof(long) : sizeof(long)),
            Incoming = read ? _memory.Scratch($"spikes of population '{p.Name}' fed in from the CPU", (long)p.Size * sizeof(int)) : null,
            BlockCounts = _memory.Scratch($"spike counts of population '{p.Name}'", sizeof(int)),
            StepCounts = _memory.Scratch($"spike counts per step of population '{p.Name}'", sizeof(int)),
            Fill = _memory.Scratch($"spike log fill of population '{p.Name}'", sizeof(int)),
            FailedStep = _memory.Scratch($"finiteness flag of population '{p.Name}'", sizeof(int)),
            Elements = p.Size * _instances,
        };
    }

    /// <summary>Starts a batch of at most <see cref="BatchFrom"/> steps.</summary>
    internal void BeginBatch()
    {
        foreach (var p in _populations) p.Fill.Fill(_queue, 0);
        _exchanged = new int[_populations.Length];
    }

    /// <summary>Enqueues the first half of step number <paramref name="k"/> of the batch and starts the device on it.</summary>
    internal void BeginStep(long step, int k)
    {
        EnqueueUntilSpikes(step, k);
        OpenClException.Check(OpenClDevices.Api.Flush(_queue), "start the step");
    }

    /// <summary>The spikes of the current step of a population stepped here (waits for the first half of the step).</summary>
    internal ReadOnlySpan<int> ReadSpikes(Population population)
    {
        var p = _populations[population.Index];
        var fill = new int[1];
        p.Fill.Read(_queue, fill);
        int from = _exchanged[population.Index], count = fill[0] - from;
        if (_exchangeBuffer.Length < count) _exchangeBuffer = new int[Math.Max(count, 2 * _exchangeBuffer.Length)];
        p.Log!.Read(_queue, _exchangeBuffer, count, from);
        _exchanged[population.Index] = fill[0];
        return _exchangeBuffer.AsSpan(0, count);
    }

    /// <summary>Marks this step's spikes of a population stepped elsewhere, for the projections stepped here that it feeds.</summary>
    internal void FeedSpikes(Population population, ReadOnlySpan<int> spikes, long step)
    {
        var p = _populations[population.Index];
        if (p.Incoming is null || spikes.IsEmpty) return;
        p.Incoming.Write(_queue, spikes.ToArray());
        _fireSources.Set(0, p.Incoming).Set(1, 0).Set(2, spikes.Length).Set(3, step).Set(4, p.SpikedAt).Run(_queue, spikes.Length);
    }

    /// <summary>Enqueues the second half of the step, once every ghost's spikes are fed in.</summary>
    internal void EndStep(long step, int k)
    {
        foreach (var p in _populations.Where(p => !p.Runs)) p.History?.Record(step);
        EnqueueAfterSpikes(step, k);
        OpenClException.Check(OpenClDevices.Api.Flush(_queue), "continue the step");
    }

    /// <summary>Waits for the batch of <paramref name="batch"/> steps from <paramref name="first"/> and hands its spikes and
    /// samples to the monitors; adds its spikes to <paramref name="spikes"/>.</summary>
    internal void EndBatch(long first, int batch, ref long spikes)
    {
        OpenClException.Check(OpenClDevices.Api.Finish(_queue), "finish the steps");
        Step += Collect(first, batch, ref spikes, (_, _) => { });
    }
}

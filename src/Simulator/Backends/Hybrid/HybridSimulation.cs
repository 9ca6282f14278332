using System.Numerics;
using Dendra.Simulator.Backends.Cpu;
using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Backends.OpenCl;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Backends.Hybrid;

/// <summary>
/// A network placed partly on an OpenCL device and partly on the CPU. Both parts share one host build of the whole
/// network (same indices, random streams and initial values as a single-backend run), and each steps only its own
/// populations and the projections into them: synapses live with their target. A population stepped on the other side is a ghost whose
/// spikes are fed in every step. Each step, both parts run Inputs → StateUpdate → Threshold/Reset, exchange the spikes
/// that cross, then run Propagate → Plasticity → Monitors; so every delay ring receives its additions in the order of a
/// single-backend run, and float64 results are the same. Device monitors come back once per batch of steps.
/// </summary>
/// <typeparam name="T">float or double: the network's precision.</typeparam>
internal sealed class HybridSimulation<T> : ISimulationBackend, ICheckpointable, IStepState where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Graph.Network _network;
    private readonly bool[] _onDevice;
    private readonly CpuSimulation<T> _cpu;
    private readonly OpenClSimulation<T> _device;
    private readonly Population[] _toCpu;
    private readonly Population[] _toDevice;

    public HybridSimulation(Graph.Network network, OpenClDevice device, bool[] onDevice)
    {
        _network = network;
        _onDevice = onDevice;
        RefuseWhatCannotCross();
        var host = HostBuild.Network<T>(network);
        _device = new OpenClSimulation<T>(network, device, p => onDevice[p.Index], host);
        _cpu = new CpuSimulation<T>(network, p => !onDevice[p.Index], host) { FeedsRecorders = false };
        _device.FeedsRecorders = false;
        _toCpu = Crossing(toDevice: false);
        _toDevice = Crossing(toDevice: true);
        var names = network.Populations.Where(p => onDevice[p.Index]).Select(p => p.Name);
        Description = $"cpu + opencl ({string.Join(", ", names)} on {device})";
    }

    /// <summary>What runs where, e.g. <c>cpu + opencl (exc on device (platform))</c>.</summary>
    public string Description { get; }

    /// <summary>The report both parts count into (they share one host build).</summary>
    public ExecutionReport Report => _cpu.Report;

    public long Step { get; private set; }

    private bool OnDevice(Population p) => _onDevice[p.Index];

    /// <summary>Populations on one side whose spikes a projection stepped on the other side reads.</summary>
    private Population[] Crossing(bool toDevice) => _network.Populations
        .Where(p => OnDevice(p) != toDevice && _network.Projections.Any(pr => pr.Pre.Population == p && OnDevice(pr.Post.Population) == toDevice))
        .ToArray();

    /// <summary>Only spikes cross: a rate projection, or synapse code that reads presynaptic neuron variables, would need
    /// the other side's state every step, so both are refused with what to change.</summary>
    private void RefuseWhatCannotCross()
    {
        string Side(Population p) => OnDevice(p) ? "OpenCL" : "the CPU";
        foreach (var r in _network.RateProjections.Where(r => OnDevice(r.Pre.Population) != OnDevice(r.Post.Population)))
            throw new NotSupportedException($"rate projection '{r.Name}' reads population '{r.Pre.Population.Name}' on {Side(r.Pre.Population)} into " +
                $"population '{r.Post.Population.Name}' on {Side(r.Post.Population)}; only spikes cross between backends: place both populations on the same side (Population.Placement)");
        foreach (var pr in _network.Projections.Where(pr => OnDevice(pr.Pre.Population) != OnDevice(pr.Post.Population)))
        {
            var preRead = PopulationSetup.SynapseCodeNames(pr.Synapse).Where(n => n.EndsWith("_pre", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
            if (preRead is not null)
                throw new NotSupportedException($"projection '{pr.Name}' ({pr.Synapse.Name}) reads '{preRead}' of population '{pr.Pre.Population.Name}' on {Side(pr.Pre.Population)} " +
                    $"while its synapses run with population '{pr.Post.Population.Name}' on {Side(pr.Post.Population)}; only spikes cross between backends: " +
                    "place both populations on the same side (Population.Placement)");
        }
    }

    public void Run(long steps, Action<RunProgress>? progress)
    {
        long every = Math.Max(1, steps / 100), spikes = 0, done = 0;
        while (done < steps)
        {
            // Recorders see every population at the end of each step, so while one records the device is read back every step.
            int batch = (int)Math.Min(_device.BatchFrom(Step), steps - done);
            if (_network.Recorders.Count > 0) batch = 1;
            _device.BeginBatch();
            for (int k = 0; k < batch; k++)
            {
                long step = Step + k;
                // The device starts its first half while the CPU does its own; then the spikes that cross are exchanged.
                _device.BeginStep(step, k);
                spikes += _cpu.StepUntilSpikes(step);
                foreach (var p in _toCpu) _cpu.FeedSpikes(p, _device.ReadSpikes(p));
                foreach (var p in _toDevice) _device.FeedSpikes(p, _cpu.SpikesOf(p), step);
                _device.EndStep(step, k);
                _cpu.StepAfterSpikes(step);
            }
            _device.EndBatch(Step, batch, ref spikes);
            var recorders = _network.Recorders;
            for (int k = 0; k < recorders.Count; k++) recorders[k].OnStep(Step, this);
            Step += batch;
            done += batch;
            if (progress is not null && (done / every != (done - batch) / every || done == steps))
                progress(new RunProgress(done, steps, Step * _network.Dt, spikes));
        }
    }

    public void Read(Population population, string variable, Span<double> into)
    {
        if (OnDevice(population)) _device.Read(population, variable, into);
        else _cpu.Read(population, variable, into);
    }

    public void Write(Population population, string variable, ReadOnlySpan<double> values)
    {
        if (OnDevice(population)) _device.Write(population, variable, values);
        else _cpu.Write(population, variable, values);
    }

    public (int[] Pre, int[] Post, double[] Values) Read(Projection projection, string variable) =>
        OnDevice(projection.Post.Population) ? _device.Read(projection, variable) : _cpu.Read(projection, variable);

    public double[] ReadWeights(RateProjection projection) =>
        OnDevice(projection.Post.Population) ? _device.ReadWeights(projection) : _cpu.ReadWeights(projection);

    public ReadOnlySpan<int> SpikesOf(Population population) =>
        OnDevice(population) ? ((IStepState)_device).SpikesOf(population) : _cpu.SpikesOf(population);

    public void Gather(Population population, string variable, IReadOnlyList<int> neurons, Span<double> into)
    {
        if (OnDevice(population)) ((IStepState)_device).Gather(population, variable, neurons, into);
        else _cpu.Gather(population, variable, neurons, into);
    }

    /// <summary>Each population's state from the part that steps it, and each projection's (synaptic variables, spikes in
    /// flight) from the part that steps its target: the same backend-neutral state a single-backend run saves, so a
    /// checkpoint of a split network resumes on any placement or backend.</summary>
    public SimulationState Capture()
    {
        var device = _device.Capture();
        var cpu = _cpu.Capture();
        device.Backend = Description;
        device.Populations = _network.Populations.Select(p => (OnDevice(p) ? device : cpu).Populations[p.Index]).ToArray();
        device.Projections = _network.Projections.Select(pr => (OnDevice(pr.Post.Population) ? device : cpu).Projections[pr.Index]).ToArray();
        foreach (var (name, weights) in cpu.RateWeights) device.RateWeights[name] = weights;
        return device;
    }

    /// <summary>Both parts take what they step from the state; the host arrays they share end up with the owners' values.</summary>
    public void Restore(SimulationState state)
    {
        _cpu.Restore(state);
        _device.Restore(state);
        Step = state.Step;
    }

    /// <summary>Each part applies the rules and normalisations of the projections it steps (a rate projection never
    /// crosses; a spiking projection is stepped with its target).</summary>
    public void EndPresentation(long presentation)
    {
        _cpu.EndPresentation(presentation);
        _device.EndPresentation(presentation);
    }

    public Integrator IntegratorOf(Population population) =>
        OnDevice(population) ? _device.IntegratorOf(population) : _cpu.IntegratorOf(population);
}

using System.Numerics;
using System.Text;
using Dendra.Simulator.Backends.Host;
using Dendra.Simulator.Compilation;
using Dendra.Simulator.Execution;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// The OpenCL backend: the whole network on one device, every step in the same phase order as the CPU backend
/// (Inputs → StateUpdate → Threshold/Reset → Propagate → Monitors), from kernels generated out of the same compiled
/// model. Initial values and connectivity are computed on the host exactly as on the CPU and then uploaded; steps run
/// in batches with no host round trip, and spikes, counts and samples come back once per batch.
/// </summary>
/// <typeparam name="T">float or double: the network's precision.</typeparam>
internal sealed partial class OpenClSimulation<T> : ISimulationBackend where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int MaxBatch = 128;
    private const long LogBudget = 1L << 24; // spike-log entries per batch, all populations together

    private readonly Graph.Network _network;
    private readonly HostNetwork<T> _host;
    private readonly OpenClDevice _device;
    private readonly nint _context;
    private readonly nint _queue;
    private readonly nint _program;
    private readonly DeviceMemory _memory = new();
    /// <summary>The first step at which synapse code (events or continuous equations) stored a NaN or infinity.</summary>
    private readonly DeviceBuffer _synapticFailedStep;
    private readonly List<DeviceKernel> _kernels = [];
    private readonly PopulationRuntime<T>[] _hosts;
    private readonly ProjectionRuntime<T>[] _projectionHosts;
    private readonly DevicePopulation[] _populations;
    /// <summary>The populations stepped here (not ghosts), in network order.</summary>
    private readonly DevicePopulation[] _stepped;
    private readonly List<Action<long>> _propagation = [];
    private readonly List<Action<long>> _deliveries = [];
    private readonly List<Action<long>> _summed = [];
    private readonly List<DeviceRateProduct> _rates = [];
    private readonly Dictionary<int, DeviceBuffer> _fired = [];
    private readonly List<Action<long>> _marks = [];
    private readonly List<Action<long>> _continuous = [];
    private readonly List<Action<long>> _arrivals = [];
    private readonly List<Action<long>> _postSpikes = [];
    private readonly (StateMonitorPlan Plan, Monitors.StateMonitor Monitor)[] _samples;
    private readonly DeviceKernel _addValue, _fireSources, _countSpikes, _offsetSpikes, _writeSpikes, _sample, _finishSum;
    private readonly int _batch;
    private readonly int _instances;
    private readonly ExecutionPlan _plan;
    /// <summary>The general synapses stepped here (no additive fast path), in network order.</summary>
    private readonly ProjectionRuntime<T>[] _general;

    private sealed class DevicePopulation
    {
        public required PopulationRuntime<T> Host { get; init; }
        /// <summary>False for a population placed on another backend: only its spikes are here, fed in each step.</summary>
        public bool Runs { get; init; } = true;
        /// <summary>Where the spikes of a population stepped elsewhere are written before they are marked in <see cref="SpikedAt"/>.</summary>
        public DeviceBuffer? Incoming { get; init; }
        public required DeviceBuffer SpikedAt { get; init; }
        public required DeviceBuffer BlockCounts { get; init; }
        public required DeviceBuffer StepCounts { get; init; }
        public required DeviceBuffer Fill { get; init; }
        public required DeviceBuffer FailedStep { get; init; }
        public DeviceBuffer? Log { get; set; }
        public DeviceBuffer? Partials { get; init; }
        public (long[] Steps, int[] Neurons, DeviceBuffer Buffer)? Sources { get; init; }
        public int SourceNext { get; set; }
        public List<(DeviceKernel Kernel, long Items)> Reductions { get; } = [];
        public DeviceKernel? Update { get; set; }
        public DeviceKernel? Materialize { get; set; }
        /// <summary>Computes the factors of the outer-product rules this population takes part in.</summary>
        public DeviceKernel? RuleFactors { get; set; }
        /// <summary>Synapse code run here writes into this population, so its stored sub-expressions are recomputed at the end of a step.</summary>
        public bool ReceivesSpikes { get; init; }
        public DeviceKernel? Threshold { get; set; }
        public (DeviceBuffer Buffer, int Length, Action<long> Record)? History { get; set; }
        public int Blocks => (Host.Size + 255) / 256;
        /// <summary>Neurons in every instance of a batch: the length of each per-neuron array.</summary>
        public required int Elements { get; init; }
    }

    private sealed record StateMonitorPlan(DeviceBuffer Values, DeviceBuffer Neurons, DeviceBuffer Out, int Count);

    /// <param name="network">The network, built whole so indices, random streams and initial values match any other backend.</param>
    /// <param name="device">The device to run on.</param>
    /// <param name="runs">The populations this simulation steps (null: all). The others are placed elsewhere: their spikes
    /// are fed in with <see cref="FeedSpikes"/>, and only the projections into populations it steps run here.</param>
    /// <param name="host">The network already built on the host (null: built here).</param>
    public OpenClSimulation(Graph.Network network, OpenClDevice device, Func<Population, bool>? runs = null, HostNetwork<T>? host = null)
    {
        _network = network;
        _instances = network.BatchSize;
        _device = device;
        bool isDouble = typeof(T) == typeof(double);
        if (isDouble && !device.SupportsFloat64)
            throw new OpenClException($"{device} has no float64 support (cl_khr_fp64); run the network in float32 (Precision.Single) or pick another device");

        // The host computes initial values, per-neuron parameters, connectivity and delays exactly as the CPU backend does.
        _host = host ??= HostBuild.Network<T>(network);
        _plan = host.Plan(network, runs);
        _hosts = host.Populations;
        _projectionHosts = host.Projections;
        Report = host.Report;
        _general = [.. _plan.GeneralSynapses.Select(p => _projectionHosts[p.Index])];
        foreach (var pr in _general)
            RefuseSharedPresynapticWrites(pr.Projection, pr.Compiled);

        var generator = new OpenClKernelGenerator(isDouble);
        var source = new StringBuilder(OpenClProgram.FixedSource);
        if (Scatters) source.Append('\n').Append(OpenClProgram.ScatterSource);
        var kernels = new List<KernelDefinition>();
        foreach (var h in _plan.Stepped.Select(p => _hosts[p.Index]))
        {
            kernels.AddRange(h.Compiled.Reductions.Select(r => r.Kernel));
            if (h.Compiled.Update is { } u) kernels.Add(u);
            if (h.Compiled.Materialize is { } m) kernels.Add(m);
            if (h.Compiled.RuleFactors is { } f) kernels.Add(f);
            if (h.Compiled.Threshold is { } t && h.Population.SpikeTimes is null) kernels.Add(t);
        }
        foreach (var k in kernels) source.Append('\n').Append(generator.Generate(k));
        foreach (var pr in _general)
        {
            var c = pr.Compiled;
            if (c.Continuous is { } continuous) source.Append('\n').Append(generator.Generate(continuous));
            foreach (var (function, wrapper) in new[] { (c.OnPre, (Func<KernelDefinition, string>)SynapseEventKernels.Arrive),
                (c.OnPost, SynapseEventKernels.Post), (AsSynapseFunction(c.Summed), SynapseEventKernels.Sum) })
            {
                if (function is null) continue;
                source.Append('\n').Append(generator.Generate(function)).Append('\n').Append(wrapper(function));
            }
            AppendNeuronLevelSource(c, generator, source);
        }

        // Plan every buffer, check the device can hold them, then build and allocate.
        int spikeMonitored = _hosts.Where(h => _plan.NeedsSpikeList(h.Population)).Sum(h => h.Size);
        _batch = (int)Math.Clamp(LogBudget / Math.Max(1, spikeMonitored), 1, MaxBatch);
        _populations = _hosts.Select(PlanPopulation).ToArray();
        _stepped = [.. _populations.Where(p => p.Runs)];
        _synapticFailedStep = _memory.Scratch("finiteness flag of synaptic code", sizeof(int));
        var ringPlans = PlanPropagation();
        var synapsePlans = PlanGeneralSynapses();
        var normalisationPlans = PlanNormalisations();
        var ratePlans = PlanRateProjections();
        _samples = _plan.Taps.States.Select(m => (PlanSample(m), m)).ToArray();
        foreach (var k in LearningKernels()) source.Append('\n').Append(generator.Generate(k));
        DeviceMemory.CheckFits(device, _memory.Buffers);

        (_context, _queue) = OpenClContexts.For(device);
        _program = OpenClProgram.Build(_context, device, source.ToString(), OpenClProgram.Options(isDouble, device.SupportsFloat64));
        _memory.AllocateAll(device, _context, _queue);
        foreach (var p in _populations)
        {
            p.SpikedAt.Fill(_queue, -1L);
            p.FailedStep.Fill(_queue, int.MaxValue);
        }
        _synapticFailedStep.Fill(_queue, int.MaxValue);
        _addValue = Kernel("add_value");
        _fireSources = Kernel("fire_sources");
        _countSpikes = Kernel("count_spikes");
        _offsetSpikes = Kernel("offset_spikes");
        _writeSpikes = Kernel("write_spikes");
        _sample = Kernel("sample");
        _finishSum = Kernel("finish_sum");
        foreach (var p in _populations.Where(p => p.Runs)) BindPopulation(p);
        foreach (var plan in ringPlans) plan();
        foreach (var plan in synapsePlans) plan();
        foreach (var plan in normalisationPlans) plan();
        foreach (var plan in ratePlans) plan();
    }

    public long Step { get; private set; }

    public string Description => $"opencl: {_device}";

    public ExecutionReport Report { get; }

    /// <summary>The device it runs on.</summary>
    public OpenClDevice Device => _device;

    private DeviceKernel Kernel(string name)
    {
        var kernel = new DeviceKernel(_program, name);
        _kernels.Add(kernel);
        return kernel;
    }

    /// <summary>A network holds its simulation for its whole life; when both are collected, the device memory, kernels
    /// and program go back to the driver (OpenCL defers each release until the commands using it have finished).</summary>
    ~OpenClSimulation()
    {
        foreach (var kernel in _kernels) kernel.Release();
        _memory.ReleaseAll();
        if (_program != 0) OpenClDevices.Api.ReleaseProgram(_program);
    }

    public Integrator IntegratorOf(Population population) => _hosts[population.Index].Compiled.Method;

    /// <summary>How many times finished steps were read back from the device (once per batch, not per step).</summary>
    internal long BatchesCollected { get; private set; }

    public void Run(long steps, Action<RunProgress>? progress)
    {
        long every = Math.Max(1, steps / 100), spikes = 0, done = 0;
        while (done < steps)
        {
            int batch = (int)Math.Min(BatchLimit(Step), steps - done);
            foreach (var p in _populations) p.Fill.Fill(_queue, 0);
            for (int k = 0; k < batch; k++) Enqueue(Step + k, k);
            OpenClException.Check(OpenClDevices.Api.Finish(_queue), "finish the steps");
            int processed = Collect(Step, batch, ref spikes, (k, s) =>
            {
                if (progress is not null && ((done + k + 1) % every == 0 || done + k + 1 == steps))
                    progress(new RunProgress(done + k + 1, steps, (Step + k + 1) * _network.Dt, s));
            });
            Step += processed;
            done += processed;
        }
    }
}

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
    private readonly bool[] _runs;

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
        _runs = network.Populations.Select(p => runs?.Invoke(p) ?? true).ToArray();
        bool isDouble = typeof(T) == typeof(double);
        if (isDouble && !device.SupportsFloat64)
            throw new OpenClException($"{device} has no float64 support (cl_khr_fp64); run the network in float32 (Precision.Single) or pick another device");

        // The host computes initial values, per-neuron parameters, connectivity and delays exactly as the CPU backend does.
        host ??= HostBuild.Network<T>(network);
        _hosts = host.Populations;
        _projectionHosts = host.Projections;
        Report = host.Report;
        foreach (var pr in _projectionHosts.Where(p => p.Compiled.AdditiveTarget is null && Runs(p)))
            RefuseSharedPresynapticWrites(pr.Projection, pr.Compiled);

        var generator = new OpenClKernelGenerator(isDouble);
        var source = new StringBuilder(OpenClProgram.FixedSource);
        if (Scatters) source.Append('\n').Append(OpenClProgram.ScatterSource);
        var kernels = new List<KernelDefinition>();
        foreach (var h in _hosts.Where(h => _runs[h.Population.Index]))
        {
            kernels.AddRange(h.Compiled.Reductions.Select(r => r.Kernel));
            if (h.Compiled.Update is { } u) kernels.Add(u);
            if (h.Compiled.Materialize is { } m) kernels.Add(m);
            if (h.Compiled.RuleFactors is { } f) kernels.Add(f);
            if (h.Compiled.Threshold is { } t && h.Population.SpikeTimes is null) kernels.Add(t);
        }
        foreach (var k in kernels) source.Append('\n').Append(generator.Generate(k));
        foreach (var pr in _projectionHosts.Where(p => p.Compiled.AdditiveTarget is null && Runs(p)))
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
        int spikeMonitored = _hosts.Where(h => NeedsSpikeLog(h.Population)).Sum(h => h.Size);
        _batch = (int)Math.Clamp(LogBudget / Math.Max(1, spikeMonitored), 1, MaxBatch);
        _populations = _hosts.Select(PlanPopulation).ToArray();
        _synapticFailedStep = _memory.Scratch("finiteness flag of synaptic code", sizeof(int));
        var ringPlans = PlanPropagation();
        var synapsePlans = PlanGeneralSynapses();
        var ratePlans = PlanRateProjections();
        _samples = network.StateMonitors.Where(m => _runs[m.Population.Index]).Select(m => (PlanSample(m), m)).ToArray();
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
        foreach (var plan in ratePlans) plan();
    }

    /// <summary>Plans the rate projections (dense or CSR weights, converted to the network's precision as on the CPU).</summary>
    private List<Action> PlanRateProjections()
    {
        var bindings = new List<Action>();
        foreach (var r in _network.RateProjections.Where(r => _runs[r.Post.Population.Index]))
        {
            var sourceArrays = _hosts[r.Pre.Population.Index].Compiled.Arrays;
            var targetArrays = _hosts[r.Post.Population.Index].Compiled.Arrays;
            if (!sourceArrays.TryGetValue(r.Source, out var s))
                throw new ModelException(r.Pre.Population.Model.Name, $"rate projection '{r.Name}' reads '{r.Source}', which population '{r.Pre.Population.Name}' does not have");
            if (!r.Post.Population.Model.Inputs.Contains(r.Target))
                throw new ModelException(r.Post.Population.Model.Name, $"rate projection '{r.Name}' writes '{r.Target}', which is not a summed input of population '{r.Post.Population.Name}'; declare it with WithInput(\"{r.Target}\")");
            var source = _memory.MirrorOf(s)!;
            var target = _memory.MirrorOf(targetArrays[r.Target])!;
            // A held source's product goes into a block of its own (instances one after another), added each step.
            var held = HeldSource.Of(r, _hosts[r.Pre.Population.Index].Compiled)
                ? _memory.Scratch($"product of rate projection '{r.Name}'", (long)r.Post.Count * _instances * SizeOfT) : null;
            var (into, intoStart, intoStride) = held is null ? (target, r.Post.Start, r.Post.Population.Size) : (held, 0, r.Post.Count);
            void Add(Action launch) => _rates.Add(new DeviceRateProduct(r, launch, held is null ? null : (held, queue => held.Fill(queue, T.Zero), AddBlock(r, held, target))));
            if (r.Dense is { } dense)
            {
                var host = DenseRateWeights.ColumnMajor<T>(dense, r.Post.Count, r.Pre.Count);
                var weights = _memory.Mirror(host, $"weights of rate projection '{r.Name}'");
                if (r.Rule is not null) weights = PlanLearning(r, host, weights, bindings);
                bindings.Add(() =>
                {
                    if (_instances > 1 && UseClBlast)
                    {
                        Add(ClBlastProducts.Product(_queue, weights, source, r.Pre.Start, r.Pre.Count, r.Pre.Population.Size,
                            into, intoStart, r.Post.Count, intoStride, _instances));
                        return;
                    }
                    if (_instances > 1)
                    {
                        // A minibatch: one matrix-matrix product, each weight read once for a group of instances.
                        Add(DenseRateBatch.Bind<T>(Kernel(DenseRateBatch.KernelName), _queue, weights, source, r.Pre.Start, r.Pre.Count,
                            r.Pre.Population.Size, into, intoStart, r.Post.Count, intoStride, _instances));
                        return;
                    }
                    var kernel = Kernel("rate_dense").Set(0, weights).Set(1, source).Set(2, r.Pre.Start).Set(3, r.Pre.Count)
                        .Set(4, into).Set(5, intoStart).Set(6, r.Post.Count);
                    Add(() => kernel.RunInGroups(_queue, r.Post.Count, DenseRateWeights.Tile));
                });
            }
            else
            {
                var rowStart = _memory.Mirror(r.RowStart!, $"rows of rate projection '{r.Name}'");
                var columns = _memory.Mirror(r.Columns!, $"columns of rate projection '{r.Name}'");
                var host = Array.ConvertAll(r.Values!, T.CreateTruncating);
                var values = _memory.Mirror(host, $"weights of rate projection '{r.Name}'");
                if (r.Rule is not null) values = PlanLearning(r, host, values, bindings);
                bindings.Add(() =>
                {
                    var kernel = Kernel("rate_sparse").Set(0, rowStart).Set(1, columns).Set(2, values).Set(3, source).Set(4, r.Pre.Start)
                        .Set(5, into).Set(6, intoStart).Set(7, r.Post.Count)
                        .Set(8, r.Pre.Population.Size).Set(9, intoStride).Set(10, _instances);
                    Add(() => kernel.Run(_queue, (long)r.Post.Count * _instances));
                });
            }
        }
        return bindings;
    }

    private bool? _useClBlast;

    /// <summary>Whether this network's dense minibatch products and plastic updates run through CLBlast (float32 batches
    /// where the library is installed; decided, and a missing library noted, when the first such projection is planned).</summary>
    private bool UseClBlast => _useClBlast ??= ClBlastProducts.Use(typeof(T) == typeof(double), _instances, BackendChooser.Notes);

    /// <summary>The launch that adds a held product's block into the projection's target slice, instance by instance.</summary>
    private Action AddBlock(RateProjection r, DeviceBuffer block, DeviceBuffer target)
    {
        var kernel = Kernel("add_block").Set(0, target).Set(1, r.Post.Start).Set(2, r.Post.Count).Set(3, r.Post.Population.Size)
            .Set(4, block).Set(5, _instances);
        return () => kernel.Run(_queue, (long)r.Post.Count * _instances);
    }

    /// <summary>A summed-variable kernel (a loop over synapses) as a per-synapse function.</summary>
    private static KernelDefinition? AsSynapseFunction(KernelDefinition? loop) =>
        loop is null ? null : loop with { Name = loop.Name + ".function", Shape = KernelShape.SynapseEvent, PreIndex = null, PostIndex = null };

    /// <summary>
    /// Event code runs one postsynaptic neuron per work-item; code that writes presynaptic variables would have
    /// several work-items write one neuron at once, so it is refused rather than run in a different order than on the CPU.
    /// </summary>
    private static void RefuseSharedPresynapticWrites(Projection projection, CompiledProjection compiled)
    {
        foreach (var kernel in new[] { compiled.OnPre, compiled.OnPost })
        {
            var written = kernel?.Body.OfType<StoreStatement>().FirstOrDefault(s => kernel.Arrays[s.Variable].Index == IndexKind.Pre);
            if (written is not null)
                throw new OpenClException($"projection '{projection.Name}' ({projection.Synapse.Name}) writes the presynaptic variable '{written.Variable}' in its event code; " +
                    "the OpenCL backend runs event code per postsynaptic neuron and cannot do that in the CPU's order: run this network on the CPU backend");
        }
    }

    /// <summary>Plans the general (non-additive) synapses: their variables, per-neuron synapse lists and spike history;
    /// returns the binding steps to run once buffers exist.</summary>
    private List<Action> PlanGeneralSynapses()
    {
        var bindings = new List<Action>();
        var historyLength = new Dictionary<int, int>();
        foreach (var projection in _projectionHosts.Where(p => p.Compiled.AdditiveTarget is null && (p.OnPre is not null || p.PreSpike is not null) && Runs(p)))
        {
            int pre = projection.Projection.Pre.Population.Index;
            historyLength[pre] = Math.Max(historyLength.GetValueOrDefault(pre), projection.MaxDelay + 1);
        }
        foreach (var (index, length) in historyLength)
        {
            var p = _populations[index];
            var history = _memory.Scratch($"spike history of population '{p.Host.Population.Name}'", (long)p.Host.Size * length);
            bindings.Add(() =>
            {
                var kernel = Kernel("record_history").Set(0, p.SpikedAt).Set(1, p.Host.Size).Set(3, history).Set(4, length);
                p.History = (history, length, step => kernel.Set(2, step).Run(_queue, p.Host.Size));
            });
        }

        foreach (var projection in _projectionHosts.Where(p => p.Compiled.AdditiveTarget is null && Runs(p)))
        {
            var pr = projection.Projection;
            var c = projection.Compiled;
            foreach (var (name, array) in c.Arrays) _memory.Mirror(array, $"synaptic variable '{name}' of '{pr.Name}'");
            if ((c.OnPre ?? c.OnPost ?? c.Continuous ?? c.Summed)?.EventClock is { } clock) _memory.Mirror(clock, $"event clocks of '{pr.Name}'");
            var incoming = IncomingSynapses.Of(c.Table, pr.Pre.Start, pr.Post.Start, pr.Post.Count);
            var start = _memory.Mirror(incoming.Start, $"incoming synapses of '{pr.Name}'");
            var pre = _memory.Mirror(incoming.Pre, $"presynaptic neurons of '{pr.Name}'");
            var synapse = _memory.Mirror(incoming.Synapse, $"synapse ids of '{pr.Name}'");
            var delays = projection.DelaySteps is null ? null : _memory.Mirror(incoming.Gather(projection.DelaySteps), $"delays of '{pr.Name}'");
            if (c.Continuous is { } continuous)
            {
                _memory.Mirror(c.PreIndex!, $"presynaptic neuron of each synapse of '{pr.Name}'");
                _memory.Mirror(c.Table.Post, $"postsynaptic neuron of each synapse of '{pr.Name}'");
            }
            var prePopulation = _populations[pr.Pre.Population.Index];
            var postPopulation = _populations[pr.Post.Population.Index];
            PlanNeuronLevel(projection);
            bindings.Add(() =>
            {
                if (c.Continuous is { } continuous)
                {
                    var kernel = BindArguments(Kernel(OpenClKernelGenerator.FunctionName(continuous)), continuous, 3, null, null);
                    kernel.Set(0, 0).Set(1, c.Table.Count);
                    _continuous.Add(step => kernel.Set(2, step).Run(_queue, c.Table.Count));
                }
                if (AsSynapseFunction(c.Summed) is { } summed)
                {
                    var kernel = BindArguments(Kernel(SynapseEventKernels.Name("sum_", summed)), summed, SynapseEventKernels.SumFixed, null, null)
                        .Set(0, pr.Post.Start).Set(1, pr.Post.Count).Set(2, start).Set(3, pre).Set(4, synapse);
                    _summed.Add(step => kernel.Set(5, step).Run(_queue, pr.Post.Count));
                }
                if (c.OnPre is { } onPre)
                {
                    var (history, length, _) = prePopulation.History!.Value;
                    var kernel = BindArguments(Kernel(SynapseEventKernels.Name("arrive_", onPre)), onPre, SynapseEventKernels.ArriveFixed, null, null)
                        .Set(0, pr.Post.Start).Set(1, pr.Post.Count).Set(2, start).Set(3, pre).Set(4, synapse).Set(5, delays)
                        .Set(6, c.Delay).Set(7, projection.MaxDelay).Set(8, history).Set(9, length).Set(10, prePopulation.Host.Size);
                    _arrivals.Add(step => kernel.Set(11, step).Run(_queue, pr.Post.Count));
                }
                if (c.OnPost is { } onPost)
                {
                    var kernel = BindArguments(Kernel(SynapseEventKernels.Name("post_", onPost)), onPost, SynapseEventKernels.PostFixed, null, null)
                        .Set(0, pr.Post.Start).Set(1, pr.Post.Count).Set(2, start).Set(3, pre).Set(4, synapse).Set(5, postPopulation.SpikedAt);
                    _postSpikes.Add(step => kernel.Set(6, step).Run(_queue, pr.Post.Count));
                }
                BindNeuronLevel(projection, prePopulation, postPopulation);
            });
        }
        return bindings;
    }

    /// <summary>Binds a generated kernel's (or wrapper's) buffer parameters, which start at argument <paramref name="first"/>.</summary>
    private DeviceKernel BindArguments(DeviceKernel kernel, KernelDefinition k, int first, DevicePopulation? population, DeviceBuffer? partials,
        DeviceBuffer? failedStep = null)
    {
        int index = first;
        foreach (var parameter in OpenClKernelGenerator.Parameters(k))
        {
            var buffer = parameter.Role switch
            {
                ParameterRole.Array => _memory.MirrorOf(parameter.Data!)
                    ?? throw new InvalidOperationException($"kernel '{k.Name}' reads '{parameter.Name}', which has no device copy"),
                ParameterRole.LastSpike => _memory.MirrorOf(k.Refractory!.LastSpikeStep),
                ParameterRole.EventClock => _memory.MirrorOf(k.EventClock!)
                    ?? throw new InvalidOperationException($"kernel '{k.Name}' has event clocks without a device copy"),
                ParameterRole.PreClock => _memory.MirrorOf(k.PreClock!),
                ParameterRole.PostClock => _memory.MirrorOf(k.PostClock!),
                ParameterRole.PreIndex => _memory.MirrorOf(k.PreIndex!),
                ParameterRole.PostIndex => _memory.MirrorOf(k.PostIndex!),
                ParameterRole.SpikedAt => population!.SpikedAt,
                ParameterRole.FailedStep => failedStep ?? population?.FailedStep ?? _synapticFailedStep,
                ParameterRole.Partials => partials,
                _ => throw new InvalidOperationException($"kernel '{k.Name}' needs {parameter.Role}"),
            };
            kernel.Set(index++, buffer);
        }
        return kernel;
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

    private DevicePopulation PlanPopulation(PopulationRuntime<T> host)
    {
        var p = host.Population;
        var compiled = host.Compiled;
        if (!_runs[p.Index]) return PlanGhost(host);
        foreach (var (name, array) in compiled.Arrays)
            if (array is T[] && !name.StartsWith("__values_", StringComparison.Ordinal)) _memory.Mirror(array, $"'{name}' of population '{p.Name}'");
        if (compiled.Refractory is { } r) _memory.Mirror(r.LastSpikeStep, $"refractory steps of population '{p.Name}'");
        bool monitored = NeedsSpikeLog(p);
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
            ReceivesSpikes = _projectionHosts.Any(pr => Runs(pr) && PopulationSetup.WritesInto(pr.Compiled, pr.Projection, p)),
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

    /// <summary>Plans ring buffers and gather tables; returns the binding steps to run once buffers exist.</summary>
    private List<Action> PlanPropagation()
    {
        var bindings = new List<Action>();
        foreach (var group in _projectionHosts.Where(p => p.Compiled.AdditiveTarget is not null && Runs(p)).GroupBy(p => (p.Post.Population.Index, p.Compiled.AdditiveTarget!)))
        {
            if (Scatters)
            {
                PlanScatter(group.Key.Index, group.Key.Item2, group.ToList(), bindings);
                continue;
            }
            var postHost = _hosts[group.Key.Index];
            var target = (T[])postHost.Compiled.Arrays[group.Key.Item2];
            int ringLength = group.Max(p => p.MaxDelay) + 1;
            int n = target.Length;
            var targetBuffer = _memory.MirrorOf(target)!;
            var ring = ringLength == 1 ? null
                : _memory.Scratch($"delay ring of '{group.Key.Item2}' in population '{postHost.Population.Name}'", (long)n * ringLength * SizeOfT);
            _rings.Add(new DeviceRing(group.Key.Index, group.Key.Item2, ring, ringLength, n));
            foreach (var projection in group)
            {
                var pr = projection.Projection;
                var incoming = IncomingSynapses.Of(projection.Compiled.Table, pr.Pre.Start, pr.Post.Start, pr.Post.Count);
                var start = _memory.Mirror(incoming.Start, $"incoming synapses of '{pr.Name}'");
                var pre = _memory.Mirror(incoming.Pre, $"presynaptic neurons of '{pr.Name}'");
                var weights = projection.Weights is null ? null : _memory.Mirror(incoming.Gather(projection.Weights), $"weights of '{pr.Name}'");
                if (weights is not null) _gatheredWeights[pr.Index] = (incoming, weights);
                var delays = projection.DelaySteps is null ? null : _memory.Mirror(incoming.Gather(projection.DelaySteps), $"delays of '{pr.Name}'");
                var fired = FiredOf(pr.Pre.Population.Index, bindings);
                bindings.Add(() =>
                {
                    var kernel = Kernel("propagate").Set(0, pr.Post.Start).Set(1, pr.Post.Count).Set(2, start).Set(3, pre)
                        .Set(4, weights).Set(5, projection.ConstantWeight).Set(6, delays).Set(7, projection.Compiled.Delay)
                        .Set(8, fired).Set(10, targetBuffer).Set(11, ring).Set(12, ringLength).Set(13, n);
                    _propagation.Add(step => kernel.Set(9, step).Run(_queue, pr.Post.Count));
                });
            }
            if (ring is not null)
                bindings.Add(() =>
                {
                    var deliver = Kernel("deliver").Set(0, targetBuffer).Set(1, ring).Set(2, n).Set(3, ringLength);
                    _deliveries.Add(step => deliver.Set(4, step).Run(_queue, n));
                });
        }
        return bindings;
    }

    /// <summary>The per-step "fired" bytes of a presynaptic population, planned once however many projections read them,
    /// with the kernel that marks them before propagation.</summary>
    private DeviceBuffer FiredOf(int population, List<Action> bindings)
    {
        if (_fired.TryGetValue(population, out var fired)) return fired;
        var p = _populations[population];
        fired = _memory.Scratch($"spiked-this-step flags of population '{p.Host.Population.Name}'", p.Host.Size);
        _fired[population] = fired;
        bindings.Add(() =>
        {
            var mark = Kernel("mark_fired").Set(0, p.SpikedAt).Set(1, p.Host.Size).Set(3, fired);
            _marks.Add(step => mark.Set(2, step).Run(_queue, p.Host.Size));
        });
        return fired;
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

    private void Enqueue(long step, int k)
    {
        EnqueueUntilSpikes(step, k);
        EnqueueAfterSpikes(step, k);
    }

    /// <summary>Enqueues the first half of a step, Inputs → StateUpdate → Threshold/Reset (with this step's spike lists).</summary>
    private void EnqueueUntilSpikes(long step, int k)
    {
        var queue = _queue;
        // Inputs
        foreach (var p in _populations.Where(p => p.Runs))
            foreach (var input in p.Host.Inputs) _memory.MirrorOf(input)!.Fill(queue, T.Zero);
        foreach (var injection in _network.Injections)
        {
            if (!_runs[injection.Target.Population.Index]) continue;
            var target = _memory.MirrorOf(_hosts[injection.Target.Population.Index].Compiled.Arrays[injection.Input])!;
            _addValue.Set(0, target).Set(1, injection.Target.Start).Set(2, injection.Target.Count)
                .Set(3, T.CreateTruncating(injection.Source.ValueAtStep(step, _network.Dt))).Set(4, injection.Target.Population.Size).Set(5, _instances)
                .Run(queue, (long)injection.Target.Count * _instances);
        }
        foreach (var rate in _rates) rate.Run(queue);
        foreach (var summed in _summed) summed(step);

        // StateUpdate
        foreach (var p in _populations.Where(p => p.Runs))
        {
            for (int r = 0; r < p.Reductions.Count; r++)
            {
                var (kernel, pieces) = p.Reductions[r];
                kernel.Set(2, step).Run(queue, pieces);
                var (_, cell, mean) = p.Host.Compiled.Reductions[r];
                _finishSum.Set(0, p.Partials).Set(1, (int)(pieces / _instances)).Set(2, _memory.MirrorOf(p.Host.Compiled.Arrays[cell]))
                    .Set(3, mean ? 1 : 0).Set(4, p.Host.Size).Set(5, _instances).Run(queue, _instances);
            }
            p.Update?.Set(2, step).Run(queue, p.Elements);
        }
        foreach (var p in _populations.Where(p => p.Runs)) p.Materialize?.Set(2, step).Run(queue, p.Elements);
        foreach (var continuous in _continuous) continuous(step);

        // Threshold / reset, then this step's spike list (counts always, neuron ids where a monitor wants them)
        foreach (var p in _populations.Where(p => p.Runs))
        {
            if (p.Sources is { } sources)
            {
                var (steps, _, buffer) = sources;
                int from = p.SourceNext;
                while (from < steps.Length && steps[from] < step) from++;
                int to = from;
                while (to < steps.Length && steps[to] == step) to++;
                p.SourceNext = to;
                _fireSources.Set(0, buffer).Set(1, from).Set(2, to).Set(3, step).Set(4, p.SpikedAt).Run(queue, to - from);
            }
            else p.Threshold?.Set(2, step).Run(queue, p.Host.Size);
            // A reset changed state the stored sub-expressions were computed from.
            if (p.Host.Compiled.Resets) p.Materialize?.Set(2, step).Run(queue, p.Elements);
            _countSpikes.Set(0, p.SpikedAt).Set(1, p.Host.Size).Set(2, step).Set(3, p.BlockCounts).Run(queue, p.Blocks);
            _offsetSpikes.Set(0, p.BlockCounts).Set(1, p.Blocks).Set(2, p.StepCounts).Set(3, k).Set(4, p.Fill).Run(queue, 1);
            p.History?.Record(step);
            if (p.Log is not null)
                _writeSpikes.Set(0, p.SpikedAt).Set(1, p.Host.Size).Set(2, step).Set(3, p.BlockCounts).Set(4, p.Log).Run(queue, p.Blocks);
        }
    }

    /// <summary>Enqueues the second half of a step, Propagate → Plasticity → Monitors, once every population's spikes are marked.</summary>
    private void EnqueueAfterSpikes(long step, int k)
    {
        var queue = _queue;
        // Propagate: spikes into ring buffers, then whatever is due now arrives.
        foreach (var mark in _marks) mark(step);
        foreach (var propagate in _propagation) propagate(step);
        foreach (var deliver in _deliveries) deliver(step);
        foreach (var arrive in _arrivals) arrive(step);

        // Plasticity
        foreach (var post in _postSpikes) post(step);
        foreach (var update in _neuronLevelUpdates) update(step);
        EnqueueLearning(step);

        // Spikes delivered into a population changed state its stored sub-expressions were computed from.
        foreach (var p in _populations)
            if (p.ReceivesSpikes) p.Materialize?.Set(2, step).Run(queue, p.Elements);

        // Monitors: samples of due steps land in row k of the batch.
        foreach (var (plan, monitor) in _samples)
            if (plan.Count > 0 && monitor.Due(step))
                _sample.Set(0, plan.Values).Set(1, plan.Neurons).Set(2, plan.Count).Set(3, plan.Out).Set(4, k).Run(queue, plan.Count);
        SampleForRecorders(step, k);
    }

    /// <summary>Reads a finished batch back and hands it to the monitors step by step; returns the steps that completed
    /// (fewer than the batch when a state update produced a non-finite value, which then throws).</summary>
    private int Collect(long first, int batch, ref long spikes, Action<int, long> stepDone)
    {
        BatchesCollected++;
        int failedAt = int.MaxValue;
        var flag = new int[1];
        foreach (var p in _populations.Where(p => p.Runs))
        {
            p.FailedStep.Read(_queue, flag);
            failedAt = Math.Min(failedAt, flag[0]);
        }
        _synapticFailedStep.Read(_queue, flag);
        bool inSynapses = flag[0] <= failedAt && flag[0] != int.MaxValue;
        failedAt = Math.Min(failedAt, flag[0]);
        int learningFailed = LearningFailedStep();
        bool inWeights = learningFailed < failedAt;
        failedAt = Math.Min(failedAt, learningFailed);
        int complete = failedAt == int.MaxValue ? batch : (int)Math.Clamp(failedAt - first, 0, batch);

        var counts = _populations.Select(p => { var c = new int[batch]; if (p.Runs) p.StepCounts.Read(_queue, c); return c; }).ToArray();
        var logs = _populations.Select((p, i) =>
        {
            if (p.Log is null) return null;
            var log = new int[counts[i].Sum()];
            p.Log.Read(_queue, log);
            return log;
        }).ToArray();
        var samples = _samples.Select(s =>
        {
            if (s.Plan.Count == 0) return null;
            var values = new T[s.Plan.Count * batch];
            s.Plan.Out.Read(_queue, values);
            return values;
        }).ToArray();
        ReadRecordedSamples(batch);

        var offsets = new int[_populations.Length];
        for (int k = 0; k < complete; k++)
        {
            long step = first + k;
            for (int i = 0; i < _populations.Length; i++)
            {
                if (!_populations[i].Runs) continue;
                int count = counts[i][k];
                spikes += count;
                Report.AddSpikes(i, count);
                var list = logs[i] is { } log ? log.AsSpan(offsets[i], count) : [];
                _stepSpikes[i] = (logs[i], offsets[i], count);
                foreach (var m in _network.SpikeMonitors.Where(m => m.Population.Index == i)) m.Record(step, list);
                foreach (var m in _network.RateMonitors.Where(m => m.Population.Index == i)) m.Record(step, count);
                offsets[i] += count;
            }
            for (int s = 0; s < _samples.Length; s++)
            {
                var (plan, monitor) = _samples[s];
                if (!monitor.Due(step)) continue;
                if (samples[s] is { } values)
                    monitor.Record(step, values.AsSpan(k * plan.Count, plan.Count).ToArray().Select(v => double.CreateTruncating(v)).ToArray());
                else
                {
                    var constant = PopulationSetup.StoredValues<T>(monitor.Population, _hosts[monitor.Population.Index].Compiled.Arrays, monitor.Variable);
                    monitor.Record(step, monitor.Elements.Select(constant).ToArray());
                }
            }
            FeedRecorders(step, k);
            stepDone(k, spikes);
        }
        if (complete < batch && inWeights)
        {
            Step = first + complete;
            ThrowNonFiniteWeight(Step);
        }
        if (complete < batch) ThrowNonFinite(first + complete, inSynapses);
        return complete;
    }

    /// <summary>Names what went wrong at <paramref name="step"/>. The device knows only the step and whether synapse code or a
    /// population's own code stored the first bad value; the culprit named is the first non-finite value of that kind in the
    /// state as the batch left it.</summary>
    private void ThrowNonFinite(long step, bool inSynapses)
    {
        Step = step;
        if (inSynapses) ThrowNonFiniteSynapse(step);
        foreach (var p in _populations.Where(p => p.Runs))
            foreach (var (name, values) in p.Host.States)
            {
                _memory.MirrorOf(values)!.Read(_queue, values);
                int bad = Array.FindIndex(values, v => !T.IsFinite(v));
                if (bad >= 0)
                    throw new SimulationException(p.Host.Population.Name, bad % p.Host.Size, name, step, step * _network.Dt, double.CreateTruncating(values[bad]),
                        _instances > 1 ? bad / p.Host.Size : null);
            }
        ThrowNonFiniteSynapse(step);
        throw new SimulationException(_populations[0].Host.Population.Name, 0, "?", step, step * _network.Dt, double.NaN);
    }

    private void ThrowNonFiniteSynapse(long step)
    {
        foreach (var pr in _projectionHosts.Where(p => p.Compiled.AdditiveTarget is null && Runs(p)))
            foreach (var (name, array) in pr.Compiled.Arrays)
            {
                var values = (T[])array;
                Download(values);
                int bad = Array.FindIndex(values, v => !T.IsFinite(v));
                if (bad >= 0)
                    throw pr.Describe(new NonFiniteStoreException(name, bad, step, double.CreateTruncating(values[bad])), null);
            }
    }

    private void Download(Array host)
    {
        if (_memory.MirrorOf(host) is { } buffer) buffer.Read(_queue, host);
    }

    public double[] Read(Population population, string variable)
    {
        var arrays = _hosts[population.Index].Compiled.Arrays;
        if (arrays.TryGetValue(variable, out var a)) Download(a);
        var values = PopulationSetup.StoredValues<T>(population, arrays, variable);
        return Enumerable.Range(0, population.Size * _instances).Select(values).ToArray();
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

    public (int[] Pre, int[] Post, double[] Values) Read(Projection projection, string variable)
    {
        var runtime = _projectionHosts[projection.Index];
        if (runtime.Compiled.NeuronLevel.FirstOrDefault(n => n.Arrays.ContainsKey(variable)) is { } side)
        {
            Download(side.Arrays[variable]);
            if (side.Clock is { } clock) Download(clock);
            return NeuronLevelRead.Of(projection, variable, runtime.ReadNeuronLevel(variable, Step)!);
        }
        foreach (var array in runtime.Compiled.Arrays.Values) Download(array);
        return runtime.Read(variable);
    }
}

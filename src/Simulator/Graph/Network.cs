using Dendra.Simulator.Execution;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using Dendra.Simulator.Monitors;
using Dendra.Simulator.Recording;

namespace Dendra.Simulator.Graph;

/// <summary>
/// A network: populations, projections, inputs and monitors, run in fixed steps of <see cref="Dt"/>.
/// Build it, then call <see cref="Run"/> as often as needed; each run continues from where the last stopped.
/// </summary>
/// <example>
/// <code>
/// var net = new Network(dt: 0.1 * ms, seed: 7);
/// var cells = net.AddPopulation("cells", 100, Lif.CurrentBased());
/// var spikes = net.MonitorSpikes(cells);
/// net.Run(1 * second);
/// </code>
/// </example>
public sealed class Network
{
    private readonly List<Population> _populations = [];
    private readonly List<Projection> _projections = [];
    private readonly List<RateProjection> _rateProjections = [];
    private readonly List<Injection> _injections = [];
    private readonly List<SpikeMonitor> _spikeMonitors = [];
    private readonly List<StateMonitor> _stateMonitors = [];
    private readonly List<PopulationRateMonitor> _rateMonitors = [];
    private readonly List<WeightMonitor> _weightMonitors = [];
    private readonly List<Recorder> _recorders = [];
    private double _dt;
    private Precision _precision;
    private ulong _seed;
    private int _threads = Environment.ProcessorCount;
    private Integrator? _integratorOverride;
    private ISimulationBackend? _backend;
    private Backend _backendChoice = Graph.Backend.Cpu;
    private string? _device;
    private int _batchSize = 1;
    private readonly List<(Population Population, string Variable, double[] Values)> _pendingWrites = [];

    /// <summary>Creates an empty network.</summary>
    /// <param name="dt">Time step in seconds (default 0.1 ms).</param>
    /// <param name="precision">Floating-point precision of all state (default float32).</param>
    /// <param name="seed">Seed of every random draw: same seed, same network, same spikes.</param>
    public Network(double dt = 1e-4, Precision precision = Precision.Single, ulong seed = 1)
    {
        Dt = dt;
        Precision = precision;
        Seed = seed;
    }

    /// <summary>Time step in seconds; must be positive. Fixed once the network is built.</summary>
    public double Dt
    {
        get => _dt;
        set
        {
            if (!(value > 0) || !double.IsFinite(value))
                throw new ArgumentOutOfRangeException(nameof(Dt), value, $"the time step dt must be a positive number of seconds, got {value}");
            EnsureNotBuilt(nameof(Dt));
            _dt = value;
        }
    }

    /// <summary>Precision of state, weights and buffers. Fixed once the network is built.</summary>
    public Precision Precision
    {
        get => _precision;
        set
        {
            EnsureNotBuilt(nameof(Precision));
            _precision = value;
        }
    }

    /// <summary>Seed of every random draw (initial values, connectivity, rand() in equations, Poisson sources). Fixed once the network is built.</summary>
    public ulong Seed
    {
        get => _seed;
        set
        {
            EnsureNotBuilt(nameof(Seed));
            _seed = value;
        }
    }

    /// <summary>Worker threads for the CPU backend (default: all cores). Results do not depend on it. Fixed once the network is built.</summary>
    public int Threads
    {
        get => _threads;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(Threads), value, "use at least one thread");
            EnsureNotBuilt(nameof(Threads));
            _threads = value;
        }
    }

    /// <summary>
    /// When set, every population and synapse model is integrated with this method instead of its own (for
    /// comparing integrators on one model: <see cref="Integrator.Auto"/> gives exact or exponential Euler where they apply).
    /// Fixed once the network is built.
    /// </summary>
    public Integrator? IntegratorOverride
    {
        get => _integratorOverride;
        set
        {
            EnsureNotBuilt(nameof(IntegratorOverride));
            _integratorOverride = value;
        }
    }

    /// <summary>Where the network runs: the CPU (default), an OpenCL device, or <see cref="Graph.Backend.Auto"/> (OpenCL, when a
    /// device exists, for each population of at least <see cref="AutoOpenClSize"/> neurons, the CPU for the rest).
    /// <see cref="Population.Placement"/> can pin single populations to either side. Fixed once the network is built.</summary>
    public Backend Backend
    {
        get => _backendChoice;
        set
        {
            EnsureNotBuilt(nameof(Backend));
            _backendChoice = value;
        }
    }

    /// <summary>The OpenCL device: an index into <c>OpenClDevices.List</c>, a type (gpu, cpu, accelerator) or part of
    /// its name; null picks the first GPU, else the first device. Fixed once the network is built.</summary>
    public string? Device
    {
        get => _device;
        set
        {
            EnsureNotBuilt(nameof(Device));
            _device = value;
        }
    }

    /// <summary>
    /// How many independent instances of the network run side by side (default 1): a minibatch. Every instance has the
    /// same parameters and weights and starts from the same state; they differ by what is written into them
    /// (<see cref="Population.SetState"/>) and by <c>rand()</c> during the run. Each population's arrays then hold one block
    /// of <see cref="Population.Size"/> values per instance (<see cref="Population.Get(string)"/> returns them all,
    /// instance after instance), <c>sum()</c> and <c>mean()</c> reduce within each instance, and a dense rate projection
    /// is one matrix-matrix product per step. Batches are for rate networks: spiking populations, spiking projections,
    /// spike and rate monitors, recordings and split placements are refused. Fixed once the network is built.
    /// </summary>
    public int BatchSize
    {
        get => _batchSize;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "a batch holds at least one instance");
            EnsureNotBuilt(nameof(BatchSize));
            if (value > 1 && _recorders.Count > 0) throw RecordingRefused(value);
            if (_pendingWrites.Count > 0)
                throw new InvalidOperationException($"state was already set for {_pendingWrites[0].Population.Name}'s '{_pendingWrites[0].Variable}' with the batch size {_batchSize}; set BatchSize before SetState");
            _batchSize = value;
        }
    }

    /// <summary>With <see cref="Graph.Backend.Auto"/>, the population size from which a population goes to OpenCL.</summary>
    public const int AutoOpenClSize = 100_000;

    /// <summary>Where the network runs once built: <c>cpu</c>, <c>opencl: device (platform)</c>, or for a network placed on
    /// both <c>cpu + opencl (populations on the device on device (platform))</c>.</summary>
    public string BackendDescription => _backend?.Description ?? "not built";

    /// <summary>True once the network is compiled (by <see cref="Build"/> or the first <see cref="Run"/>): its structure,
    /// parameters, dt, precision, seed and threads are fixed from then on; monitors can still be added.</summary>
    public bool IsBuilt => _backend is not null;

    /// <summary>Steps run so far.</summary>
    public long Step => _backend?.Step ?? 0;

    /// <summary>Simulated time so far, in seconds.</summary>
    public double Time => Step * Dt;

    /// <summary>Populations in creation order.</summary>
    public IReadOnlyList<Population> Populations => _populations;

    /// <summary>Spiking projections in creation order.</summary>
    public IReadOnlyList<Projection> Projections => _projections;

    /// <summary>Rate projections in creation order.</summary>
    public IReadOnlyList<RateProjection> RateProjections => _rateProjections;

    /// <summary>Current injections.</summary>
    public IReadOnlyList<Injection> Injections => _injections;

    /// <summary>Spike monitors.</summary>
    public IReadOnlyList<SpikeMonitor> SpikeMonitors => _spikeMonitors;

    /// <summary>State monitors.</summary>
    public IReadOnlyList<StateMonitor> StateMonitors => _stateMonitors;

    /// <summary>Population-rate monitors.</summary>
    public IReadOnlyList<PopulationRateMonitor> RateMonitors => _rateMonitors;

    /// <summary>Weight monitors.</summary>
    public IReadOnlyList<WeightMonitor> WeightMonitors => _weightMonitors;

    /// <summary>The integrator each population's update uses (after the network is built).</summary>
    public Integrator IntegratorOf(Population population) => Simulation().IntegratorOf(population);

    /// <summary>Adds a population of <paramref name="size"/> neurons of <paramref name="model"/>.</summary>
    public Population AddPopulation(string name, int size, NeuronModel model)
    {
        EnsureNotBuilt("populations");
        if (_populations.Any(p => p.Name == name)) throw new ArgumentException($"there is already a population named '{name}'", nameof(name));
        var population = new Population(this, _populations.Count, name, size, model);
        _populations.Add(population);
        return population;
    }

    /// <summary>Adds independent Poisson spike sources with rate <paramref name="rate"/> (Hz; a constant or per-neuron expression).</summary>
    public Population AddPoisson(string name, int size, Init rate)
    {
        var model = new NeuronModel("Poisson", "").WithParameter("rate", 0, "Hz", "firing rate").WithThreshold("rand() < rate*dt");
        return AddPopulation(name, size, model).Set("rate", rate);
    }

    /// <summary>Adds neurons that spike exactly at the given times (seconds), each at its nearest step (<see cref="Clock.StepOf"/>);
    /// two spikes of one neuron in the same step are refused.</summary>
    public Population AddSpikeSource(string name, int size, IEnumerable<(int Neuron, double Time)> spikes)
    {
        var list = spikes.ToList();
        foreach (var (n, t) in list)
        {
            if (n < 0 || n >= size) throw new ArgumentOutOfRangeException(nameof(spikes), n, $"spike source '{name}' has neurons 0..{size - 1}");
            if (!(t >= 0) || !double.IsFinite(t)) throw new ArgumentOutOfRangeException(nameof(spikes), t, $"spike source '{name}': spike times must be finite and ≥ 0");
        }
        EnsureNotBuilt("populations");
        var times = new SpikeTimes(list.Select(s => s.Time).ToArray(), list.Select(s => s.Neuron).ToArray());
        times.InSteps(name, Dt); // refuses two spikes of a neuron in one step now; the backends check again at the dt they run with
        var population = new Population(this, _populations.Count, name, size, new NeuronModel("SpikeSource", "")) { SpikeTimes = times };
        _populations.Add(population);
        return population;
    }

    /// <summary>Connects two populations (or slices) with synapses of <paramref name="synapse"/>.</summary>
    /// <param name="pre">Presynaptic neurons.</param>
    /// <param name="post">Postsynaptic neurons.</param>
    /// <param name="synapse">Synapse model.</param>
    /// <param name="connectivity">Which pairs connect.</param>
    /// <param name="weight">Initial weight <c>w</c>: a constant or an expression in <c>i</c>, <c>j</c>, <c>rand()</c>….</param>
    /// <param name="delay">Delay in seconds (default 0: delivered in the step of the spike), rounded to whole steps.</param>
    /// <param name="name">Name, unique in the network (default "pre→post", or "pre→post (2)"… when that is taken).</param>
    public Projection Connect(PopulationSlice pre, PopulationSlice post, SynapseModel synapse, Connectivity connectivity,
        Init weight, Init? delay = null, string? name = null)
    {
        EnsureNotBuilt("projections");
        pre.Validate();
        post.Validate();
        if (name is not null && _projections.Any(p => p.Name == name))
            throw new ArgumentException($"there is already a projection named '{name}': recordings, views and messages find projections by name, so give this one another", nameof(name));
        name ??= UnusedProjectionName($"{pre.Population.Name}→{post.Population.Name}");
        if (delay?.Constant is { } d && (d < 0 || !double.IsFinite(d)))
            throw new ArgumentOutOfRangeException(nameof(delay), d, $"the delay of projection '{name}' must be ≥ 0 seconds, got {d}");
        var projection = new Projection(this, _projections.Count, name, pre, post, synapse, connectivity, weight, delay ?? Init.Of(0));
        _projections.Add(projection);
        return projection;
    }

    /// <summary>"pre→post" for the first projection between two populations, then "pre→post (2)", "pre→post (3)"….</summary>
    private string UnusedProjectionName(string name)
    {
        var candidate = name;
        for (int k = 2; _projections.Any(p => p.Name == candidate); k++) candidate = $"{name} ({k})";
        return candidate;
    }

    /// <summary>Connects with static synapses that add their weight to the postsynaptic variable <paramref name="target"/> (e.g. <c>ge</c>).</summary>
    public Projection Connect(PopulationSlice pre, PopulationSlice post, string target, Connectivity connectivity,
        Init weight, Init? delay = null, string? name = null) =>
        Connect(pre, post, SynapseModel.Static(target), connectivity, weight, delay, name);

    /// <summary>A dense rate projection: every step <c>post.target += W · pre.source</c>, W given as [post, pre].</summary>
    public RateProjection ConnectRate(PopulationSlice pre, PopulationSlice post, string source, string target, double[,] weights, string? name = null)
    {
        EnsureNotBuilt("projections");
        if (weights.GetLength(0) != post.Count || weights.GetLength(1) != pre.Count)
            throw new ArgumentException($"the weight matrix is {weights.GetLength(0)}×{weights.GetLength(1)} but must be post×pre = {post.Count}×{pre.Count}", nameof(weights));
        var dense = new double[post.Count * pre.Count];
        Buffer.BlockCopy(weights, 0, dense, 0, dense.Length * sizeof(double));
        return AddRate(new RateProjection(RateName(name, pre, post), pre, post, source, target, dense, null, null, null));
    }

    /// <summary>A sparse rate projection in CSR by postsynaptic neuron.</summary>
    public RateProjection ConnectRateSparse(PopulationSlice pre, PopulationSlice post, string source, string target,
        int[] rowStart, int[] columns, double[] values, string? name = null)
    {
        EnsureNotBuilt("projections");
        if (rowStart.Length != post.Count + 1 || columns.Length != values.Length || rowStart[^1] != columns.Length)
            throw new ArgumentException("sparse weights need rowStart of length post+1 ending at the number of entries, and one column per value");
        if (columns.Any(c => c < 0 || c >= pre.Count))
            throw new ArgumentOutOfRangeException(nameof(columns), $"column indices must lie in 0..{pre.Count - 1}");
        return AddRate(new RateProjection(RateName(name, pre, post), pre, post, source, target, null, rowStart, columns, values));
    }

    /// <summary>"pre⇒post" for the first rate projection between two populations, then "pre⇒post (2)"…; a name given twice is
    /// refused, since a rate projection's name keys its rule's factor arrays and its weights in a checkpoint.</summary>
    private string RateName(string? name, PopulationSlice pre, PopulationSlice post)
    {
        if (name is not null)
        {
            if (_rateProjections.Any(r => r.Name == name))
                throw new ArgumentException($"a rate projection named '{name}' already exists; give each rate projection its own name", nameof(name));
            return name;
        }
        string first = $"{pre.Population.Name}⇒{post.Population.Name}", candidate = first;
        for (int k = 2; _rateProjections.Any(r => r.Name == candidate); k++) candidate = $"{first} ({k})";
        return candidate;
    }

    private RateProjection AddRate(RateProjection projection)
    {
        projection.Pre.Validate();
        projection.Post.Validate();
        _rateProjections.Add(projection);
        return projection;
    }

    /// <summary>Adds <paramref name="source"/> to the summed input <paramref name="input"/> of the given neurons every step.</summary>
    public Injection Inject(PopulationSlice target, string input, CurrentSource source)
    {
        EnsureNotBuilt("inputs");
        target.Validate();
        if (!target.Population.Model.Inputs.Contains(input))
            throw new ModelException(target.Population.Model.Name, $"population '{target.Population.Name}' has no summed input '{input}'; known: {string.Join(", ", target.Population.Model.Inputs)}");
        var injection = new Injection(target, input, source);
        _injections.Add(injection);
        return injection;
    }

    /// <summary>Records spikes of a population (or only of <paramref name="neurons"/>).</summary>
    public SpikeMonitor MonitorSpikes(Population population, IEnumerable<int>? neurons = null)
    {
        var monitor = new SpikeMonitor(population, neurons);
        _spikeMonitors.Add(monitor);
        return monitor;
    }

    /// <summary>Samples <paramref name="variable"/> of <paramref name="neurons"/> every <paramref name="every"/> steps, at the end of the step
    /// (in instance <paramref name="instance"/> of a batch, see <see cref="BatchSize"/>).</summary>
    public StateMonitor MonitorState(Population population, string variable, IEnumerable<int> neurons, int every = 1, int instance = 0)
    {
        var model = population.Model;
        bool known = model.StateVariables.Contains(variable) || model.Inputs.Contains(variable)
            || model.Equations.Any(e => e.Name == variable) || model.TryGetParameter(variable, out _);
        if (!known) throw new ModelException(model.Name, $"population '{population.Name}' has no variable '{variable}' to monitor");
        EnsureNotBuilt("state monitors");
        var monitor = new StateMonitor(population, variable, neurons.ToArray(), every, instance);
        _stateMonitors.Add(monitor);
        return monitor;
    }

    /// <summary>Records the population rate every step.</summary>
    public PopulationRateMonitor MonitorRate(Population population)
    {
        var monitor = new PopulationRateMonitor(population);
        _rateMonitors.Add(monitor);
        return monitor;
    }

    /// <summary>Samples a synaptic variable (default the weight <c>w</c>) of every synapse of <paramref name="projection"/> at the end of
    /// every <paramref name="every"/>-th step, through the backend's own read path. Can be added after the network is built.</summary>
    public WeightMonitor MonitorWeights(Projection projection, int every = 1, string variable = "w")
    {
        ArgumentNullException.ThrowIfNull(projection);
        if (projection.Network != this) throw new ArgumentException($"projection '{projection.Name}' belongs to another network", nameof(projection));
        var synapse = projection.Synapse;
        if (!synapse.StateVariables.Contains(variable) && !synapse.Equations.Any(e => e.Name == variable) && !synapse.TryGetParameter(variable, out _))
            throw new ModelException(synapse.Name, $"projection '{projection.Name}' has no synaptic variable '{variable}' to monitor");
        var monitor = new WeightMonitor(projection, variable, every);
        _weightMonitors.Add(monitor);
        return monitor;
    }

    /// <summary>Samples the weights of a rate projection (plastic or fixed) every <paramref name="every"/> steps, at the end of
    /// the step; row by row as <see cref="RateProjection.Weights"/> lists them.</summary>
    public WeightMonitor MonitorWeights(RateProjection projection, int every = 1)
    {
        ArgumentNullException.ThrowIfNull(projection);
        if (projection.Network != this) throw new ArgumentException($"rate projection '{projection.Name}' belongs to another network", nameof(projection));
        var monitor = new WeightMonitor(projection, every);
        _weightMonitors.Add(monitor);
        return monitor;
    }

    /// <summary>Samples the weights of a rate projection every <paramref name="interval"/> seconds (at least every step).</summary>
    public WeightMonitor MonitorWeights(RateProjection projection, double interval)
    {
        if (!(interval > 0) || !double.IsFinite(interval))
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "sample the weights every positive, finite number of seconds");
        return MonitorWeights(projection, (int)Math.Clamp(Clock.StepOf(interval, Dt), 1, int.MaxValue));
    }

    /// <summary>Samples a synaptic variable of every synapse of <paramref name="projection"/> every <paramref name="interval"/>
    /// seconds of simulated time (rounded to whole steps, at least one).</summary>
    public WeightMonitor MonitorWeights(Projection projection, double interval, string variable = "w")
    {
        if (!(interval > 0) || !double.IsFinite(interval))
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "sample the weights every positive, finite number of seconds");
        return MonitorWeights(projection, (int)Math.Clamp(Clock.StepOf(interval, Dt), 1, int.MaxValue), variable);
    }

    /// <summary>
    /// Records the run into a <c>.dnr</c> file from now on, while it runs (<paramref name="what"/>: default every
    /// population's spikes and rates and the variables of the state monitors). The file is created when the network
    /// is built (now, if it already is). Dispose the recorder after the last run.
    /// </summary>
    public Recorder RecordTo(string path, RecordingSelection? what = null)
    {
        if (BatchSize > 1) throw RecordingRefused(BatchSize);
        if (IsBuilt) RefuseRecordingUnlessFed();
        var recorder = new Recorder(this, path, what ?? RecordingSelection.Default(this));
        _recorders.Add(recorder);
        if (IsBuilt) StartRecording(recorder);
        return recorder;
    }

    private static NotSupportedException RecordingRefused(int batch) =>
        new($"a batch of {batch} instances cannot be recorded to a file yet: monitor an instance with MonitorState(..., instance: k), or read every instance with Get");

    /// <summary>Recordings in progress (read by the backend at the end of every step).</summary>
    internal IReadOnlyList<Recorder> Recorders => _recorders;

    internal void StopRecording(Recorder recorder) => _recorders.Remove(recorder);

    /// <summary>
    /// Saves the whole simulation state (every variable, weight, synaptic variable, spike in flight, clock and the step)
    /// to <paramref name="path"/>, atomically. <see cref="LoadCheckpoint"/> on the same network built afresh continues
    /// exactly where this one stands.
    /// </summary>
    public void SaveCheckpoint(string path) => Checkpoint.Save(Checkpointable(), path);

    /// <summary>
    /// Restores a checkpoint saved from a network of the same structure, precision, dt and seed; the next
    /// <see cref="Run"/> continues from its step. Builds the network if it is not built yet.
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint comes from a different network.</exception>
    /// <exception cref="RecordingFormatException">The file is not a checkpoint, or is damaged.</exception>
    public void LoadCheckpoint(string path) => Checkpoint.Load(this, Checkpointable(), path);

    private ICheckpointable Checkpointable() => Simulation() as ICheckpointable
        ?? throw new NotSupportedException($"this network runs on {BackendDescription}, which cannot save or restore checkpoints yet");

    /// <summary>Compiles the network (done by the first <see cref="Run"/> if not called).</summary>
    public void Build() => Simulation();

    /// <summary>Runs for <paramref name="duration"/> seconds (rounded to whole steps).</summary>
    /// <param name="duration">Simulated time in seconds.</param>
    /// <param name="progress">Called about every 1% of the run and at its end.</param>
    public void Run(double duration, Action<RunProgress>? progress = null)
    {
        if (!(duration >= 0) || !double.IsFinite(duration))
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "the duration must be a finite number of seconds ≥ 0");
        Advance(Clock.StepOf(duration, Dt), progress);
    }

    /// <summary>Runs <paramref name="steps"/> steps on the executor, stopping at the end of each step a weight monitor samples
    /// to read it there: sampling is decided here once for every backend, which only has to run and read.</summary>
    private void Advance(long steps, Action<RunProgress>? progress)
    {
        var simulation = Simulation();
        if (_weightMonitors.Count == 0)
        {
            simulation.Run(steps, progress);
            return;
        }
        long done = 0, spikes = 0;
        while (done < steps)
        {
            long sampled = _weightMonitors.Min(m => m.NextDue(simulation.Step));
            long stretch = Math.Min(steps - done, sampled + 1 - simulation.Step);
            long offset = done, spikesBefore = spikes;
            simulation.Run(stretch, progress is null ? null : p =>
            {
                spikes = spikesBefore + p.Spikes;
                progress(new RunProgress(offset + p.StepsDone, steps, p.Time, spikes));
            });
            done += stretch;
            long last = simulation.Step - 1;
            foreach (var monitor in _weightMonitors)
                if (monitor.NextDue(last) == last)
                    monitor.Record(last, monitor.Projection is { } projection ? simulation.Read(projection, monitor.Variable) : RateSynapses(monitor.RateProjection!, simulation));
        }
    }

    /// <summary>A rate projection's current weights as synapses: (presynaptic, postsynaptic neuron, weight), row by row.</summary>
    private static (int[] Pre, int[] Post, double[] Values) RateSynapses(RateProjection r, ISimulationBackend simulation)
    {
        var values = simulation.ReadWeights(r);
        var (pre, post) = (new int[values.Length], new int[values.Length]);
        for (int row = 0, k = 0; row < r.Post.Count; row++)
        {
            int end = r.RowStart is { } rowStart ? rowStart[row + 1] : (row + 1) * r.Pre.Count;
            for (; k < end; k++)
            {
                post[k] = r.Post.Start + row;
                pre[k] = r.Pre.Start + (r.Columns is { } columns ? columns[k] : k - row * r.Pre.Count);
            }
        }
        return (pre, post, values);
    }

    /// <summary>
    /// Ends a presentation: every plastic rate projection whose rule learns once per presentation
    /// (<see cref="OuterProductRule.AtEndOfPresentation"/>) changes its weights once, from the state the last step left
    /// (over a batch, each instance's change reduced as the rule says); then every spiking projection whose normalisation
    /// is due at this presentation (<see cref="Projection.NormalisedTo"/>) is normalised. Rules applied every k steps are
    /// not affected. The training loop calls it after every presentation.
    /// </summary>
    public void EndPresentation()
    {
        var simulation = Simulation();
        Presentations++;
        simulation.EndPresentation(Presentations);
    }

    /// <summary>Presentations ended so far (<see cref="EndPresentation"/> calls since the build, kept by checkpoints): what
    /// normalisations every N presentations count.</summary>
    public long Presentations { get; internal set; }

    /// <summary>
    /// Runs until the watched variables have settled in every instance of the batch (the largest change of any watched
    /// value in one step is below <paramref name="tolerance"/>), or for <paramref name="maxDuration"/> seconds, whichever
    /// comes first; reports per instance whether and when it settled. An instance that settled keeps running with the
    /// others (a batch steps together); it only stops counting.
    /// </summary>
    /// <param name="tolerance">Largest change per step (in the variables' units) that counts as settled; positive.</param>
    /// <param name="maxDuration">Seconds after which the run stops settled or not; positive.</param>
    /// <param name="watch">The variables watched: a population and a variable, input or sub-expression of it.</param>
    public Settling RunUntilSettled(double tolerance, double maxDuration, params (Population Population, string Variable)[] watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        if (!(tolerance > 0) || !double.IsFinite(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the settle tolerance must be a positive, finite change per step");
        if (!(maxDuration > 0) || !double.IsFinite(maxDuration))
            throw new ArgumentOutOfRangeException(nameof(maxDuration), maxDuration, "the maximum time must be a positive, finite number of seconds");
        if (watch.Length == 0) throw new ArgumentException("name at least one (population, variable) to watch", nameof(watch));
        foreach (var (population, _) in watch)
            if (population.Network != this) throw new ArgumentException($"population '{population.Name}' belongs to another network", nameof(watch));

        var simulation = Simulation();
        long maxSteps = Math.Max(1, Clock.StepOf(maxDuration, Dt));
        var settledAfter = new long?[BatchSize];
        var largest = new double[BatchSize];
        var changes = simulation.TrackChanges(watch);
        long steps = 0;
        int unsettled = BatchSize;
        while (steps < maxSteps && unsettled > 0)
        {
            Advance(1, null);
            steps++;
            changes.Measure(largest);
            for (int b = 0; b < BatchSize; b++)
            {
                if (settledAfter[b] is null && largest[b] < tolerance)
                {
                    settledAfter[b] = steps;
                    unsettled--;
                }
            }
        }
        return new Settling(steps, settledAfter, largest);
    }

    internal void Invalidate(string what = "parameters and initial values") => EnsureNotBuilt(what);

    internal double[] Read(Population population, string variable) => Simulation().Read(population, variable);

    internal void Read(Population population, string variable, Span<double> into) => Simulation().Read(population, variable, into);

    /// <summary>Writes state now, or (before the network is built) once it is, so that setting inputs does not fix the
    /// backend and placement before the script's run chooses them.</summary>
    internal void Write(Population population, string variable, ReadOnlySpan<double> values)
    {
        if (_backend is null) _pendingWrites.Add((population, variable, values.ToArray()));
        else _backend.Write(population, variable, values);
    }

    internal (int[] Pre, int[] Post, double[] Values) Read(Projection projection, string variable) => Simulation().Read(projection, variable);

    internal double[] ReadWeights(RateProjection projection) => Simulation().ReadWeights(projection);

    /// <summary>The executor's counts once built (null before).</summary>
    internal ExecutionReport? Report => _backend?.Report;

    private ISimulationBackend Simulation()
    {
        if (_backend is not null) return _backend;
        _backend = Executors.Factory.Create(this);
        foreach (var (population, variable, values) in _pendingWrites) _backend.Write(population, variable, values);
        _pendingWrites.Clear();
        if (_recorders.Count > 0) RefuseRecordingUnlessFed();
        // Recordings asked for before the build write their header now that synapse counts are known.
        foreach (var recorder in _recorders.ToList()) StartRecording(recorder);
        return _backend;
    }

    /// <summary>A backend that cannot show recorders each step's state would leave an empty recording: refuse instead.</summary>
    private void RefuseRecordingUnlessFed()
    {
        if (_backend is not IStepState)
            throw new NotSupportedException($"this network runs on {BackendDescription}, which does not feed recorders (record on the CPU or OpenCL backend)");
    }

    private void StartRecording(Recorder recorder)
    {
        try
        {
            recorder.Start();
        }
        catch
        {
            _recorders.Remove(recorder);
            throw;
        }
    }

    private void EnsureNotBuilt(string what)
    {
        if (_backend is not null)
            throw new InvalidOperationException($"the network is already built (it has run); set {what} before the first Run or Build");
    }
}

/// <summary>A current source feeding a summed input of some neurons.</summary>
/// <param name="Target">Neurons fed.</param>
/// <param name="Input">Summed input name.</param>
/// <param name="Source">Time course.</param>
public sealed record Injection(PopulationSlice Target, string Input, CurrentSource Source);

/// <summary>How far a run has got.</summary>
/// <param name="StepsDone">Steps done in this run.</param>
/// <param name="StepsTotal">Steps this run will do.</param>
/// <param name="Time">Network time in seconds.</param>
/// <param name="Spikes">Spikes emitted in this run so far, all populations.</param>
public sealed record RunProgress(long StepsDone, long StepsTotal, double Time, long Spikes);

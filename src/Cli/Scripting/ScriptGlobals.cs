using System.Diagnostics;
using Dendra.Cli.Commands;
using Dendra.Cli.Reporting;
using Dendra.Learning.Datasets;
using Dendra.Learning.Learners;
using Dendra.Render.Activity;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Recording;
using Dendra.Simulator.Monitors;

namespace Dendra.Cli.Scripting;

/// <summary>
/// What a script run by <c>dendra run</c> sees besides its own code: <see cref="Param{T}"/> for values the
/// user can change with <c>--set name=value</c>, <see cref="Run"/> to simulate a network with the command
/// line's <c>--duration</c>, <c>--dt</c>, <c>--seed</c>, <c>--threads</c> and <c>--precision</c>, and the
/// script's <see cref="Args"/>.
/// </summary>
/// <example>
/// <code>
/// var n = Param("N", 4000);                 // dendra run net.csx --set N=8000
/// var tau = Param("tau_m", 20 * ms);         // --set tau_m=10ms
/// var net = new Network();
/// // ... populations and projections ...
/// Run(net, 1 * second);                      // --duration 200ms overrides the 1 s
/// </code>
/// </example>
public sealed class ScriptGlobals
{
    private readonly RunSettings _settings;
    private readonly ScriptParameters _parameters;
    private readonly RunReporter _reporter;
    private Recorder? _recorder;
    private Network? _recordedNetwork;
    private readonly HashSet<Network> _configured = [];

    internal ScriptGlobals(RunSettings settings, ScriptParameters parameters, RunReporter reporter)
    {
        _settings = settings;
        _parameters = parameters;
        _reporter = reporter;
        Args = [.. settings.ScriptArgs];
    }

    /// <summary>Called by <see cref="Run"/> on a network it is about to build, after the command-line settings are
    /// applied (used by <c>dendra compare</c> to apply a variant and add monitors); null for none.</summary>
    internal Action<Network>? BeforeBuild { get; set; }

    /// <summary>Called by <see cref="Run"/> after each simulation with the network, the build time and the run time
    /// in seconds (used by <c>dendra compare</c>); null for none.</summary>
    internal Action<Network, double, double>? AfterRun { get; set; }

    /// <summary>Called by <see cref="Learn"/> after each training run (used by <c>dendra compare</c> to compare
    /// learners); null for none.</summary>
    internal Action<LearnerRun>? AfterLearn { get; set; }

    /// <summary>Number of <see cref="Run"/> calls so far.</summary>
    internal int RunCalls { get; private set; }

    /// <summary>The command-line options that only <see cref="Run"/> applies, when given (empty when none).</summary>
    internal IReadOnlyList<string> NetworkOptionsGiven => NetworkOptionNames(includeDuration: true);

    /// <summary>Arguments given after the script on the command line (<c>dendra run net.csx a b</c> gives <c>["a", "b"]</c>).</summary>
#pragma warning disable CA1819 // An array is what scripts expect for Args, as in C# top-level programs.
    public string[] Args { get; }
#pragma warning restore CA1819

    /// <summary>True when <c>--quiet</c> was given: print only what matters.</summary>
    public bool Quiet => _settings.Quiet;

    /// <summary>
    /// The variant this run is (<c>dendra run --variant NAME</c>, or each name of <c>dendra compare --variants a,b</c>),
    /// null when none was asked for. A script that offers a fast approximation and the full dynamics builds one or the
    /// other by this name, and <c>dendra compare</c> measures how far they differ.
    /// </summary>
    public string? Variant => _settings.Variant;

    /// <summary>
    /// What a live window (<c>--view</c>) or rendered frames (<c>--mp4</c>, <c>--frames</c>) show: traces, receptive
    /// fields, weight histograms, grid layouts. Without those options it is not used.
    /// </summary>
    /// <example><code>View.Trace("P", "v", 0, 1).Grid("input", 28, 28).ReceptiveField("input->hidden", 28, 28);</code></example>
    public ViewOptions View { get; } = new();

    /// <summary>
    /// A value the user can set with <c>--set name=value</c>; <paramref name="defaultValue"/> otherwise.
    /// The type of the default decides how the text is read: <c>int</c>, <c>long</c>, <c>double</c> (with a unit
    /// allowed: <c>20ms</c>, <c>-65mV</c>, <c>1.62*mV</c>), <c>float</c>, <c>bool</c>, <c>string</c> or an enum.
    /// A <c>--set</c> name that the script never asks for is an error.
    /// </summary>
    /// <typeparam name="T">Type of the value.</typeparam>
    /// <param name="name">Parameter name, as written after <c>--set</c>.</param>
    /// <param name="defaultValue">Value when the parameter is not set.</param>
    public T Param<T>(string name, T defaultValue) => _parameters.Get(name, defaultValue);

    /// <summary>
    /// Progress of a training run in the CLI's style, for <c>trainer.Run(TrainingBar())</c>: a live bar on a terminal
    /// (epoch, samples/s, ETA, the latest metric), plain lines where the output is not one (a pipe, a log, <c>CI=true</c>),
    /// nothing with <c>--quiet</c>.
    /// </summary>
    public Action<Dendra.Learning.Training.TrainingProgress> TrainingBar() => _reporter.TrainingProgress();

    /// <summary>
    /// Simulates <paramref name="net"/> for <c>--duration</c> if given, else for <paramref name="defaultDuration"/>
    /// seconds, then prints spikes and mean rate per population and the wall time. Before the network is built,
    /// it applies <c>--dt</c>, <c>--seed</c>, <c>--precision</c> and <c>--threads</c> (those given).
    /// </summary>
    /// <param name="net">The network; build it here (do not call <c>net.Build()</c> or <c>net.Run</c> before).</param>
    /// <param name="defaultDuration">Simulated time in seconds when <c>--duration</c> is not given.</param>
    public void Run(Network net, double defaultDuration)
    {
        ArgumentNullException.ThrowIfNull(net);
        RunCalls++;
        var duration = _settings.Duration ?? defaultDuration;
        if (!(duration >= 0) || !double.IsFinite(duration))
            throw new ArgumentOutOfRangeException(nameof(defaultDuration), duration, "the duration must be a finite number of seconds ≥ 0");

        bool built = net.IsBuilt;
        if (!built) Configure(net);
        else if (_configured.Add(net) && AnyNetworkSetting())
            throw new InvalidOperationException(
                $"{NetworkSettingNames()} cannot be applied: the network was built before Run(net, ...) was called; let Run build it (remove net.Build() / net.Run(...) before it)");

        StartRecording(net);
        var summary = _settings.Display is { } display
            ? ViewedRun.Execute(net, duration, display, View, _reporter, Console.Error)
            : ReportedRun.Execute(net, duration, _reporter);
        AfterRun?.Invoke(net, summary.BuildWallSeconds, summary.RunWallSeconds);
    }

    /// <summary>
    /// Trains <paramref name="learner"/> on <paramref name="train"/> (<see cref="LearnerTraining.Run"/>: weights drawn
    /// from the seed, then epochs of seeded minibatches), measuring its metric on <paramref name="evaluation"/> at the
    /// schedule's cadence (every N epochs or samples), and prints one line per epoch unless <c>--quiet</c> or
    /// <paramref name="afterEpoch"/> is given. <c>--seed</c>, when given, replaces the
    /// schedule's seed, so that <c>dendra compare --variants a,b</c> trains every variant's learner from the same
    /// initial weights in the same order and compares their learning curves, wall times and learned weights.
    /// <paramref name="afterEpoch"/>, when given, is told each epoch (its wall time, metric and what the learner observed),
    /// even with <c>--quiet</c>: a script prints its own progress lines with it. With <c>--view</c>, <c>--frames</c> or
    /// <c>--mp4</c> the learner's receptive fields are shown as they form; with <c>--record FILE</c> its weights and
    /// per-epoch metrics are recorded for <c>dendra replay</c> (<see cref="LearnerRecording"/>).
    /// </summary>
    public LearnerRun Learn(Learner learner, LabeledSet train, LabeledSet evaluation, LearnerSchedule? schedule = null, Action<LearnerEpoch>? afterEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(learner);
        LearnCalls++;
        schedule ??= new LearnerSchedule();
        if (_settings.Seed is { } seed) schedule = schedule with { Seed = unchecked((int)seed) };
        var clock = Stopwatch.StartNew();
        using var recording = StartRecording(schedule.Seed);
        LearnerRun Train(IReadOnlyList<ILearnerWatcher> watchers) => LearnerTraining.Run(learner, train, evaluation, schedule, epoch =>
        {
            // A script that reports its epochs itself (afterEpoch) is not interrupted by this line; a metric the learner
            // does not measure (NaN) is left out rather than printed.
            if (afterEpoch is null && !Quiet)
            {
                string metric = double.IsNaN(epoch.Metric) ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $": {learner.Metric} = {epoch.Metric:0.####}");
                Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{learner.Name} epoch {epoch.Epoch}{metric} ({clock.Elapsed.TotalSeconds:0.00} s)"));
            }
            afterEpoch?.Invoke(epoch);
        }, watchers);
        IReadOnlyList<ILearnerWatcher> recorded = recording is null ? [] : [recording];
        if (_settings.Display is { FrameIntervalGiven: true })
            Console.Error.WriteLine("warning: --frame-interval had no effect on Learn(...): a learner's frames come at fixed minibatches (about 200 a run), not at simulated times");
        var run = _settings.Display is { } display
            ? ViewedLearning.Execute(learner, display, View, Console.Error, recorded, Train)
            : Train(recorded);
        if (recording is not null && !Quiet)
            Console.Error.WriteLine($"recorded {recording.Snapshots} weight snapshots (every {recording.Every} minibatches) to {_settings.RecordPath}");
        AfterLearn?.Invoke(run);
        return run;
    }

    /// <summary>Number of <see cref="Learn"/> calls so far.</summary>
    internal int LearnCalls { get; private set; }

    /// <summary>With <c>--record</c>: a recording of this training run's weights and metrics; null without.</summary>
    private LearnerRecording? StartRecording(int seed)
    {
        if (_settings.RecordPath is not { } path) return null;
        if (_settings.RecordWeightsInterval is not null)
            throw new UsageException("--record-weights sets the simulated time between snapshots of a network's weights; a learner's recording snapshots its weights about 200 times a run by itself: leave the option out");
        if (_recorder is not null || _recordedLearner)
            throw new UsageException("--record records one run, but the script trains or runs a second one; record only the first, or call Learn once");
        _recordedLearner = true;
        return new LearnerRecording(path, seed);
    }

    private bool _recordedLearner;

    /// <summary>With <c>--record</c>: records the first network run from its first step on.</summary>
    private void StartRecording(Network net)
    {
        if (_settings.RecordPath is not { } path) return;
        if (_recordedLearner) throw new UsageException("--record records one run, but the script runs a network after training a learner; record only the first");
        if (_recorder is not null)
        {
            if (_recordedNetwork != net) throw new UsageException("--record records one network, but the script runs a second one; record it from the script with net.RecordTo(path)");
            return;
        }
        var what = RecordingSelection.Default(net);
        if (_settings.RecordWeightsInterval is { } interval) WeightSnapshots.Add(what, net, interval);
        _recordedNetwork = net;
        _recorder = net.RecordTo(path, what);
    }

    /// <summary>Closes the <c>--record</c> file (writes its index footer); called when the script ends, however it ends.</summary>
    internal void FinishRecording()
    {
        _recorder?.Dispose();
        _recorder = null;
    }

    private void Configure(Network net)
    {
        _configured.Add(net);
        if (_settings.Dt is { } dt) net.Dt = dt;
        if (_settings.Seed is { } seed) net.Seed = seed;
        if (_settings.Precision is { } precision) net.Precision = precision;
        if (_settings.Threads is { } threads) net.Threads = threads;
        if (_settings.Backend is { } backend) net.Backend = backend;
        if (_settings.Device is { } device) net.Device = device;
        BeforeBuild?.Invoke(net);
    }

    private bool AnyNetworkSetting() =>
        _settings.Dt is not null || _settings.Seed is not null || _settings.Precision is not null || _settings.Threads is not null
        || _settings.Backend is not null || _settings.Device is not null;

    private string NetworkSettingNames() => string.Join(", ", NetworkOptionNames(includeDuration: false));

    private List<string> NetworkOptionNames(bool includeDuration)
    {
        var names = new List<string>();
        if (includeDuration && _settings.Duration is not null) names.Add("--duration");
        if (_settings.Dt is not null) names.Add("--dt");
        if (_settings.Seed is not null) names.Add("--seed");
        if (_settings.Precision is not null) names.Add("--precision");
        if (_settings.Threads is not null) names.Add("--threads");
        if (_settings.Backend is not null) names.Add("--backend");
        if (_settings.Device is not null) names.Add("--device");
        return names;
    }
}

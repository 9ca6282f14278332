using System.Diagnostics;
using Dendra.Render.Activity;
using Dendra.Simulator.Graph;

namespace Dendra.Render.Live;

/// <summary>
/// Runs a network on a thread of its own in short stretches and, when the renderer has taken the last snapshot,
/// publishes a new one by swapping a reference — the renderer never holds up the simulation and the simulation never
/// waits for a frame. The renderer pauses, single-steps, limits the speed or stops the run through this object.
/// </summary>
internal sealed class SimulationDriver
{
    /// <summary>Wall time one stretch of simulation aims at, so that control and snapshots stay responsive.</summary>
    private static readonly TimeSpan StretchTarget = TimeSpan.FromMilliseconds(10);

    private readonly Network _network;
    private readonly ActivityFeed _feed;
    private readonly long _totalSteps;
    private readonly ManualResetEventSlim _wake = new(false);
    private ActivitySnapshot? _latest;
    private int _snapshotWanted = 1;
    private volatile bool _paused;
    private volatile bool _stop;
    private int _stepRequests;
    private double _speedLimit = double.PositiveInfinity;
    private long _spikes;
    private readonly int _framesPerSecond;
    private readonly Stopwatch _weightsClock = new();
    private ActivitySnapshot? _lastWithWeights;

    /// <summary>Weights are copied out at most this often: reading a large projection costs a pass over its synapses.</summary>
    private static readonly TimeSpan WeightsInterval = TimeSpan.FromMilliseconds(250);

    public SimulationDriver(Network network, ActivityFeed feed, double duration, int framesPerSecond)
    {
        _framesPerSecond = framesPerSecond;
        _network = network;
        _feed = feed;
        _totalSteps = Clock.StepOf(duration, network.Dt);
    }

    /// <summary>Steps run so far by this driver.</summary>
    public long StepsDone { get; private set; }

    /// <summary>True once every step has run or the run was stopped.</summary>
    public bool Finished { get; private set; }

    /// <summary>The error that ended the run, if any.</summary>
    public Exception? Error { get; private set; }

    /// <summary>True while paused.</summary>
    public bool Paused => _paused;

    /// <summary>Simulated seconds per wall second allowed; infinity for as fast as possible.</summary>
    public double SpeedLimit => Volatile.Read(ref _speedLimit);

    /// <summary>Times the simulation thread found the previous snapshot not yet taken and simply went on (it never waits).</summary>
    public long SnapshotsSkipped { get; private set; }

    /// <summary>Snapshots published.</summary>
    public long SnapshotsPublished { get; private set; }

    /// <summary>Wall time spent simulating (excluding pauses and speed-limit sleeps).</summary>
    public TimeSpan SimulationTime { get; private set; }

    /// <summary>
    /// Wall time the simulation thread spent on the renderer's behalf between stretches: moving what the view's
    /// monitors caught into its windows and copying a snapshot for the renderer. The run is that much longer than
    /// <see cref="SimulationTime"/> alone; pauses are not counted.
    /// </summary>
    public TimeSpan RendererTime { get; private set; }

    /// <summary>Takes the newest snapshot (null when none is new since the last call) and asks for the next one.</summary>
    public ActivitySnapshot? TakeSnapshot()
    {
        var snapshot = Interlocked.Exchange(ref _latest, null);
        Volatile.Write(ref _snapshotWanted, 1);
        return snapshot;
    }

    /// <summary>Pauses or resumes.</summary>
    public void TogglePause()
    {
        _paused = !_paused;
        _wake.Set();
    }

    /// <summary>Runs one step (pausing first if running).</summary>
    public void StepOnce()
    {
        _paused = true;
        Interlocked.Increment(ref _stepRequests);
        _wake.Set();
    }

    /// <summary>Doubles (or halves) the speed limit; above 64× real time it lifts, below 1/64× it stays.</summary>
    public void ChangeSpeed(bool faster)
    {
        double limit = SpeedLimit;
        double next = faster
            ? (double.IsPositiveInfinity(limit) || limit >= 64 ? double.PositiveInfinity : limit * 2)
            : (double.IsPositiveInfinity(limit) ? 1 : Math.Max(1.0 / 64, limit / 2));
        Volatile.Write(ref _speedLimit, next);
        _wake.Set();
    }

    /// <summary>Stops the run after the current stretch.</summary>
    public void Stop()
    {
        _stop = true;
        _wake.Set();
    }

    /// <summary>The run itself; call on the simulation thread.</summary>
    public void Run()
    {
        try
        {
            long stretch = 1;
            var limiter = Stopwatch.StartNew();
            double limitedSimulated = 0;
            while (StepsDone < _totalSteps && !_stop)
            {
                long steps;
                if (_paused)
                {
                    if (Volatile.Read(ref _stepRequests) <= 0)
                    {
                        Publish(force: true);
                        _wake.Wait(TimeSpan.FromMilliseconds(50));
                        _wake.Reset();
                        limiter.Restart();
                        limitedSimulated = 0;
                        continue;
                    }
                    Interlocked.Decrement(ref _stepRequests);
                    steps = 1;
                }
                else
                {
                    steps = Math.Min(stretch, _totalSteps - StepsDone);
                    // Under a speed limit, a stretch covers at most one display frame of simulated time, so that each
                    // frame shows new activity instead of a burst followed by a long sleep.
                    double limit = SpeedLimit;
                    if (!double.IsPositiveInfinity(limit))
                        steps = Math.Max(1, Math.Min(steps, (long)(limit / _framesPerSecond / _network.Dt)));
                }

                long before = _network.Populations.Sum(p => p.SpikeCount);
                var clock = Stopwatch.StartNew();
                _network.Run(steps * _network.Dt);
                clock.Stop();
                SimulationTime += clock.Elapsed;
                _spikes += _network.Populations.Sum(p => p.SpikeCount) - before;
                StepsDone += steps;
                long feedStart = Stopwatch.GetTimestamp();
                _feed.Collect();
                Publish(force: _paused);
                RendererTime += Stopwatch.GetElapsedTime(feedStart);

                // Aim each stretch at ~10 ms of wall time.
                if (!_paused)
                    stretch = Math.Clamp(clock.Elapsed > TimeSpan.Zero ? (long)(steps * StretchTarget.TotalSeconds / clock.Elapsed.TotalSeconds) : stretch * 2, 1, Math.Max(1, stretch * 4));

                double speedLimit = SpeedLimit;
                if (!double.IsPositiveInfinity(speedLimit) && !_paused)
                {
                    limitedSimulated += steps * _network.Dt;
                    var ahead = TimeSpan.FromSeconds(limitedSimulated / speedLimit) - limiter.Elapsed;
                    if (ahead > TimeSpan.Zero)
                    {
                        _wake.Wait(ahead);
                        _wake.Reset();
                    }
                }
                else
                {
                    limiter.Restart();
                    limitedSimulated = 0;
                }
            }
        }
#pragma warning disable CA1031 // The error is handed to the thread that started the run.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Error = e;
        }
        finally
        {
            Finished = true;
            Publish(force: true);
        }
    }

    private void Publish(bool force)
    {
        if (!force && Volatile.Read(ref _snapshotWanted) == 0)
        {
            SnapshotsSkipped++;
            return;
        }
        Volatile.Write(ref _snapshotWanted, 0);
        double wall = SimulationTime.TotalSeconds;
        var status = new RunStatus(_network.Time, wall > 0 ? StepsDone * _network.Dt / wall : double.NaN, wall > 0 ? _spikes / wall : double.NaN, _network.BackendDescription, _paused, Finished);
        ActivitySnapshot snapshot;
        if (_lastWithWeights is null || _weightsClock.Elapsed >= WeightsInterval || Finished)
        {
            snapshot = _lastWithWeights = _feed.Snapshot(status, withWeights: true);
            _weightsClock.Restart();
        }
        else
        {
            snapshot = _feed.Snapshot(status, withWeights: false) with { Fields = _lastWithWeights.Fields, Weights = _lastWithWeights.Weights };
        }
        Volatile.Write(ref _latest, snapshot);
        SnapshotsPublished++;
    }
}

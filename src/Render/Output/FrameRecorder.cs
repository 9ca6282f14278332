using System.Diagnostics;
using Dendra.Render.Activity;
using Dendra.Render.Views;
using Dendra.Simulator.Graph;

namespace Dendra.Render.Output;

/// <summary>
/// Runs a network and renders it offscreen at fixed steps of simulated time — one frame per
/// <see cref="FrameInterval"/> — into PNG files or a video. Frames depend only on the simulation, never on how fast
/// the machine is, so the same run gives the same frames.
/// </summary>
public sealed class FrameRecorder
{
    private readonly Network _network;
    private readonly ViewOptions _options;
    private readonly ActivityFeed _feed;

    /// <summary>Attaches to <paramref name="network"/> (not built yet).</summary>
    public FrameRecorder(Network network, ViewOptions options, double frameInterval = 0.01)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(frameInterval > 0)) throw new ArgumentOutOfRangeException(nameof(frameInterval), frameInterval, "frames need a positive interval of simulated time");
        _network = network;
        _options = options ?? new ViewOptions();
        _feed = new ActivityFeed(network, _options);
        FrameInterval = frameInterval;
    }

    /// <summary>Simulated seconds between frames.</summary>
    public double FrameInterval { get; }

    /// <summary>Runs for <paramref name="duration"/> simulated seconds, writing a frame into <paramref name="sink"/> after each interval.</summary>
    /// <param name="duration">Simulated time.</param>
    /// <param name="sink">Where frames go.</param>
    /// <param name="progress">Called on this thread with progress over the whole duration.</param>
    /// <returns>The number of frames written.</returns>
    public int Run(double duration, IFrameSink sink, Action<RunProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        long totalSteps = Clock.StepOf(duration, _network.Dt);
        long frameSteps = Math.Max(1, (long)Math.Round(FrameInterval / _network.Dt));
        using var renderer = new OffscreenRenderer(_options.Width, _options.Height);
        var layout = new Layout(_feed.Views(), columns: 2);
        var simulationClock = new Stopwatch();
        long done = 0, spikes = 0, firstStep = _network.Step;
        int frames = 0;
        while (done < totalSteps)
        {
            long steps = Math.Min(frameSteps, totalSteps - done);
            long before = _network.Populations.Sum(p => p.SpikeCount);
            simulationClock.Start();
            long offset = done;
            _network.Run(steps * _network.Dt, progress is null ? null : p => progress(p with { StepsDone = offset + p.StepsDone, StepsTotal = totalSteps, Spikes = spikes + p.Spikes }));
            simulationClock.Stop();
            spikes += _network.Populations.Sum(p => p.SpikeCount) - before;
            done += steps;
            _feed.Collect();
            double wall = simulationClock.Elapsed.TotalSeconds;
            var status = new RunStatus(_network.Time, wall > 0 ? (_network.Step - firstStep) * _network.Dt / wall : double.NaN, wall > 0 ? spikes / wall : double.NaN, $"{_network.BackendDescription}, offscreen");
            sink.Write(renderer.Render(_feed.Snapshot(status), layout));
            frames++;
        }
        return frames;
    }
}

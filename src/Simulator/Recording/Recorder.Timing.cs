using System.Diagnostics;

namespace Dendra.Simulator.Recording;

/// <summary>Where a recording's time goes, measured inside one run so that other programs on the machine do not blur it.</summary>
public sealed partial class Recorder
{
    private long _simulationThreadTicks;

    /// <summary>
    /// Time the simulation thread spent in this recorder: collecting spikes, rates and samples each step, packing
    /// chunks and handing them to the writer (waiting there too when its queue was full). Every step is that much
    /// longer, so this divided by the run's stepping time is the recording's share of it.
    /// </summary>
    public TimeSpan SimulationThreadTime => Stopwatch.GetElapsedTime(0, _simulationThreadTicks);

    /// <summary>Time the background writer thread spent serializing, compressing and writing chunks: work that competes
    /// with the simulation for cores only when there are fewer cores than threads.</summary>
    public TimeSpan WriterTime => _started ? _writer.BusyTime : TimeSpan.Zero;
}

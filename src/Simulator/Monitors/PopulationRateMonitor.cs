using Dendra.Simulator.Graph;

namespace Dendra.Simulator.Monitors;

/// <summary>The instantaneous population rate, spikes / (N·dt) in Hz, every step.</summary>
public sealed class PopulationRateMonitor
{
    private readonly List<long> _steps = [];
    private readonly List<int> _counts = [];

    internal PopulationRateMonitor(Population population) => Population = population;

    /// <summary>The monitored population.</summary>
    public Population Population { get; }

    /// <summary>Number of samples (steps).</summary>
    public int Count => _steps.Count;

    /// <summary>Time of each sample in seconds.</summary>
    public double[] Times => _steps.Select(s => s * Population.Network.Dt).ToArray();

    /// <summary>Rate in Hz at each step.</summary>
    public double[] Rates => _counts.Select(c => c / (Population.Size * Population.Network.Dt)).ToArray();

    /// <summary>Rate averaged in bins of <paramref name="binSeconds"/>.</summary>
    public double[] Smoothed(double binSeconds)
    {
        int per = Math.Max(1, (int)Math.Round(binSeconds / Population.Network.Dt));
        var result = new double[(_counts.Count + per - 1) / per];
        for (int k = 0; k < _counts.Count; k++) result[k / per] += _counts[k];
        return result.Select(c => c / (Population.Size * per * Population.Network.Dt)).ToArray();
    }

    internal void Record(long step, int spikes)
    {
        _steps.Add(step);
        _counts.Add(spikes);
    }
}

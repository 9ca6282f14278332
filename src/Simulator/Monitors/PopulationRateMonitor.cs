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

    /// <summary>Steps in each bin of <see cref="Smoothed"/> for <paramref name="binSeconds"/>: whole bins of
    /// <see cref="Clock.StepOf"/>(binSeconds) steps (at least one), and a last bin holding whatever steps remain.</summary>
    public int[] BinSteps(double binSeconds)
    {
        int per = (int)Math.Max(1, Clock.StepOf(binSeconds, Population.Network.Dt));
        return Enumerable.Range(0, (_counts.Count + per - 1) / per).Select(b => Math.Min(per, _counts.Count - b * per)).ToArray();
    }

    /// <summary>Rate averaged in bins of <paramref name="binSeconds"/>; each bin is divided by the time it covers, so a last
    /// bin cut short by the end of the run reads the rate of its own steps (see <see cref="BinSteps"/>).</summary>
    public double[] Smoothed(double binSeconds)
    {
        var steps = BinSteps(binSeconds);
        int per = steps.Length == 0 ? 1 : steps[0];
        var result = new double[steps.Length];
        for (int k = 0; k < _counts.Count; k++) result[k / per] += _counts[k];
        return result.Select((c, b) => c / (Population.Size * steps[b] * Population.Network.Dt)).ToArray();
    }

    internal void Record(long step, int spikes)
    {
        _steps.Add(step);
        _counts.Add(spikes);
    }
}

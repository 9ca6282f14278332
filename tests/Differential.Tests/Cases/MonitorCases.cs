using Dendra.Differential.Tests.Framework;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Differential.Tests.Cases;

/// <summary>Population rates: spikes/(N·dt) per step, and averages over bins of steps.</summary>
internal static class MonitorCases
{
    public static IEnumerable<DifferentialCase> All =>
    [
        RateInBinsWithAPartialLastBin,
    ];

    /// <summary>
    /// 250 steps in bins of 40: the last bin holds 10 steps, and its rate is the mean over those 10 (Brian2's side
    /// averages its PopulationRateMonitor's per-step rates bin by bin).
    /// </summary>
    private static DifferentialCase RateInBinsWithAPartialLastBin => new("monitors.rate_in_bins_with_a_partial_last_bin")
    {
        Steps = 250,
        Dendra = net => net.AddPopulation("G", 4, new NeuronModel("LIF", "dv/dt = (El + drive - v)/tau")
                .WithParameter("El", -65 * mV).WithParameter("tau", 5 * ms).WithParameter("drive", 0)
                .WithThreshold("v > -50*mV").WithReset("v = El").WithInitial("v", "El").WithMethod(Integrator.Exact))
            .Set("drive", "20*mV + 8*mV*i"),
        Brian = """
            El = -65*mV
            tau = 5*ms
            G = NeuronGroup(4, '''dv/dt = (El + drive - v)/tau : volt
                                  drive : volt (constant)''',
                            threshold='v > -50*mV', reset='v = El', method='exact')
            G.drive = '20*mV + 8*mV*i'
            G.v = 'El'
            """,
        Spikes = ["G"],
        Rates = [new("G", 40)],
    };
}

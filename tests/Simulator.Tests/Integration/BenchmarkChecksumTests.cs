using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Monitors;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Integration;

/// <summary>
/// A whole-network regression pin: the spikes of the CUBA, COBA, COBAHH and Izhikevich networks for 200 ms, hashed, on the
/// CPU in float32 and float64 and on OpenCL in float64. The expected hashes were taken on the code before the
/// "no silent wrong answers" fixes (issue 12), none of which applies to these networks, so any change here is a change of
/// results that some fix or refactoring did not mean to make. A hash only says "same" or "different": when one changes on
/// purpose, say why in the commit and take the new value from the failure message.
/// </summary>
public class BenchmarkChecksumTests
{
    private static readonly Dictionary<string, ulong> Expected = new()
    {
        ["CUBA cpu Single"] = 850857442280486323,
        ["CUBA cpu Double"] = 10931696470562924072,
        ["CUBA opencl Double"] = 10931696470562924072,
        ["COBA cpu Single"] = 3198024579592285418,
        ["COBA cpu Double"] = 4267927486938039899,
        ["COBA opencl Double"] = 4267927486938039899,
        ["COBAHH cpu Single"] = 11258265338798432660,
        ["COBAHH cpu Double"] = 3484101954314484599,
        ["COBAHH opencl Double"] = 3484101954314484599,
        ["Izhikevich cpu Single"] = 11489265494929190974,
        ["Izhikevich cpu Double"] = 3057753151760768215,
        ["Izhikevich opencl Double"] = 3057753151760768215,
        ["NoisyIzhikevich cpu Single"] = 3895434766691596058,
        ["NoisyIzhikevich cpu Double"] = 3895434766691596058,
    };

    public static TheoryData<string> Cases => new(Expected.Keys);

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Spikes_are_unchanged(string name)
    {
        var parts = name.Split(' ');
        if (parts[1] == "opencl") OpenClDriver.Require();
        var precision = Enum.Parse<Precision>(parts[2]);
        var (net, monitors) = parts[0] switch
        {
            "Izhikevich" => Izhikevich(precision),
            "NoisyIzhikevich" => NoisyIzhikevich(precision),
            var network => Brette(network.ToLowerInvariant(), precision),
        };
        net.Backend = parts[1] == "opencl" ? Backend.OpenCl : Backend.Cpu;
        net.Run(200 * ms);
        ulong hash = 14695981039346656037;
        long spikes = 0;
        foreach (var m in monitors)
        {
            spikes += m.Count;
            for (int k = 0; k < m.Count; k++)
                hash = Mix(Mix(hash, (ulong)m.Steps[k]), (ulong)m.Neurons[k]);
        }
        Assert.True(spikes > 100, $"{name}: only {spikes} spikes, too few to pin anything");
        Assert.True(Expected[name] == hash, $"{name}: {spikes} spikes hash to {hash}, expected {Expected[name]}");
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        for (int b = 0; b < 8; b++) hash = (hash ^ ((value >> (8 * b)) & 0xff)) * 1099511628211;
        return hash;
    }

    private static (Network, SpikeMonitor[]) Brette(string name, Precision precision)
    {
        var net = new Network(0.1 * ms, precision, seed: 1);
        var p = Brette2007.Build(net, name);
        return (net, [net.MonitorSpikes(p)]);
    }

    private static (Network, SpikeMonitor[]) Izhikevich(Precision precision)
    {
        // The pulse-coupled network of the OpenCL equivalence tests: RS and FS cells, Poisson drive, random delays.
        var net = new Network(0.1 * ms, precision, seed: 3);
        var e = net.AddPopulation("E", 800, Dendra.Neurons.Izhikevich.Create(IzhikevichType.RS));
        var i = net.AddPopulation("I", 200, Dendra.Neurons.Izhikevich.Create(IzhikevichType.FS));
        var drive = net.AddPoisson("thalamus", 1000, 100 * Hz);
        net.Connect(drive.Slice(0, 800), e, "v", Connectivity.OneToOne(), 8 * mV);
        net.Connect(drive.Slice(800, 200), i, "v", Connectivity.OneToOne(), 8 * mV);
        foreach (var target in new[] { e, i })
        {
            net.Connect(e, target, "v", Connectivity.FixedProbability(0.05), "0.5*mV*rand()", "rand()*2*ms");
            net.Connect(i, target, "v", Connectivity.FixedProbability(0.05), "-1*mV*rand()", "rand()*2*ms");
        }
        return (net, [net.MonitorSpikes(e), net.MonitorSpikes(i)]);
    }

    private static (Network, SpikeMonitor[]) NoisyIzhikevich(Precision precision)
    {
        // examples/izhikevich.csx: noise drawn with randn() inside the equation, integrated by Euler.
        var model = new Models.NeuronModel("Izhikevich-noise", """
            dv/dt = (0.04*v^2/mV + 5*v + 140*mV - u + sigma*sqrt(ms/dt)*randn()*mV)/ms
            du/dt = a*(b*v - u)/ms
            """)
            .WithParameter("a", 0.02).WithParameter("b", 0.2).WithParameter("c", -65 * mV).WithParameter("d", 8 * mV).WithParameter("sigma", 5)
            .WithThreshold("v >= 30*mV").WithReset("v = c; u += d")
            .WithInitial("v", -65 * mV).WithInitial("u", "b*v")
            .WithMethod(Models.Integrator.Euler);
        var net = new Network(0.1 * ms, precision, seed: 4);
        var p = net.AddPopulation("P", 1000, model);
        net.Connect(p.Slice(0, 800), p, "v", Connectivity.AllToAll(), weight: "0.5*rand()*mV");
        net.Connect(p.Slice(800, 200), p, "v", Connectivity.AllToAll(), weight: "-rand()*mV");
        return (net, [net.MonitorSpikes(p)]);
    }
}

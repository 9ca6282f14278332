using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Graph;

/// <summary>Projection names are unique: recordings, views, messages and the OpenCL kernels' names find projections by them.</summary>
public class ProjectionNameTests
{
    [Fact]
    public void Projections_between_the_same_populations_get_numbered_default_names()
    {
        var net = new Network(0.1 * ms);
        var a = net.AddPopulation("a", 2, new NeuronModel("Counter", "").WithState("x"));
        var b = net.AddPopulation("b", 2, new NeuronModel("Counter", "").WithState("x"));
        var names = Enumerable.Range(0, 3).Select(_ => net.Connect(a, b, "x", Connectivity.OneToOne(), 1.0).Name).ToList();
        var other = net.Connect(b, a, "x", Connectivity.OneToOne(), 1.0);

        Assert.Equal(["a→b", "a→b (2)", "a→b (3)"], names);
        Assert.Equal("b→a", other.Name);
    }

    [Fact]
    public void A_name_already_taken_is_refused_with_the_name()
    {
        var net = new Network(0.1 * ms);
        var a = net.AddPopulation("a", 2, new NeuronModel("Counter", "").WithState("x"));
        net.Connect(a, a, "x", Connectivity.OneToOne(), 1.0, name: "recurrent");
        net.Connect(a, a, "x", Connectivity.OneToOne(), 1.0);

        var taken = Assert.Throws<ArgumentException>(() => net.Connect(a, a, "x", Connectivity.OneToOne(), 1.0, name: "recurrent"));
        Assert.Contains("already a projection named 'recurrent'", taken.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => net.Connect(a, a, "x", Connectivity.OneToOne(), 1.0, name: "a→a"));
        Assert.Equal(2, net.Projections.Count);
    }
}

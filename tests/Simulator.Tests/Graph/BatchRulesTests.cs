using Dendra.Neurons;
using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Graph;

/// <summary>What a batched network refuses, and how writing state checks its input: each with a message that says what to change.</summary>
public class BatchRulesTests
{
    private static Network Batched(int batch = 3) => new(0.1 * ms, Precision.Double) { BatchSize = batch };

    [Fact]
    public void A_spiking_population_in_a_batch_is_refused_before_anything_is_built()
    {
        var net = Batched();
        net.AddPopulation("rates", 4, RateNeuron.Create());
        net.AddPopulation("cells", 4, Lif.CurrentBased());
        var e = Assert.Throws<ModelException>(net.Build);
        Assert.Contains("population 'cells' spikes", e.Message);
        Assert.Contains("BatchSize = 1", e.Message);
        Assert.False(net.IsBuilt);
    }

    [Fact]
    public void Spike_sources_spiking_projections_spike_monitors_and_recordings_are_refused_in_a_batch()
    {
        var sources = Batched();
        sources.AddPoisson("noise", 3, Init.Of(10));
        Assert.Contains("population 'noise' spikes", Assert.Throws<ModelException>(sources.Build).Message);

        var projection = Batched();
        var a = projection.AddPopulation("a", 3, RateNeuron.Create());
        var b = projection.AddPopulation("b", 3, RateNeuron.Create());
        projection.Connect(a, b, "h", Connectivity.OneToOne(), 1.0, name: "a→b");
        Assert.Contains("projection 'a→b' carries spikes", Assert.Throws<NotSupportedException>(projection.Build).Message);

        var monitor = Batched();
        monitor.MonitorRate(monitor.AddPopulation("a", 3, RateNeuron.Create()));
        Assert.Contains("nothing to record", Assert.Throws<NotSupportedException>(monitor.Build).Message);

        // Recordings are refused when asked for, whichever of the two is set first.
        var recorded = Batched();
        recorded.AddPopulation("a", 3, RateNeuron.Create());
        string path = Path.Combine(Path.GetTempPath(), $"dendra-batch-{Guid.NewGuid():N}.dnr");
        Assert.Contains("MonitorState(..., instance: k)", Assert.Throws<NotSupportedException>(() => recorded.RecordTo(path)).Message);
        Assert.False(File.Exists(path));
        var later = new Network();
        later.AddPopulation("a", 3, RateNeuron.Create());
        using (later.RecordTo(path))
            Assert.Contains("cannot be recorded", Assert.Throws<NotSupportedException>(() => later.BatchSize = 2).Message);
        File.Delete(path);
    }

    [Fact]
    public void A_monitor_of_an_instance_the_batch_does_not_have_is_refused()
    {
        var net = Batched(2);
        var a = net.AddPopulation("a", 3, RateNeuron.Create());
        net.MonitorState(a, "h", [0], instance: 2);
        var e = Assert.Throws<InvalidOperationException>(net.Build);
        Assert.Contains("samples instance 2, but the network runs 2 instance(s)", e.Message);
    }

    [Fact]
    public void A_batch_too_large_for_one_array_is_refused_before_anything_is_allocated()
    {
        var net = Batched(40_000);
        net.AddPopulation("hidden", 70_000, RateNeuron.Create());
        var e = Assert.Throws<InvalidOperationException>(net.Build);
        Assert.Contains("population 'hidden' has 70,000 neurons in each of 40,000 instances", e.Message);
        Assert.Contains("use a smaller batch", e.Message);
    }

    [SkippableFact]
    public void Backend_auto_takes_a_whole_batch_to_the_device_rather_than_split_it()
    {
        OpenClDriver.Require();
        var net = Batched(2);
        net.Backend = Backend.Auto;
        var large = net.AddPopulation("large", Network.AutoOpenClSize, RateNeuron.Create());
        net.AddPopulation("small", 10, RateNeuron.Create());
        net.ConnectRateSparse(large.Slice(0, 10), net.Populations[1], "r", "I", Enumerable.Range(0, 11).ToArray(), Enumerable.Range(0, 10).ToArray(), Enumerable.Repeat(0.5, 10).ToArray());
        net.Build();
        Assert.StartsWith("opencl", net.BackendDescription);
    }

    [Fact]
    public void The_batch_size_must_be_positive_and_is_fixed_once_built()
    {
        var net = new Network();
        Assert.Throws<ArgumentOutOfRangeException>(() => net.BatchSize = 0);
        net.AddPopulation("a", 2, RateNeuron.Create());
        net.Build();
        Assert.Contains("BatchSize", Assert.Throws<InvalidOperationException>(() => net.BatchSize = 2).Message);
    }

    [Fact]
    public void Setting_state_checks_the_variable_the_count_and_the_values()
    {
        var net = Batched(2);
        var input = net.AddPopulation("pixels", 3, RateNeuron.Input());
        Assert.Contains("no state variable 'x'", Assert.Throws<ModelException>(() => input.SetState("x", [1, 2, 3])).Message);
        var count = Assert.Throws<ArgumentException>(() => input.SetState("r", [1, 2, 3, 4]));
        Assert.Contains("give 3 values (the same for every instance) or 6, not 4", count.Message);
        var nan = Assert.Throws<ModelException>(() => input.SetState("r", [1, double.NaN, 3]));
        Assert.Contains("cannot be set to NaN (element 1)", nan.Message);
        input.SetState("r", [1, 2, 3, 4, 5, 6]);
        Assert.Equal([4.0, 5, 6], input.Get("r", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => input.Get("r", 2));
    }
}

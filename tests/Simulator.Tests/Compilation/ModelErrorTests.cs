using Dendra.Simulator.Graph;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Compilation;

/// <summary>Every error a user can make in a model names the model, the equation and, where there is one, the position.</summary>
public class ModelErrorTests
{
    private static void Build(NeuronModel model, Action<Population>? configure = null)
    {
        var net = new Network();
        var p = net.AddPopulation("cells", 3, model);
        configure?.Invoke(p);
        net.Build();
    }

    [Fact]
    public void Unknown_identifier_names_model_equation_and_position()
    {
        var model = new NeuronModel("Leaky", "dv/dt = (E_L - v + Ix)/tau").WithParameter("E_L", 0).WithParameter("tau", 10 * ms);
        var e = Assert.Throws<ModelException>(() => Build(model));
        Assert.Equal("Leaky", e.ModelName);
        Assert.Equal("dv/dt = (E_L - v + Ix)/tau", e.Equation);
        Assert.Equal(19, e.Position);
        Assert.Contains("unknown identifier 'Ix'", e.Message);
    }

    [Fact]
    public void Misspelt_name_gets_a_suggestion()
    {
        var model = new NeuronModel("Leaky", "dv/dt = -v/tua").WithParameter("tau", 10 * ms);
        var e = Assert.Throws<ModelException>(() => Build(model));
        Assert.Contains("did you mean 'tau'", e.Message);
    }

    [Fact]
    public void Syntax_error_is_reported_when_the_model_is_written()
    {
        var e = Assert.Throws<ModelException>(() => new NeuronModel("Broken", "dv/dt = (1 - v/tau"));
        Assert.Equal("dv/dt = (1 - v/tau", e.Equation);
        Assert.Equal(18, e.Position);
        Assert.Contains("missing ')'", e.Message);
        Assert.Contains("^", e.Message);
    }

    [Fact]
    public void Missing_derivative_is_named()
    {
        var e = Assert.Throws<ModelException>(() => new NeuronModel("Adapt", "dv/dt = -(v + w)/tau").WithInitial("w", 1));
        Assert.Contains("'w' has an initial value but is not a state variable", e.Message);
        Assert.Contains("dw/dt", e.Message);
        var reset = new NeuronModel("Adapt", "dv/dt = -v/tau").WithParameter("tau", 1).WithThreshold("v > 1").WithReset("v = 0; w += 1");
        var e2 = Assert.Throws<ModelException>(() => Build(reset));
        Assert.Equal("w += 1", e2.Equation);
        Assert.Contains("'w' is assigned but is not a state variable", e2.Message);
    }

    [Fact]
    public void Cyclic_subexpressions_are_named()
    {
        var model = new NeuronModel("Loop", """
            dv/dt = (a - v)/tau
            a = b + 1
            b = 2*a
            """).WithParameter("tau", 10 * ms);
        var e = Assert.Throws<ModelException>(() => Build(model));
        Assert.Contains("cyclic", e.Message);
        Assert.Contains("a → b → a", e.Message);
    }

    [Fact]
    public void Unknown_function_and_wrong_arity_are_named()
    {
        var e = Assert.Throws<ModelException>(() => Build(new NeuronModel("F", "dv/dt = -sinh(v)").WithParameter("tau", 1)));
        Assert.Contains("unknown function 'sinh'", e.Message);
        e = Assert.Throws<ModelException>(() => Build(new NeuronModel("F", "dv/dt = -max(v)")));
        Assert.Contains("max() takes 2 arguments", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-4)]
    [InlineData(double.NaN)]
    public void Nonpositive_dt_is_rejected(double dt)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Network(dt: dt));
        Assert.Contains("dt", e.Message);
    }

    [Fact]
    public void Nonpositive_time_constant_and_nan_parameters_are_named()
    {
        var model = new NeuronModel("Leaky", "dv/dt = -v/tau_m").WithParameter("tau_m", 10 * ms);
        var e = Assert.Throws<ModelException>(() => Build(model, p => p.Set("tau_m", -1)));
        Assert.Contains("'tau_m' must be positive", e.Message);
        e = Assert.Throws<ModelException>(() => model.WithParameter("E_L", double.NaN));
        Assert.Contains("'E_L' is NaN", e.Message);
        // A bad default is refused where it is written, so the error points at the model definition.
        e = Assert.Throws<ModelException>(() => new NeuronModel("Leaky", "dv/dt = -v/tau_m").WithParameter("tau_m", -5 * ms));
        Assert.Contains("'tau_m' must be positive", e.Message);
        e = Assert.Throws<ModelException>(() => Build(model, p => p.Set("tau_m", "-rand()")));
        Assert.Contains("'tau_m'", e.Message);
    }

    [Fact]
    public void Negative_delays_are_rejected_with_the_projection_named()
    {
        var net = new Network();
        var model = new NeuronModel("Leaky", "dv/dt = -v/tau").WithParameter("tau", 10 * ms).WithThreshold("v > 1");
        var a = net.AddPopulation("a", 2, model);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => net.Connect(a, a, "v", Connectivity.AllToAll(), 1, delay: -1 * ms));
        Assert.Contains("delay", e.Message);
        Assert.Contains("a→a", e.Message);
        net.Connect(a, a, "v", Connectivity.AllToAll(), 1, delay: "1*ms - 2*rand()*ms", name: "random-delays");
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => net.Build());
        Assert.Contains("random-delays", e2.Message);
        Assert.Contains("delay", e2.Message);
    }

    [Fact]
    public void Nan_blow_up_names_population_neuron_variable_and_time_and_keeps_monitors()
    {
        // dv/dt = v² blows up in finite time (t* = 1/v0): neuron 2 starts highest and goes first.
        var model = new NeuronModel("Explosive", "dv/dt = v^2/tau").WithParameter("tau", 1 * ms)
            .WithInitial("v", "0.01*i").WithMethod(Integrator.Euler);
        var net = new Network(dt: 1 * ms, precision: Precision.Double);
        var p = net.AddPopulation("boom", 3, model);
        var trace = net.MonitorState(p, "v", [0, 1, 2]);
        var e = Assert.Throws<SimulationException>(() => net.Run(1 * second));
        Assert.Equal("boom", e.Population);
        Assert.Equal(2, e.Neuron);
        Assert.Equal("v", e.Variable);
        Assert.Contains("boom", e.Message);
        Assert.Contains("'v'", e.Message);
        Assert.Equal(e.Step, trace.Count);
        Assert.True(trace.Count > 10);
        Assert.All(trace.Trace(2), v => Assert.True(double.IsFinite(v)));
        Assert.Equal(e.Step, net.Step);
    }
}

using Dendra.Simulator.Graph;
using Dendra.Simulator.Inputs;
using Dendra.Simulator.Models;
using static Dendra.Units;

namespace Dendra.Simulator.Tests.Compilation;

/// <summary>Integrators against analytic solutions: exact integration is exact for every dt, and the
/// explicit methods converge with their textbook order.</summary>
public class IntegratorAccuracyTests
{
    private const double TauM = 20 * ms, El = -70 * mV, R = 100 * Mohm, Current = 0.15 * nA;

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Lif_membrane_under_constant_current_is_exact_for_any_dt(double dtMs)
    {
        var model = new NeuronModel("Membrane", "dv/dt = (E_L - v + R*I)/tau_m")
            .WithParameter("E_L", El).WithParameter("R", R).WithParameter("tau_m", TauM)
            .WithInput("I").WithInitial("v", El);
        var net = new Network(dt: dtMs * ms, precision: Precision.Double);
        var p = net.AddPopulation("cell", 1, model);
        net.Inject(p, "I", CurrentSource.Constant(Current));
        var v = net.MonitorState(p, "v", [0]);
        net.Run(100 * ms);

        Assert.Equal(Integrator.Exact, net.IntegratorOf(p));
        var times = v.Times;
        var trace = v.Trace(0);
        for (int k = 0; k < times.Length; k++)
        {
            double exact = El + R * Current * (1 - Math.Exp(-times[k] / TauM));
            Assert.True(Math.Abs(trace[k] - exact) < 1e-12, $"t = {times[k]}: {trace[k]} vs {exact}");
        }
    }

    private static double FinalError(Integrator method, double dt, string equation, Func<double, double> exact, double y0, double duration)
    {
        var model = new NeuronModel("Test", equation).WithParameter("tau", 1).WithInitial("y", y0).WithMethod(method);
        var net = new Network(dt: dt, precision: Precision.Double);
        var p = net.AddPopulation("y", 1, model);
        net.Run(duration);
        return Math.Abs(p.Get("y")[0] - exact(duration));
    }

    [Theory]
    [InlineData(Integrator.Euler, 1)]
    [InlineData(Integrator.RK2, 2)]
    [InlineData(Integrator.RK4, 4)]
    public void Explicit_methods_converge_with_their_order_on_a_nonlinear_ode(Integrator method, int order)
    {
        // dy/dt = -y²: y = 1/(1+t).
        double[] dts = [0.1, 0.05, 0.025, 0.0125];
        var errors = dts.Select(dt => FinalError(method, dt, "dy/dt = -y^2/tau", t => 1 / (1 + t), 1, 2.0)).ToArray();
        for (int k = 0; k + 1 < errors.Length; k++)
        {
            double measured = Math.Log2(errors[k] / errors[k + 1]);
            Assert.InRange(measured, order - 0.15, order + 0.3);
        }
    }

    [Theory]
    [InlineData(Integrator.Euler, 1)]
    [InlineData(Integrator.RK2, 2)]
    [InlineData(Integrator.RK4, 4)]
    public void Explicit_methods_keep_their_order_with_time_dependent_right_hand_sides(Integrator method, int order)
    {
        // dy/dt = y·cos(t): y = exp(sin t). Later stages must see t + c·dt.
        double[] dts = [0.1, 0.05, 0.025];
        var errors = dts.Select(dt => FinalError(method, dt, "dy/dt = y*cos(t/tau)/tau", t => Math.Exp(Math.Sin(t)), 1, 2.0)).ToArray();
        for (int k = 0; k + 1 < errors.Length; k++)
            Assert.InRange(Math.Log2(errors[k] / errors[k + 1]), order - 0.2, order + 0.4);
    }

    [Fact]
    public void Exponential_euler_is_chosen_for_conditionally_linear_models_and_is_first_order()
    {
        // dy/dt = -y·(1 + z), dz/dt = -z: conditionally linear but not linear.
        var model = new NeuronModel("Cond", "dy/dt = -y*(1 + z)/tau\ndz/dt = -z/tau").WithParameter("tau", 1).WithInitial("y", 1).WithInitial("z", 1);
        var net = new Network(dt: 0.01, precision: Precision.Double);
        var p = net.AddPopulation("c", 1, model);
        net.Run(1);
        Assert.Equal(Integrator.ExponentialEuler, net.IntegratorOf(p));
        // Exact: z = e^{-t}, y = exp(-t - (1 - e^{-t})).
        double exact = Math.Exp(-1 - (1 - Math.Exp(-1)));
        Assert.InRange(Math.Abs(p.Get("y")[0] - exact), 0, 5e-3);
    }

    [Fact]
    public void Exact_on_a_nonlinear_model_is_refused_with_the_reason()
    {
        var model = new NeuronModel("Quad", "dy/dt = -y^2/tau").WithParameter("tau", 1).WithMethod(Integrator.Exact);
        var net = new Network();
        net.AddPopulation("q", 1, model);
        var e = Assert.Throws<ModelException>(() => net.Build());
        Assert.Contains("exact integration needs linear equations", e.Message);
    }
}

public class MatrixExponentialTests
{
    [Fact]
    public void Badly_scaled_si_systems_keep_full_precision()
    {
        // dv/dt = -v/τ_m + I/C_m, dI/dt = -I/τ_s with τ_m = 10 ms, C_m = 250 pF, τ_s = 2 ms.
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { -100, 4e9 }, { 0, -500 } });
        const double h = 1e-4;
        var (p, q) = Dendra.Simulator.Compilation.MatrixExponential.Propagators(a, h);
        double e1 = Math.Exp(-100 * h), e2 = Math.Exp(-500 * h);
        Assert.Equal(e1, p[0, 0], 1e-15);
        Assert.Equal(e2, p[1, 1], 1e-15);
        double p01 = 4e9 * (e2 - e1) / (-500 + 100);
        Assert.True(Math.Abs(p[0, 1] / p01 - 1) < 1e-13, $"{p[0, 1]} vs {p01}");
        Assert.True(Math.Abs(q[0, 0] / ((1 - e1) / 100) - 1) < 1e-13);
        Assert.Equal(0.0, p[1, 0]);
    }
}

public class IntegratorOverrideTests
{
    [Fact]
    public void The_network_override_replaces_every_model_method()
    {
        var model = new NeuronModel("Leak", "dv/dt = -v/tau").WithParameter("tau", 10 * ms).WithInitial("v", 1);
        var exact = new Network(dt: 1 * ms, precision: Precision.Double);
        var euler = new Network(dt: 1 * ms, precision: Precision.Double) { IntegratorOverride = Integrator.Euler };
        var a = exact.AddPopulation("a", 1, model);
        var b = euler.AddPopulation("b", 1, model);
        exact.Run(10 * ms);
        euler.Run(10 * ms);
        Assert.Equal(Integrator.Exact, exact.IntegratorOf(a));
        Assert.Equal(Integrator.Euler, euler.IntegratorOf(b));
        Assert.Equal(Math.Exp(-1), a.Get("v")[0], 1e-12);
        Assert.Equal(Math.Pow(0.9, 10), b.Get("v")[0], 1e-12);
    }
}

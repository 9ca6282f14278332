namespace Dendra.Simulator.Models;

/// <summary>How a model's differential equations are stepped forward by <c>dt</c>.</summary>
public enum Integrator
{
    /// <summary>Exact if the system is linear with constant coefficients, else exponential Euler if conditionally linear, else RK4.</summary>
    Auto,
    /// <summary>Exact propagator exp(A·dt) for linear systems with constant coefficients; an error otherwise.</summary>
    Exact,
    /// <summary>Exponential Euler: each variable exactly, holding the others fixed over the step (Hodgkin–Huxley style models).</summary>
    ExponentialEuler,
    /// <summary>Forward Euler, order 1.</summary>
    Euler,
    /// <summary>Midpoint Runge–Kutta, order 2.</summary>
    RK2,
    /// <summary>Classical Runge–Kutta, order 4.</summary>
    RK4,
}

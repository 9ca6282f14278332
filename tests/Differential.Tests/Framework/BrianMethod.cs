using Dendra.Simulator.Models;

namespace Dendra.Differential.Tests.Framework;

/// <summary>Brian2's name of the integration method that matches each of Dendra's integrators.</summary>
internal static class BrianMethod
{
    public static string Of(Integrator integrator) => integrator switch
    {
        Integrator.Exact => "exact",
        Integrator.ExponentialEuler => "exponential_euler",
        Integrator.Euler => "euler",
        Integrator.RK2 => "rk2",
        Integrator.RK4 => "rk4",
        _ => throw new ArgumentOutOfRangeException(nameof(integrator), integrator, "Auto chooses differently in the two simulators; name the method"),
    };

    /// <summary>The integrators both simulators have, for cases written once per integrator.</summary>
    public static readonly Integrator[] All = [Integrator.Exact, Integrator.ExponentialEuler, Integrator.Euler, Integrator.RK2, Integrator.RK4];
}

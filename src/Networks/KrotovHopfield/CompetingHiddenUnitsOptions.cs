using Dendra.Simulator.Models;
using Dendra.Simulator.Graph;

namespace Dendra.Networks.KrotovHopfield;

/// <summary>
/// The parameters of <see cref="CompetingHiddenUnits"/>: the network's size, its Lp norm and anti-Hebbian strength, the
/// time scales of the hidden units' dynamics and how long they are given to settle.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>parameter</term><description>meaning (default: Krotov's demonstration)</description></listheader>
/// <item><term>Hidden</term><description>hidden units (100)</description></item>
/// <item><term>Inputs</term><description>inputs per unit (784, MNIST's pixels)</description></item>
/// <item><term>P</term><description>the Lp norm of the weights, p ≥ 1 (2)</description></item>
/// <item><term>Delta</term><description>Δ, the anti-Hebbian push of active units below h*, Δ ≥ 0 (0.4)</description></item>
/// <item><term>Radius</term><description>R: the learned weights reach Σ|W_μi|^p = R^p (1)</description></item>
/// <item><term>Tau</term><description>τ, the hidden units' time constant, seconds (10 ms)</description></item>
/// <item><term>Dt</term><description>the time step, seconds (1 ms); at most τ</description></item>
/// <item><term>Integrator</term><description>RK4 (default) or Euler</description></item>
/// <item><term>Batch</term><description>images settled side by side, one network instance each (100)</description></item>
/// <item><term>Epsilon</term><description>ε, the learning rate of <see cref="CompetingHiddenUnits.Learn"/> when none is given (0.02)</description></item>
/// <item><term>SettleTolerance</term><description>the largest change of h in one step that counts as settled (1e-3)</description></item>
/// <item><term>LongestSettle</term><description>seconds after which settling stops, settled or not (0.3 s)</description></item>
/// <item><term>Threads</term><description>CPU threads (0: all cores); the result does not depend on it</description></item>
/// <item><term>Precision</term><description>float32 (default) or float64 state and weights</description></item>
/// </list>
/// </remarks>
public sealed record CompetingHiddenUnitsOptions
{
    /// <summary>Hidden units.</summary>
    public int Hidden { get; init; } = 100;

    /// <summary>Inputs per unit.</summary>
    public int Inputs { get; init; } = 784;

    /// <summary>The Lp norm of the weights; at least 1.</summary>
    public double P { get; init; } = 2;

    /// <summary>Δ, the strength of the anti-Hebbian push on active units below h*; 0 or more.</summary>
    public double Delta { get; init; } = 0.4;

    /// <summary>R, the Lp norm the weights reach; positive.</summary>
    public double Radius { get; init; } = 1;

    /// <summary>τ, the hidden units' time constant, in seconds.</summary>
    public double Tau { get; init; } = 10e-3;

    /// <summary>The time step, in seconds; at most τ. The default, τ/5, takes about 50 RK4 steps to settle an image: what the
    /// rule reads is the settled state, a fixed point of the equations that every stable step size reaches alike, and the
    /// settle tolerance (a change per step) is stricter on the rate dh/dt the larger the step. At 2000 units the weights
    /// learned over an epoch at τ/5 and at τ/10 agree to five digits (docs/benchmarks.md), at half the steps.</summary>
    public double Dt { get; init; } = 2e-3;

    /// <summary>How h is integrated: RK4 (the default for a nonlinear equation), or Euler, a quarter of the work per step, for
    /// networks whose inhibition is not stiff at this dt (w_inh times the active units well below 2τ/dt − 1).</summary>
    public Integrator Integrator { get; init; } = Integrator.RK4;

    /// <summary>Images settled side by side (the network's batch of instances).</summary>
    public int Batch { get; init; } = 100;

    /// <summary>ε, the learning rate used when <see cref="CompetingHiddenUnits.Learn"/> is given none; positive.</summary>
    public double Epsilon { get; init; } = 0.02;

    /// <summary>The largest change of any h in one step that counts as settled.</summary>
    public double SettleTolerance { get; init; } = 1e-3;

    /// <summary>Seconds after which settling stops, settled or not.</summary>
    public double LongestSettle { get; init; } = 0.3;

    /// <summary>CPU threads (0: all cores). Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>The precision of the state and the weights.</summary>
    public Precision Precision { get; init; } = Precision.Single;

    /// <summary>Where the network runs (<see cref="Network.Backend"/>): the CPU by default, or OpenCL.</summary>
    public Backend Backend { get; init; } = Backend.Cpu;

    /// <summary>The OpenCL device when <see cref="Backend"/> is OpenCL (<see cref="Network.Device"/>; null: the first GPU, else the first device).</summary>
    public string? Device { get; init; }

    /// <summary>Throws when a value cannot make a network.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range; the message names it and what it must be.</exception>
    public void Validate()
    {
        if (Hidden < 2) throw new ArgumentOutOfRangeException(nameof(Hidden), Hidden, $"competing units need at least 2 hidden units, not {Hidden}");
        if (Inputs < 1) throw new ArgumentOutOfRangeException(nameof(Inputs), Inputs, $"the units need at least one input, not {Inputs}");
        if (!(P >= 1) || !double.IsFinite(P)) throw new ArgumentOutOfRangeException(nameof(P), P, $"p must be a finite number ≥ 1 (the Lp norm of the weights), not {P}");
        if (!(Delta >= 0) || !double.IsFinite(Delta)) throw new ArgumentOutOfRangeException(nameof(Delta), Delta, $"Δ must be a finite number ≥ 0, not {Delta}");
        if (!(Radius > 0) || !double.IsFinite(Radius)) throw new ArgumentOutOfRangeException(nameof(Radius), Radius, $"R must be a finite positive number, not {Radius}");
        if (!(Tau > 0) || !double.IsFinite(Tau)) throw new ArgumentOutOfRangeException(nameof(Tau), Tau, $"τ must be a finite positive number of seconds, not {Tau}");
        if (!(Dt > 0) || !(Dt <= Tau)) throw new ArgumentOutOfRangeException(nameof(Dt), Dt, $"dt must be positive and at most τ ({Tau} s), not {Dt}");
        if (Batch < 1) throw new ArgumentOutOfRangeException(nameof(Batch), Batch, $"the batch must hold at least one image, not {Batch}");
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, $"ε must be a finite positive learning rate, not {Epsilon}");
        if (!(SettleTolerance > 0) || !double.IsFinite(SettleTolerance)) throw new ArgumentOutOfRangeException(nameof(SettleTolerance), SettleTolerance, $"the settle tolerance must be a finite positive change per step, not {SettleTolerance}");
        if (!(LongestSettle > 0) || !double.IsFinite(LongestSettle)) throw new ArgumentOutOfRangeException(nameof(LongestSettle), LongestSettle, $"the longest settle must be a finite positive number of seconds, not {LongestSettle}");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, $"threads must be 0 (all cores) or more, not {Threads}");
    }
}

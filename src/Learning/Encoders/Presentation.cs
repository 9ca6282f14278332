using Dendra.Simulator.Graph;

namespace Dendra.Learning.Encoders;

/// <summary>
/// How long one minibatch is shown: for a fixed time, or until the watched variables have settled (at most a maximum
/// time), then an optional rest with no input: the network runs so that its state decays before the next sample, as in
/// Diehl &amp; Cook's 350 ms presentations and 150 ms rests, or its state is set back to where training began, as
/// BindsNET does (<see cref="RestMode"/>).
/// </summary>
public sealed record Presentation
{
    private Presentation(double? duration, double tolerance, double maxDuration, (Population, string)[] watch, double rest, RestMode restMode)
    {
        if (!(rest >= 0) || !double.IsFinite(rest)) throw new ArgumentOutOfRangeException(nameof(rest), rest, "the rest period is a finite number of seconds ≥ 0");
        if (!Enum.IsDefined(restMode)) throw new ArgumentOutOfRangeException(nameof(restMode), restMode, "a rest mode is Run, Reset or RunThenReset");
        if (restMode == RestMode.Reset && rest > 0)
            throw new ArgumentException($"a rest that resets the network's state does not run it, so it cannot last {rest} s: give rest 0, or RestMode.RunThenReset to run for the rest and then reset", nameof(rest));
        if (restMode == RestMode.RunThenReset && rest == 0)
            throw new ArgumentException("a rest that runs the network and then resets it needs a duration above 0 s: give one, or RestMode.Reset to reset without running", nameof(rest));
        RestMode = restMode;
        Duration = duration;
        Tolerance = tolerance;
        MaxDuration = maxDuration;
        Watch = watch;
        Rest = rest;
    }

    /// <summary>Seconds each minibatch is shown; null when it is shown until settled.</summary>
    public double? Duration { get; }

    /// <summary>The settle tolerance (largest change per step), when shown until settled.</summary>
    public double Tolerance { get; }

    /// <summary>Longest time shown, in seconds, when shown until settled.</summary>
    public double MaxDuration { get; }

    /// <summary>The variables watched for settling (empty for a fixed time).</summary>
    public IReadOnlyList<(Population Population, string Variable)> Watch { get; }

    /// <summary>Seconds of rest with no input after each presentation (0 for none, and for a <see cref="RestMode.Reset"/>).</summary>
    public double Rest { get; }

    /// <summary>What the rest does: the network runs (<see cref="RestMode.Run"/>, the default), its state is reset, or both.</summary>
    public RestMode RestMode { get; }

    /// <summary>Whether a presentation is followed by a rest: one that runs, or one that resets.</summary>
    public bool HasRest => Rest > 0 || RestMode == RestMode.Reset;

    /// <summary>Shows each minibatch for <paramref name="duration"/> seconds, then rests for <paramref name="rest"/> seconds
    /// as <paramref name="restMode"/> says (by default the network runs with no input).</summary>
    /// <exception cref="ArgumentException">A <see cref="RestMode.Reset"/> with a duration, or a
    /// <see cref="RestMode.RunThenReset"/> without one.</exception>
    public static Presentation For(double duration, double rest = 0, RestMode restMode = RestMode.Run)
    {
        if (!(duration > 0) || !double.IsFinite(duration)) throw new ArgumentOutOfRangeException(nameof(duration), duration, "a presentation lasts a positive, finite number of seconds");
        return new Presentation(duration, 0, 0, [], rest, restMode);
    }

    /// <summary>Shows each minibatch until the watched variables change by less than <paramref name="tolerance"/> per step
    /// in every instance (<see cref="Network.RunUntilSettled"/>), at most <paramref name="maxDuration"/> seconds.</summary>
    public static Presentation UntilSettled(double tolerance, double maxDuration, params (Population Population, string Variable)[] watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        if (!(tolerance > 0) || !double.IsFinite(tolerance)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "the settle tolerance is a positive, finite change per step");
        if (!(maxDuration > 0) || !double.IsFinite(maxDuration)) throw new ArgumentOutOfRangeException(nameof(maxDuration), maxDuration, "the maximum time is a positive, finite number of seconds");
        if (watch.Length == 0) throw new ArgumentException("name at least one (population, variable) whose settling ends a presentation", nameof(watch));
        return new Presentation(null, tolerance, maxDuration, watch, 0, RestMode.Run);
    }

    /// <summary>This presentation followed by <paramref name="rest"/> seconds with no input, as <paramref name="restMode"/> says.</summary>
    /// <exception cref="ArgumentException">As <see cref="For"/>.</exception>
    public Presentation WithRest(double rest, RestMode restMode = RestMode.Run) => new(Duration, Tolerance, MaxDuration, [.. Watch], rest, restMode);

    /// <summary>Runs <paramref name="network"/> for one presentation (the input already written); returns the steps it ran.</summary>
    internal PresentationSteps Show(Network network, (Population, string)[] watch)
    {
        long first = network.Step;
        if (Duration is { } duration) network.Run(duration);
        else network.RunUntilSettled(Tolerance, MaxDuration, watch);
        return new PresentationSteps(first, network.Step);
    }
}

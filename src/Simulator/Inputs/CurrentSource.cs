namespace Dendra.Simulator.Inputs;

/// <summary>
/// A time course added every step to a summed input of chosen neurons: constant, step, sine or an arbitrary
/// sampled array. Values are in the input's own unit (amperes for a current, volts for a voltage input…).
/// </summary>
public abstract record CurrentSource
{
    /// <summary>The value at time <paramref name="t"/> (seconds).</summary>
    public abstract double ValueAt(double t);

    /// <summary>The value during step <paramref name="step"/> at time step <paramref name="dt"/>: what the simulation adds. Sources
    /// that switch at given times switch at the steps <see cref="Clock.StepOf"/> gives for them, so a start written as
    /// 4.9 ms at dt = 0.1 ms is step 49, not whichever step a floating-point comparison of step·dt with 4.9e-3 picks.</summary>
    public virtual double ValueAtStep(long step, double dt) => ValueAt(step * dt);

    /// <summary>A constant value.</summary>
    public static CurrentSource Constant(double amplitude) => new ConstantSource(amplitude);

    /// <summary><paramref name="amplitude"/> from <paramref name="start"/> until <paramref name="stop"/> (seconds), 0 otherwise.</summary>
    public static CurrentSource Step(double amplitude, double start, double stop = double.PositiveInfinity) => new StepSource(amplitude, start, stop);

    /// <summary><c>offset + amplitude·sin(2π·frequency·t + phase)</c>.</summary>
    public static CurrentSource Sine(double amplitude, double frequency, double phase = 0, double offset = 0) =>
        new SineSource(amplitude, frequency, phase, offset);

    /// <summary>Samples held for <paramref name="sampleInterval"/> seconds each; the last one holds after the end.</summary>
    public static CurrentSource FromArray(IReadOnlyList<double> values, double sampleInterval)
    {
        if (values.Count == 0) throw new ArgumentException("an array current needs at least one sample", nameof(values));
        if (!(sampleInterval > 0)) throw new ArgumentOutOfRangeException(nameof(sampleInterval), sampleInterval, "the sample interval must be positive");
        return new ArraySource(values.ToArray(), sampleInterval);
    }
}

/// <summary>A constant.</summary>
public sealed record ConstantSource(double Amplitude) : CurrentSource
{
    /// <inheritdoc />
    public override double ValueAt(double t) => Amplitude;
}

/// <summary>A rectangular pulse.</summary>
public sealed record StepSource(double Amplitude, double Start, double Stop) : CurrentSource
{
    /// <inheritdoc />
    public override double ValueAt(double t) => t >= Start && t < Stop ? Amplitude : 0;

    /// <inheritdoc />
    public override double ValueAtStep(long step, double dt) =>
        step >= Clock.StepOf(Start, dt) && (double.IsPositiveInfinity(Stop) || step < Clock.StepOf(Stop, dt)) ? Amplitude : 0;
}

/// <summary>A sinusoid.</summary>
public sealed record SineSource(double Amplitude, double Frequency, double Phase, double Offset) : CurrentSource
{
    /// <inheritdoc />
    public override double ValueAt(double t) => Offset + Amplitude * Math.Sin(2 * Math.PI * Frequency * t + Phase);
}

/// <summary>Sampled values: during a step, the sample in effect at the step's start time (sample k from k·interval on),
/// so samples finer than dt are read, not shifted.</summary>
public sealed record ArraySource(double[] Values, double SampleInterval) : CurrentSource
{
    /// <inheritdoc />
    public override double ValueAt(double t) =>
        Values[Math.Clamp((int)Math.Floor(t / SampleInterval + 1e-9), 0, Values.Length - 1)];
}

namespace Dendra.Learning.Training;

/// <summary>
/// A learning rate η as a function of how far training has got, in epochs (fractional: 2.5 is halfway through the
/// third epoch). The training loop sets it on a plastic projection (<c>RateProjection.LearningRate</c>) before every
/// presentation; it depends only on the epoch and the position in it, so a resumed run sets the same values.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>η after <paramref name="epochs"/> epochs of training.</summary>
    public abstract double At(double epochs);

    /// <summary>η falling in a straight line from <paramref name="from"/> to <paramref name="to"/> over
    /// <paramref name="epochs"/> epochs, then held at <paramref name="to"/>.</summary>
    public static LearningRateSchedule Linear(double from, double to, double epochs) => new LinearDecay(from, to, epochs);

    /// <summary>η = <paramref name="initial"/> · <paramref name="factorPerEpoch"/>^epochs: multiplied by the factor over each epoch.</summary>
    public static LearningRateSchedule Exponential(double initial, double factorPerEpoch) => new ExponentialDecay(initial, factorPerEpoch);

    private sealed class LinearDecay : LearningRateSchedule
    {
        private readonly double _from, _to, _epochs;

        public LinearDecay(double from, double to, double epochs)
        {
            if (!double.IsFinite(from) || !double.IsFinite(to)) throw new ArgumentOutOfRangeException(nameof(from), $"a linear schedule runs between finite rates, got {from} to {to}");
            if (!(epochs > 0) || !double.IsFinite(epochs)) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "a linear schedule falls over a positive, finite number of epochs");
            (_from, _to, _epochs) = (from, to, epochs);
        }

        public override double At(double epochs) => epochs >= _epochs ? _to : _from + (_to - _from) * (epochs / _epochs);

        public override string ToString() => $"linear from {_from} to {_to} over {_epochs} epochs";
    }

    private sealed class ExponentialDecay : LearningRateSchedule
    {
        private readonly double _initial, _factor;

        public ExponentialDecay(double initial, double factor)
        {
            if (!double.IsFinite(initial)) throw new ArgumentOutOfRangeException(nameof(initial), initial, "an exponential schedule starts at a finite rate");
            if (!(factor > 0) || !double.IsFinite(factor)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "an exponential schedule's factor per epoch is positive and finite");
            (_initial, _factor) = (initial, factor);
        }

        public override double At(double epochs) => _initial * Math.Pow(_factor, epochs);

        public override string ToString() => $"exponential from {_initial}, × {_factor} per epoch";
    }
}

using System.Globalization;

namespace Dendra.Learning.Training;

/// <summary>
/// Training progress as plain lines (for logs, pipes and CI, where a live bar would fill the output with escape codes):
/// at most one line every <c>interval</c>, and one at the end of each epoch.
/// <c>epoch 2/3  1200/6000 samples  850 samples/s  ETA 0:07  accuracy 0.8312</c>
/// </summary>
public sealed class TrainingProgressLines
{
    private readonly TextWriter _writer;
    private readonly TimeSpan _interval;
    private long _lastTicks = long.MinValue;

    /// <summary>Writes to <paramref name="writer"/> at most every <paramref name="interval"/> (default 2 s).</summary>
    public TrainingProgressLines(TextWriter writer, TimeSpan? interval = null)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _interval = interval ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>Reports <paramref name="progress"/> (pass this method as the loop's progress callback).</summary>
    public void Report(TrainingProgress progress)
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        bool epochEnd = progress.SamplesInEpoch == 0;
        if (!epochEnd && _lastTicks != long.MinValue && System.Diagnostics.Stopwatch.GetElapsedTime(_lastTicks, now) < _interval) return;
        _lastTicks = now;
        _writer.WriteLine(Format(progress));
    }

    /// <summary>One line: epoch, samples in it, samples/s, ETA and the latest metric.</summary>
    public static string Format(TrainingProgress p)
    {
        int epoch = Math.Min(p.Epoch + 1, p.Epochs);
        int inEpoch = p.SamplesInEpoch == 0 && p.Epoch > 0 ? p.SamplesPerEpoch : p.SamplesInEpoch;
        if (p.SamplesInEpoch == 0 && p.Epoch > 0) epoch = p.Epoch;
        var line = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{p.Epochs}  {inEpoch}/{p.SamplesPerEpoch} samples  {p.SamplesPerSecond:F0} samples/s  ETA {Eta(p.SecondsLeft)}");
        return p.Metric is null ? line : string.Create(CultureInfo.InvariantCulture, $"{line}  {p.Metric} {p.MetricValue:G4}");
    }

    private static string Eta(double seconds) => !double.IsFinite(seconds) ? "?" :
        TimeSpan.FromSeconds(Math.Round(seconds)) is var t && t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}

namespace Dendra.Render.Activity;

/// <summary>Samples (time, value) in time order with old ones dropped from the front.</summary>
internal sealed class SampleWindow
{
    private readonly Queue<(double Time, double Value)> _samples = new();

    /// <summary>Appends a sample.</summary>
    public void Add(double time, double value) => _samples.Enqueue((time, value));

    /// <summary>Drops every sample before <paramref name="time"/>.</summary>
    public void DropBefore(double time)
    {
        while (_samples.Count > 0 && _samples.Peek().Time < time) _samples.Dequeue();
    }

    /// <summary>Copies of the samples held.</summary>
    public (double[] Times, double[] Values) ToArrays() => (_samples.Select(s => s.Time).ToArray(), _samples.Select(s => s.Value).ToArray());
}

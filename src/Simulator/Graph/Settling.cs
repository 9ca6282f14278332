namespace Dendra.Simulator.Graph;

/// <summary>
/// What a run until settled found (<see cref="Network.RunUntilSettled"/>): how long it ran, and for each instance of
/// the batch whether and when the watched variables stopped changing by more than the tolerance in a step.
/// </summary>
/// <param name="Steps">Steps run (at most the maximum time's).</param>
/// <param name="SettledAfter">Per instance: the number of steps after which it had settled (the first step whose largest
/// change of any watched value was below the tolerance), or null when it had not within the maximum time.</param>
/// <param name="LargestChange">Per instance: the largest change of a watched value in the last step run.</param>
public sealed record Settling(long Steps, long?[] SettledAfter, double[] LargestChange)
{
    /// <summary>Whether every instance settled.</summary>
    public bool All => SettledAfter.All(s => s is not null);

    /// <summary>Instances that settled.</summary>
    public int Count => SettledAfter.Count(s => s is not null);
}

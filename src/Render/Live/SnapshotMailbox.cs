using Dendra.Render.Activity;

namespace Dendra.Render.Live;

/// <summary>
/// Where work that is not a network run (a learner's training, say) hands snapshots to a <see cref="SnapshotWindow"/>:
/// the newest replaces any not yet drawn, the work never waits for a frame, and it makes a snapshot only when
/// <see cref="Wanted"/> says the window has taken the last one.
/// </summary>
public sealed class SnapshotMailbox
{
    private ActivitySnapshot? _latest;
    private int _wanted = 1;
    private volatile bool _closed;

    /// <summary>True when the window has taken the last snapshot and is open: making a new one is worth its cost.</summary>
    public bool Wanted => !_closed && Volatile.Read(ref _wanted) == 1;

    /// <summary>True once the window is closed: snapshots published now are never drawn.</summary>
    public bool Closed => _closed;

    /// <summary>Hands <paramref name="snapshot"/> to the window (replacing one not yet drawn).</summary>
    public void Publish(ActivitySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _wanted, 0);
        Volatile.Write(ref _latest, snapshot);
    }

    /// <summary>The newest snapshot, or null when none is new since the last call; asks for the next.</summary>
    internal ActivitySnapshot? Take()
    {
        var snapshot = Interlocked.Exchange(ref _latest, null);
        Volatile.Write(ref _wanted, 1);
        return snapshot;
    }

    internal void Close() => _closed = true;
}

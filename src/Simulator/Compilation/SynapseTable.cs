using Dendra.Simulator.Graph;
using Dendra.Simulator.Random;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// The synapses of a projection in CSR by presynaptic neuron: row r (pre neuron <c>pre.Start + r</c>) holds
/// synapses <c>RowStart[r] .. RowStart[r+1]</c>, sorted by postsynaptic neuron. Indices are absolute within each population.
/// </summary>
/// <param name="RowStart">Start of each presynaptic row; length pre.Count + 1.</param>
/// <param name="Post">Postsynaptic neuron of each synapse.</param>
public sealed record SynapseTable(int[] RowStart, int[] Post)
{
    /// <summary>Number of synapses.</summary>
    public int Count => Post.Length;

    /// <summary>Presynaptic neuron of each synapse (absolute), expanded from the rows.</summary>
    public int[] PreOfEachSynapse(int preStart)
    {
        var pre = new int[Count];
        for (int r = 0; r + 1 < RowStart.Length; r++)
            pre.AsSpan(RowStart[r], RowStart[r + 1] - RowStart[r]).Fill(preStart + r);
        return pre;
    }

    /// <summary>The synapses onto each of the <paramref name="postCount"/> neurons from <paramref name="postStart"/> on, each
    /// neuron's in ascending synapse id (so by presynaptic neuron, then storage order): <c>Synapses[Start[j] .. Start[j+1]]</c>
    /// end on neuron <c>postStart + j</c>.</summary>
    public (int[] Start, int[] Synapses) IncomingOf(int postStart, int postCount)
    {
        var start = new int[postCount + 1];
        foreach (var p in Post) start[p - postStart + 1]++;
        for (int j = 0; j < postCount; j++) start[j + 1] += start[j];
        var next = (int[])start.Clone();
        var synapses = new int[Count];
        for (int s = 0; s < Count; s++) synapses[next[Post[s] - postStart]++] = s;
        return (start, synapses);
    }

    /// <summary>Random stream for a projection's construction.</summary>
    public static ulong Stream(int projection, int phase) => (1UL << 40) | ((ulong)(projection + 1) << 24) | ((ulong)phase << 16);

    /// <summary>Draws the synapses of <paramref name="projection"/>; the same seed gives the same table.</summary>
    public static SynapseTable Build(Projection projection, ulong seed)
    {
        var pre = projection.Pre;
        var post = projection.Post;
        bool samePopulation = pre.Population == post.Population;
        var stream = Stream(projection.Index, 0);
        var rows = new List<int>[pre.Count];
        for (int r = 0; r < rows.Length; r++) rows[r] = [];
        bool IsSelf(int r, int c) => samePopulation && pre.Start + r == post.Start + c;

        switch (projection.Connectivity)
        {
            case AllToAllConnectivity all:
                for (int r = 0; r < pre.Count; r++)
                    for (int c = 0; c < post.Count; c++)
                        if (all.AllowSelf || !IsSelf(r, c)) rows[r].Add(c);
                break;
            case OneToOneConnectivity:
                if (pre.Count != post.Count)
                    throw new ArgumentException($"one-to-one projection '{projection.Name}' needs equal sizes, got {pre.Count} and {post.Count}");
                for (int r = 0; r < pre.Count; r++) rows[r].Add(r);
                break;
            case FixedProbabilityConnectivity fp:
                // Geometric gaps between successes: O(synapses) draws instead of O(pre·post).
                if (fp.P > 0)
                {
                    double logq = Math.Log(1 - fp.P);
                    for (int r = 0; r < pre.Count; r++)
                    {
                        long c = -1;
                        for (ulong k = 0; ; k++)
                        {
                            long gap = fp.P >= 1 ? 0 : (long)Math.Floor(Math.Log(CounterRng.Uniform(seed, stream, ((ulong)r << 32) | k)) / logq);
                            c += gap + 1;
                            if (c >= post.Count) break;
                            if (fp.AllowSelf || !IsSelf(r, (int)c)) rows[r].Add((int)c);
                        }
                    }
                }
                break;
            case FixedInDegreeConnectivity fi:
                FixedInDegree(fi, rows, pre.Count, post.Count, seed, stream, IsSelf,
                    c => samePopulation ? post.Start + c - pre.Start : -1, projection.Name);
                break;
            case PairsConnectivity pairs:
                for (int k = 0; k < pairs.Pre.Count; k++)
                {
                    int r = pairs.Pre[k], c = pairs.Post[k];
                    if (r < 0 || r >= pre.Count || c < 0 || c >= post.Count)
                        throw new ArgumentOutOfRangeException(nameof(projection), $"projection '{projection.Name}': pair ({r}, {c}) is outside {pre.Count}×{post.Count}");
                    rows[r].Add(c);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(projection), projection.Connectivity, "unknown connectivity");
        }

        var rowStart = new int[pre.Count + 1];
        for (int r = 0; r < pre.Count; r++) rowStart[r + 1] = checked(rowStart[r] + rows[r].Count);
        var posts = new int[rowStart[^1]];
        for (int r = 0; r < pre.Count; r++)
        {
            rows[r].Sort();
            for (int k = 0; k < rows[r].Count; k++) posts[rowStart[r] + k] = post.Start + rows[r][k];
        }
        return new SynapseTable(rowStart, posts);
    }

    private static void FixedInDegree(FixedInDegreeConnectivity fi, List<int>[] rows, int preCount, int postCount, ulong seed, ulong stream,
        Func<int, int, bool> isSelf, Func<int, int> selfRow, string name)
    {
        var chosen = new HashSet<int>();
        for (int c = 0; c < postCount; c++)
        {
            int available = preCount - (!fi.AllowSelf && selfRow(c) is >= 0 and var row && row < preCount ? 1 : 0);
            if (fi.K > available)
                throw new ArgumentException($"projection '{name}': in-degree {fi.K} exceeds the {available} available presynaptic neurons");
            chosen.Clear();
            ulong k = 0;
            while (chosen.Count < fi.K)
            {
                int r = (int)(CounterRng.Uniform(seed, stream, ((ulong)c << 32) | k++) * preCount);
                if (r >= preCount || (!fi.AllowSelf && isSelf(r, c))) continue;
                if (chosen.Add(r)) rows[r].Add(c);
            }
        }
    }
}

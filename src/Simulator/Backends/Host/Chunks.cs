namespace Dendra.Simulator.Backends.Host;

/// <summary>
/// Splits element ranges over worker threads. Element-wise kernels give the same result however the range is
/// split; sums use <see cref="FixedChunk"/>-sized pieces added in order, so they too are independent of the thread count.
/// </summary>
internal sealed class Chunks(int threads)
{
    /// <summary>Below this many elements a phase runs on the calling thread: handing work out costs more.</summary>
    public const int MinimumParallel = 8192;

    /// <summary>Below this many multiply-adds a matrix job handed out in tasks (a product, an update) runs on the calling thread. Handing rows to
    /// a second thread costs tens of microseconds to milliseconds here (a thread pool worker on a virtual CPU must be woken
    /// and scheduled), and two threads contend for one core's caches: a 784 → 2000 product, 1.6 M multiply-adds, ran at
    /// 8,000 steps/s on one thread and at 1,600–5,200 on two; with 10 instances (16 M) one thread was still faster.</summary>
    public const long MinimumParallelWork = 1L << 24;

    /// <summary>Size of the pieces a sum is split into, whatever the thread count.</summary>
    public const int FixedChunk = Compilation.FixedChunk.Length;

    public int Threads { get; } = Math.Max(1, threads);

    /// <summary>Runs <paramref name="body"/> for parts 0 … <paramref name="parts"/> − 1 on the calling thread and the
    /// <see cref="WorkerTeam"/> of this thread count.</summary>
    public void Parts(int parts, Action<int> body)
    {
        if (parts == 1) body(0);
        else (_team ??= WorkerTeam.For(Threads)).Run(parts, Threads, body);
    }

    private WorkerTeam? _team;

    public int Count(int n) => n < MinimumParallel || Threads == 1 ? 1 : Threads;

    public (int Start, int End) Range(int n, int chunk, int chunks) =>
        ((int)((long)n * chunk / chunks), (int)((long)n * (chunk + 1) / chunks));

    public void For(int n, Action<int, int> body) => Split(n, Count(n), body);

    /// <summary>Splits <paramref name="rows"/> over the threads when the whole job is <paramref name="work"/> operations or
    /// more (a matrix product does far more per row than an element-wise kernel per element).</summary>
    public void ForRows(int rows, long work, Action<int, int> body) =>
        Split(rows, work < MinimumParallel * 16L || Threads == 1 ? 1 : Math.Min(Threads, rows), body);

    /// <summary>Like <see cref="ForRows"/>, but the rows are handed out in tasks of <paramref name="grain"/> rows to whichever
    /// thread asks next, instead of one fixed range per thread. A thread pool worker can join late on a busy machine
    /// (measured 1–12 ms late for a 2 ms job on a shared 2-core machine; with one range per thread the calling
    /// thread then runs both halves itself): with tasks, a late thread takes what is left and none waits on a straggler.
    /// So a body must give each row the same result whichever task it falls in. Each thread that gets a
    /// task asks <paramref name="worker"/> once for its body, so a body can keep scratch of its own.</summary>
    public void ForRowTasks(int rows, int grain, long work, Func<Action<int, int>> worker)
    {
        int tasks = (rows + grain - 1) / grain;
        if (work < MinimumParallelWork || Threads == 1 || tasks < 2)
        {
            worker()(0, rows);
            return;
        }
        int next = -1;
        Parts(Math.Min(Threads, tasks), _ =>
        {
            Action<int, int>? body = null;
            for (int task; (task = Interlocked.Increment(ref next)) < tasks;)
                (body ??= worker())(task * grain, Math.Min(rows, (task + 1) * grain));
        });
    }

    private void Split(int n, int chunks, Action<int, int> body)
    {
        if (chunks == 1)
        {
            body(0, n);
            return;
        }
        Parts(chunks, c =>
        {
            var (start, end) = Range(n, c, chunks);
            body(start, end);
        });
    }

    /// <summary>Like <see cref="For(int, Action{int, int})"/> over <paramref name="instances"/> blocks of <paramref name="size"/>
    /// elements (a batch), but no call's range crosses from one instance into the next: kernels that read a per-instance
    /// value load it once per range.</summary>
    public void For(int instances, int size, Action<int, int> body) =>
        For(instances * size, (a, b) => WithinInstances(size, a, b, (x, y) => { body(x, y); return 0; }));

    /// <summary><see cref="SumParts(int, Func{int, int, double})"/> over a batch, with no range crossing instances.</summary>
    public double SumParts(int instances, int size, Func<int, int, double> part) =>
        SumParts(instances * size, (a, b) => WithinInstances(size, a, b, part));

    private static double WithinInstances(int size, int start, int end, Func<int, int, double> part)
    {
        double total = 0;
        while (start < end)
        {
            int stop = Math.Min(end, (start / size + 1) * size);
            total += part(start, stop);
            start = stop;
        }
        return total;
    }

    /// <summary>Runs <paramref name="part"/> over the thread chunks and adds up what they return (any order: used for finiteness only).</summary>
    public double SumParts(int n, Func<int, int, double> part)
    {
        int chunks = Count(n);
        if (chunks == 1) return part(0, n);
        var sums = new double[chunks];
        Parts(chunks, c =>
        {
            var (start, end) = Range(n, c, chunks);
            sums[c] = part(start, end);
        });
        return sums.Sum();
    }

    /// <summary>The same sum as <see cref="Sum"/> (the same pieces, added in the same order) on the calling thread: for
    /// many small sums, such as one per instance of a batch, that run in parallel with each other instead.</summary>
    public static double SerialSum(int n, Func<int, int, double> partial)
    {
        double total = 0;
        for (int start = 0; start < n; start += FixedChunk) total += partial(start, Math.Min(n, start + FixedChunk));
        return total;
    }

    /// <summary>A deterministic sum: fixed pieces, computed in parallel, added in order.</summary>
    public double Sum(int n, Func<int, int, double> partial)
    {
        int pieces = (n + FixedChunk - 1) / FixedChunk;
        var sums = new double[pieces];
        void Pieces(int a, int b)
        {
            for (int p = a; p < b; p++) sums[p] = partial(p * FixedChunk, Math.Min(n, (p + 1) * FixedChunk));
        }
        int workers = Count(n);
        if (workers == 1) Pieces(0, pieces);
        else Parts(workers, w =>
        {
            var (a, b) = Range(pieces, w, workers);
            Pieces(a, b);
        });
        double total = 0;
        foreach (var s in sums) total += s;
        return total;
    }
}

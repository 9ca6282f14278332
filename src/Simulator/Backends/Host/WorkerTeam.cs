using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dendra.Simulator.Backends.Host;

/// <summary>
/// A fixed team of background threads that take the parts of a parallel job with the calling thread, and spin for a
/// while after each job before they sleep. A simulation step is a string of short parallel phases (a state update, a
/// product, an update) with a little serial work between them. <c>Parallel.For</c> hands each phase to a thread pool
/// worker that has often gone to sleep meanwhile, and waking it costs tens of microseconds to milliseconds on a virtual
/// machine (a halted virtual CPU is rescheduled by the host); the calling thread then does the work alone. A team member
/// that is still spinning takes its part at once, as OpenBLAS's threads do between calls.
/// </summary>
/// <remarks>
/// One job runs at a time per team; a job asked for while the team is busy (two networks stepping on two threads, or a
/// part that starts a job of its own) runs through <c>Parallel.For</c> instead, so nothing waits on a team. Parts are
/// taken from a shared counter, so which thread runs which part varies: bodies must not depend on it (the
/// <see cref="Chunks"/> contract already). Exceptions of parts are rethrown on the calling thread in an
/// <see cref="AggregateException"/>, as <c>Parallel.For</c> does, after every part has finished.
/// </remarks>
internal sealed class WorkerTeam
{
    /// <summary>How long a member spins for the next job before it sleeps: longer than the serial gaps between the phases
    /// of a step (microseconds), short enough that an idle simulation gives its cores back at once.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    private static readonly ConcurrentDictionary<int, WorkerTeam> Teams = new();

    private readonly object _sleep = new();
    private Job? _job;
    private long _generation;
    private int _sleepers;
    private int _busy;

    private WorkerTeam(int members)
    {
        for (int m = 0; m < members; m++)
            new Thread(Serve) { IsBackground = true, Name = $"Dendra worker {m + 1}" }.Start();
    }

    /// <summary>The team shared by every simulation of <paramref name="threads"/> threads: the calling thread and
    /// threads − 1 members.</summary>
    public static WorkerTeam For(int threads) => Teams.GetOrAdd(Math.Max(1, threads), t => new WorkerTeam(t - 1));

    /// <summary>Runs <paramref name="body"/> for parts 0 … <paramref name="parts"/> − 1 on the calling thread and the team.</summary>
    public void Run(int parts, int threads, Action<int> body)
    {
        if (parts <= 0) return;
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
            return;
        }
        try
        {
            var job = new Job(parts, body);
            Volatile.Write(ref _job, job);
            Interlocked.Increment(ref _generation);
            if (Volatile.Read(ref _sleepers) > 0)
                lock (_sleep) Monitor.PulseAll(_sleep);
            job.Work();
            job.WaitUntilDone();
            if (job.Errors is { } errors) throw new AggregateException(errors);
        }
        finally
        {
            Volatile.Write(ref _job, null);
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Serve()
    {
        long seen = 0;
        while (true)
        {
            long deadline = Stopwatch.GetTimestamp() + SpinTicks;
            while (Volatile.Read(ref _generation) == seen && Stopwatch.GetTimestamp() < deadline) Thread.SpinWait(20);
            if (Volatile.Read(ref _generation) == seen)
            {
                lock (_sleep)
                {
                    // Counted before the generation is read again (Interlocked is a full fence): a job published after
                    // this read finds a sleeper to pulse, one published before it is seen here.
                    Interlocked.Increment(ref _sleepers);
                    while (Volatile.Read(ref _generation) == seen) Monitor.Wait(_sleep);
                    Interlocked.Decrement(ref _sleepers);
                }
            }
            seen = Volatile.Read(ref _generation);
            Volatile.Read(ref _job)?.Work();
        }
    }

    /// <summary>One job: its parts handed out from a counter, and the count of those finished.</summary>
    private sealed class Job(int parts, Action<int> body)
    {
        private int _next = -1;
        private int _done;
        private ConcurrentQueue<Exception>? _errors;

        public IEnumerable<Exception>? Errors => _errors;

        public void Work()
        {
            for (int part; (part = Interlocked.Increment(ref _next)) < parts;)
            {
                try
                {
                    body(part);
                }
                catch (Exception e)
                {
                    LazyInitializer.EnsureInitialized(ref _errors).Enqueue(e);
                }
                Interlocked.Increment(ref _done);
            }
        }

        public void WaitUntilDone()
        {
            var spinner = new SpinWait();
            while (Volatile.Read(ref _done) < parts) spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}

using System.Collections.Concurrent;
using Dendra.Simulator.Backends.Host;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>Row tasks (<see cref="Chunks.ForRowTasks"/>): whichever thread takes which task, every row is done exactly once,
/// and each thread asks for its body once.</summary>
public class ChunksTests
{
    [Theory]
    [InlineData(1, 1000, 16)]
    [InlineData(2, 1000, 16)]
    [InlineData(2, 1001, 7)]  // a last task shorter than the rest
    [InlineData(4, 33, 16)]   // fewer tasks than some thread counts would want
    [InlineData(2, 5, 16)]    // one task: runs on the calling thread
    public void Every_row_is_done_once_and_each_thread_builds_its_body_once(int threads, int rows, int grain)
    {
        var done = new int[rows];
        var bodiesPerThread = new ConcurrentDictionary<int, int>();
        new Chunks(threads).ForRowTasks(rows, grain, long.MaxValue, () =>
        {
            bodiesPerThread.AddOrUpdate(Environment.CurrentManagedThreadId, 1, (_, n) => n + 1);
            return (a, b) =>
            {
                // A task, or all the rows at once where the job runs on the calling thread alone.
                Assert.True(b > a && (b - a <= grain || (a, b) == (0, rows)), $"a task of rows [{a}, {b}) with grain {grain}");
                for (int r = a; r < b; r++) Interlocked.Increment(ref done[r]);
                Thread.SpinWait(2000); // long enough that a second thread, if there is one, gets tasks too
            };
        });
        Assert.All(done, count => Assert.Equal(1, count));
        Assert.All(bodiesPerThread.Values, count => Assert.Equal(1, count));
        Assert.InRange(bodiesPerThread.Count, 1, threads);
    }

    [Fact]
    public void Small_jobs_run_on_the_calling_thread_in_one_call()
    {
        var calls = new List<(int, int, int)>();
        new Chunks(2).ForRowTasks(1000, 16, Chunks.MinimumParallel * 16L - 1, () => (a, b) => calls.Add((Environment.CurrentManagedThreadId, a, b)));
        Assert.Equal([(Environment.CurrentManagedThreadId, 0, 1000)], calls);
    }
}

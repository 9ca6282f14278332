using System.Collections.Concurrent;
using Dendra.Simulator.Backends.Host;

namespace Dendra.Simulator.Tests.Backends;

/// <summary>The team that runs parallel phases (<see cref="WorkerTeam"/>): every part once, errors back on the caller, and
/// nothing waits when the team is busy.</summary>
public class WorkerTeamTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 37)]
    [InlineData(3, 5)]
    public void Every_part_runs_once_over_many_jobs_in_a_row(int threads, int parts)
    {
        var team = WorkerTeam.For(threads);
        var threadsSeen = new ConcurrentDictionary<int, bool>();
        for (int job = 0; job < 2000; job++)
        {
            var done = new int[parts];
            team.Run(parts, threads, p =>
            {
                Interlocked.Increment(ref done[p]);
                threadsSeen[Environment.CurrentManagedThreadId] = true;
            });
            Assert.All(done, count => Assert.Equal(1, count));
        }
        Assert.InRange(threadsSeen.Count, 1, threads + 1); // the caller, the members (and Parallel.For's workers if it was busy)
    }

    [Fact]
    public void The_errors_of_parts_come_back_on_the_calling_thread_after_every_part_has_run()
    {
        var team = WorkerTeam.For(2);
        var done = new int[8];
        var e = Assert.Throws<AggregateException>(() => team.Run(8, 2, p =>
        {
            Interlocked.Increment(ref done[p]);
            if (p % 3 == 1) throw new InvalidOperationException($"part {p}");
        }));
        Assert.Equal(["part 1", "part 4", "part 7"], e.InnerExceptions.Select(x => x.Message).Order());
        Assert.All(done, count => Assert.Equal(1, count));
        // The team still works after a failed job.
        int sum = 0;
        team.Run(4, 2, p => Interlocked.Add(ref sum, p));
        Assert.Equal(6, sum);
    }

    [Fact]
    public void A_job_started_inside_a_part_or_beside_a_running_job_runs_without_waiting_for_the_team()
    {
        var team = WorkerTeam.For(2);
        int inner = 0;
        team.Run(2, 2, _ => team.Run(3, 2, q => Interlocked.Add(ref inner, q + 1)));
        Assert.Equal(2 * (1 + 2 + 3), inner);

        long total = 0;
        Parallel.For(0, 4, _ =>
        {
            for (int job = 0; job < 500; job++) team.Run(4, 2, p => Interlocked.Add(ref total, p));
        });
        Assert.Equal(4 * 500 * (0 + 1 + 2 + 3), total);
    }
}

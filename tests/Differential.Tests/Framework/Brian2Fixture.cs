namespace Dendra.Differential.Tests.Framework;

/// <summary>
/// Runs Brian2 once per test session, on first use, for every case of <see cref="CaseCatalog"/>: starting Python and
/// importing Brian2 costs seconds, so one script serves all cases. A skipped session never starts it.
/// </summary>
public sealed class Brian2Fixture
{
    private readonly Lazy<Brian2Results> _results = new(() => Brian2Results.Run(CaseCatalog.All), LazyThreadSafetyMode.ExecutionAndPublication);

    internal Brian2Results Results => _results.Value;
}

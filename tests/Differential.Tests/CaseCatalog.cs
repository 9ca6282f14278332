using Dendra.Differential.Tests.Cases;
using Dendra.Differential.Tests.Framework;

namespace Dendra.Differential.Tests;

/// <summary>Every differential case, by topic; names are unique and at most <see cref="LongestName"/> characters.</summary>
internal static class CaseCatalog
{
    /// <summary>xunit shortens longer string arguments in test names, which would hide the end of a case's name.</summary>
    public const int LongestName = 50;

    public static IReadOnlyList<DifferentialCase> All { get; } = Collect();

    public static DifferentialCase Named(string name) => All.Single(c => c.Name == name);

    private static List<DifferentialCase> Collect()
    {
        var all = new[]
        {
            IntegratorCases.All,
            RefractorinessCases.All,
            SubExpressionCases.All,
            InitialisationCases.All,
            InputCases.All,
            SynapseCases.All,
            ReductionCases.All,
            MonitorCases.All,
        }.SelectMany(topic => topic).ToList();
        var repeated = all.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new InvalidOperationException($"two differential cases are named '{repeated.Key}'");
        var tooLong = all.FirstOrDefault(c => c.Name.Length > LongestName);
        if (tooLong is not null) throw new InvalidOperationException($"the case name '{tooLong.Name}' is longer than {LongestName} characters");
        return all;
    }
}

using Dendra.Differential.Tests.Cases;
using Dendra.Differential.Tests.Framework;

namespace Dendra.Differential.Tests;

/// <summary>Every differential case, by topic; names are unique.</summary>
internal static class CaseCatalog
{
    public static IReadOnlyList<DifferentialCase> All { get; } = Collect();

    public static DifferentialCase Named(string name) => All.Single(c => c.Name == name);

    private static List<DifferentialCase> Collect()
    {
        var all = new[]
        {
            IntegratorCases.All,
        }.SelectMany(topic => topic).ToList();
        var repeated = all.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new InvalidOperationException($"two differential cases are named '{repeated.Key}'");
        return all;
    }
}

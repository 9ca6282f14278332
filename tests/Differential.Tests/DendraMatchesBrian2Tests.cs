using Dendra.Differential.Tests.Framework;
using Xunit.Abstractions;

namespace Dendra.Differential.Tests;

/// <summary>
/// Each case of <see cref="CaseCatalog"/> run in Dendra and in Brian2 2.5 (numpy code generation, same dt, no random
/// numbers): the same spikes at the same steps, and every recorded value within <see cref="Tolerance"/>.
/// </summary>
public sealed class DendraMatchesBrian2Tests(Brian2Fixture brian2, ITestOutputHelper output) : IClassFixture<Brian2Fixture>
{
    public static TheoryData<string> CaseNames => new(CaseCatalog.All.Select(c => c.Name));

    [SkippableTheory]
    [MemberData(nameof(CaseNames))]
    public void Same_spikes_and_traces(string name)
    {
        Brian2Installation.SkipOrFailWhenMissing();
        var c = CaseCatalog.Named(name);
        var expected = brian2.Results.For(c);
        var actual = DendraSimulation.Run(c);
        var comparison = OutputComparison.Of(c, actual, expected);
        output.WriteLine(FormattableString.Invariant($"closest agreeing values used {comparison.LargestShareOfToleranceUsed:P3} of the tolerance"));
        Assert.True(comparison.Disagreements.Count == 0,
            $"Dendra and Brian2 disagree on '{name}' (Brian2 script: {brian2.Results.ScriptPath}):\n" + string.Join("\n", comparison.Disagreements));
    }
}

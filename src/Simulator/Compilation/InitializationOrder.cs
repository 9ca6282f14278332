using Dendra.Simulator.Expressions;

namespace Dendra.Simulator.Compilation;

/// <summary>
/// Orders initial-value statements so that each is computed after the variables it reads: <c>v = theta - 5*mV</c> runs
/// after <c>theta</c> is set, whatever order the model declared them in. The order is otherwise kept as declared (so
/// random draws in initial values stay where they were), and a cycle is refused naming the variables in it.
/// </summary>
internal static class InitializationOrder
{
    /// <param name="model">Model name, for the error.</param>
    /// <param name="statements">Each variable's initial value, as declared.</param>
    public static List<StoreStatement> Sort(string model, IReadOnlyList<StoreStatement> statements)
    {
        var pending = statements.ToList();
        var sorted = new List<StoreStatement>(pending.Count);
        var assigned = new HashSet<string>(StringComparer.Ordinal);
        bool ReadsPending(StoreStatement s) =>
            Symbolic.Names(s.Value).Any(n => n != s.Variable && !assigned.Contains(n) && pending.Any(p => p.Variable == n));
        while (pending.Count > 0)
        {
            int next = pending.FindIndex(s => !ReadsPending(s));
            if (next < 0)
            {
                var cycle = string.Join(", ", pending.Select(p => $"{p.Variable} = {p.Value}"));
                throw new ModelException(model, $"the initial values read each other in a cycle, so none can be computed first: {cycle}");
            }
            sorted.Add(pending[next]);
            assigned.Add(pending[next].Variable);
            pending.RemoveAt(next);
        }
        return sorted;
    }
}

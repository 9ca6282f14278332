namespace Dendra.Learning.Learners;

/// <summary>
/// The assignment problem solved exactly: rows matched one to one with columns so that the summed cost is least
/// (Kuhn 1955, Munkres 1957), by the O(n²m) shortest-augmenting-path form with row and column potentials (Jonker &amp;
/// Volgenant 1987). Written here: no assignment solver is among the packages this project may use (MathNet.Numerics
/// has none); see docs/decisions.md.
/// </summary>
public static class Hungarian
{
    /// <summary>
    /// For a cost matrix of n rows and m ≥ n columns, the column matched to each row, minimising the sum of
    /// <c>cost[row, match[row]]</c>. Costs must be finite.
    /// </summary>
    /// <exception cref="ArgumentException">More rows than columns, or a cost that is not finite (the message names it).</exception>
    public static int[] Solve(double[,] cost)
    {
        int n = cost.GetLength(0), m = cost.GetLength(1);
        if (n > m) throw new ArgumentException($"{n} rows cannot each get one of {m} columns: give at least as many columns as rows", nameof(cost));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
                if (!double.IsFinite(cost[i, j])) throw new ArgumentException($"cost[{i}, {j}] = {cost[i, j]} is not a finite number", nameof(cost));

        // 1-based arrays with column 0 as the free start of each augmenting path (the classic e-maxx layout).
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOfColumn = new int[m + 1];
        var way = new int[m + 1];
        var least = new double[m + 1];
        var used = new bool[m + 1];
        for (int i = 1; i <= n; i++)
        {
            rowOfColumn[0] = i;
            int column = 0;
            Array.Fill(least, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                // Grow the tree of alternating paths by the column of least reduced cost (Dijkstra on reduced costs).
                used[column] = true;
                int row = rowOfColumn[column], next = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    double reduced = cost[row - 1, j - 1] - u[row] - v[j];
                    if (reduced < least[j]) (least[j], way[j]) = (reduced, column);
                    if (least[j] < delta) (delta, next) = (least[j], j);
                }
                for (int j = 0; j <= m; j++)
                {
                    if (used[j]) { u[rowOfColumn[j]] += delta; v[j] -= delta; }
                    else least[j] -= delta;
                }
                column = next;
            }
            while (rowOfColumn[column] != 0);
            // Flip the path: each column on it takes the row of the column before it.
            do
            {
                int previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }
        var match = new int[n];
        for (int j = 1; j <= m; j++)
            if (rowOfColumn[j] != 0) match[rowOfColumn[j] - 1] = j - 1;
        return match;
    }
}

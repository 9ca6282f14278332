using Dendra.Learning.Learners;

namespace Dendra.Learning.Tests.Learners;

public class HungarianTests
{
    private static double Total(double[,] cost, int[] match) => match.Select((column, row) => cost[row, column]).Sum();

    /// <summary>Every permutation of 0 … n − 1 (the brute-force oracle for small n).</summary>
    private static IEnumerable<int[]> Permutations(int[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany(first => Permutations([.. items.Where(i => i != first)]).Select(rest => (int[])[first, .. rest]));

    [Fact]
    public void A_three_by_three_matrix_gets_the_assignment_checked_by_hand()
    {
        // Greedy row by row takes (0,1)=1, (1,0)=2, (2,2)=2: 5 as well here; but the row minima (0,1) and (1,1) clash,
        // and only one assignment reaches 5: 0→1, 1→0, 2→2 (the five others cost 7, 7, 8, 10, 10).
        double[,] cost = { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };
        Assert.Equal([1, 0, 2], Hungarian.Solve(cost));
        Assert.Equal(5, Total(cost, [1, 0, 2]));
        Assert.Equal(5, Permutations([0, 1, 2]).Min(p => Total(cost, p)));
    }

    [Fact]
    public void Random_matrices_get_an_assignment_as_cheap_as_the_best_of_all_permutations()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 30; trial++)
        {
            int n = 2 + trial % 5;
            var cost = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) cost[i, j] = Math.Round(random.NextDouble() * 20 - 5, 1);
            var match = Hungarian.Solve(cost);
            Assert.Equal(Enumerable.Range(0, n), match.Order());
            Assert.Equal(Permutations([.. Enumerable.Range(0, n)]).Min(p => Total(cost, p)), Total(cost, match), 9);
        }
    }

    [Fact]
    public void Fewer_rows_than_columns_leave_the_dearest_columns_out()
    {
        double[,] cost = { { 5, 1, 9 }, { 1, 8, 9 } };
        Assert.Equal([1, 0], Hungarian.Solve(cost));
        Assert.StartsWith("3 rows cannot each get one of 2 columns", Assert.Throws<ArgumentException>(() => Hungarian.Solve(new double[3, 2])).Message);
        Assert.StartsWith("cost[0, 1] = NaN is not a finite number", Assert.Throws<ArgumentException>(() => Hungarian.Solve(new double[,] { { 0, double.NaN } })).Message);
    }
}

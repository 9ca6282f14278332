using System.Numerics;

namespace Dendra.Simulator.Backends.OpenCl;

/// <summary>
/// The layout of a dense rate projection's weights on the device: column-major, so that the work-items of the tiled
/// <c>rate_dense</c> kernel, one per row, read neighbouring addresses at each step of their column-order sums (coalesced
/// on a GPU, one vector load on a CPU device).
/// </summary>
internal static class DenseRateWeights
{
    /// <summary>Rows per work-group and source values per local-memory tile: <c>DENDRA_RATE_TILE</c> in runtime.cl.</summary>
    public const int Tile = 64;

    /// <summary>The weights of <paramref name="rowMajor"/> ([rows, columns], as <see cref="Graph.RateProjection.Dense"/>
    /// holds them) in the network's precision, column after column.</summary>
    public static T[] ColumnMajor<T>(double[] rowMajor, int rows, int columns) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (rowMajor.Length != (long)rows * columns)
            throw new ArgumentException($"{rowMajor.Length} weights do not fill {rows} × {columns}", nameof(rowMajor));
        var columnMajor = new T[rowMajor.Length];
        for (int j = 0; j < rows; j++)
            for (int k = 0; k < columns; k++) columnMajor[(long)k * rows + j] = T.CreateTruncating(rowMajor[(long)j * columns + k]);
        return columnMajor;
    }
}

using System.Buffers.Binary;

namespace Dendra.Learning.Tests.Datasets;

/// <summary>Writes small IDX files for the tests: a header for any shape, and elements as given or zero.</summary>
internal static class SyntheticIdx
{
    /// <summary>Writes an unsigned-byte IDX file of <paramref name="shape"/> with <paramref name="elements"/> (zeros
    /// when null: a sparse file, however large); returns its path.</summary>
    public static string Write(string path, int[] shape, byte[]? elements = null, int? magic = null)
    {
        using var file = File.Create(path);
        var header = new byte[4 + 4 * shape.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic ?? (0x0800 | shape.Length));
        for (int d = 0; d < shape.Length; d++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), shape[d]);
        file.Write(header);
        long count = shape.Aggregate(1L, (n, d) => n * d);
        if (elements is not null) file.Write(elements);
        else file.SetLength(header.Length + count);
        return path;
    }

    /// <summary>Cuts <paramref name="path"/> to <paramref name="length"/> bytes.</summary>
    public static void Truncate(string path, long length)
    {
        using var file = File.OpenWrite(path);
        file.SetLength(length);
    }

    /// <summary>Writes one byte at <paramref name="offset"/>.</summary>
    public static void Poke(string path, long offset, byte value)
    {
        using var file = File.OpenWrite(path);
        file.Position = offset;
        file.WriteByte(value);
    }
}

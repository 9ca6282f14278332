using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Dendra.Cli.Export;

/// <summary>
/// Writes NumPy <c>.npy</c> files (format version 1.0): the magic <c>\x93NUMPY</c>, a little-endian header length,
/// a Python dict literal with dtype, order and shape padded to a multiple of 64 bytes, then the C-order data.
/// </summary>
internal static class NpyWriter
{
    /// <summary>Writes a row-major float64 matrix of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public static void WriteFloat64(string path, double[] values, int rows, int columns)
    {
        using var file = Create(path, "<f8", rows, columns, values.Length);
        var bytes = new byte[values.Length * sizeof(double)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        file.Write(bytes);
    }

    /// <summary>Writes a row-major int32 matrix of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public static void WriteInt32(string path, int[] values, int rows, int columns)
    {
        using var file = Create(path, "<i4", rows, columns, values.Length);
        var bytes = new byte[values.Length * sizeof(int)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        file.Write(bytes);
    }

    private static FileStream Create(string path, string dtype, int rows, int columns, int count)
    {
        if ((long)rows * columns != count) throw new ArgumentException($"{rows} × {columns} does not match {count} values");
        string dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '{dtype}', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        // Magic (6) + version (2) + length (2) + dict + padding + '\n' is a multiple of 64.
        int unpadded = 10 + dict.Length + 1;
        var header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        file.Write(length);
        file.Write(Encoding.ASCII.GetBytes(header));
        return file;
    }
}

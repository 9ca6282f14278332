using System.Buffers.Binary;

namespace Dendra.Learning.Datasets;

/// <summary>
/// An IDX file of unsigned bytes, the format MNIST comes in: a 4-byte magic number (two zero bytes, the element type
/// 0x08 for unsigned byte, the number of dimensions), one big-endian 32-bit size per dimension, then the elements.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Shape">Its dimensions, outermost first (images: count, rows, columns).</param>
/// <param name="Elements">Its elements, row-major.</param>
public sealed record IdxFile(string Path, int[] Shape, byte[] Elements)
{
    /// <summary>The element type code of unsigned bytes, the third byte of the magic number.</summary>
    private const byte UnsignedByte = 0x08;

    /// <summary>The magic number of an unsigned-byte IDX file with <paramref name="dimensions"/> dimensions (0x803 for images).</summary>
    public static int MagicNumber(int dimensions) => (UnsignedByte << 8) | dimensions;

    /// <summary>The size in bytes of an unsigned-byte IDX file of this shape.</summary>
    public static long SizeOf(params int[] shape) => 4 + 4L * shape.Length + shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>
    /// Checks the file's header against what it must be (its magic number for <paramref name="dimensions"/>
    /// dimensions, and, when given, its shape) and that its length is the one its header announces; returns the shape.
    /// Reads only the header.
    /// </summary>
    /// <exception cref="DatasetException">The file is missing, truncated, too long, or its header is wrong.</exception>
    public static int[] Check(string path, int dimensions, int[]? expectedShape = null)
    {
        if (!File.Exists(path)) throw new DatasetException($"{path}: not found");
        using var file = File.OpenHandle(path);
        long length = RandomAccess.GetLength(file);
        var header = new byte[4 + 4 * dimensions];
        int read = RandomAccess.Read(file, header, 0);
        if (read < 4) throw new DatasetException($"{path}: truncated: {length} bytes, not even the 4-byte magic number of an IDX file");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != MagicNumber(dimensions))
        {
            throw new DatasetException($"{path}: wrong magic number 0x{magic:x8}, expected 0x{MagicNumber(dimensions):x8} " +
                $"(an IDX file of unsigned bytes with {dimensions} dimension{(dimensions == 1 ? "" : "s")}); the file is corrupt or not this one");
        }
        if (read < header.Length) throw new DatasetException($"{path}: truncated: {length} bytes, shorter than its {header.Length}-byte header");
        var shape = new int[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * d));
            if (shape[d] < 0) throw new DatasetException($"{path}: corrupt header: dimension {d} has the negative size {shape[d]}");
        }
        if (expectedShape is not null && !shape.SequenceEqual(expectedShape))
            throw new DatasetException($"{path}: its header says shape {string.Join(" × ", shape)}, expected {string.Join(" × ", expectedShape)}; the file is corrupt or not this one");
        long expectedLength = SizeOf(shape);
        if (length < expectedLength) throw new DatasetException($"{path}: truncated: {length} bytes, its header announces {expectedLength}");
        if (length > expectedLength) throw new DatasetException($"{path}: {length - expectedLength} bytes too long: its header announces {expectedLength}, the file has {length}");
        return shape;
    }

    /// <summary>
    /// Reads the elements of a file, after <see cref="Check"/> has passed, as float32 in [0, 1] (byte / 255): pixels
    /// as a network takes them. Read in blocks and converted block by block, without a byte copy of the whole file.
    /// </summary>
    /// <exception cref="DatasetException">As <see cref="Check"/>.</exception>
    public static float[] ReadUnitInterval(string path, int dimensions, int[]? expectedShape = null)
    {
        var shape = Check(path, dimensions, expectedShape);
        int headerLength = 4 + 4 * dimensions;
        var values = GC.AllocateUninitializedArray<float>(checked((int)(SizeOf(shape) - headerLength)));
        var block = new byte[1 << 16];
        using var file = File.OpenHandle(path);
        int done = 0;
        while (done < values.Length)
        {
            int n = RandomAccess.Read(file, block.AsSpan(0, Math.Min(block.Length, values.Length - done)), headerLength + done);
            if (n == 0) throw new DatasetException($"{path}: truncated while reading (the file shrank)");
            UnitIntervalBytes.Convert(block.AsSpan(0, n), values.AsSpan(done));
            done += n;
        }
        return values;
    }

    /// <summary>Reads a whole file after <see cref="Check"/> has passed.</summary>
    /// <exception cref="DatasetException">As <see cref="Check"/>.</exception>
    public static IdxFile Read(string path, int dimensions, int[]? expectedShape = null)
    {
        var shape = Check(path, dimensions, expectedShape);
        int headerLength = 4 + 4 * dimensions;
        var elements = GC.AllocateUninitializedArray<byte>(checked((int)(SizeOf(shape) - headerLength)));
        using var file = File.OpenHandle(path);
        int done = 0;
        while (done < elements.Length)
        {
            int n = RandomAccess.Read(file, elements.AsSpan(done), headerLength + done);
            if (n == 0) throw new DatasetException($"{path}: truncated while reading (the file shrank)");
            done += n;
        }
        return new IdxFile(path, shape, elements);
    }
}

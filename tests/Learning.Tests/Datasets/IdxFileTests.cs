using Dendra.Learning.Datasets;

namespace Dendra.Learning.Tests.Datasets;

public sealed class IdxFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dendra-idx-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    [Fact]
    public void A_file_reads_back_its_shape_and_elements()
    {
        var elements = Enumerable.Range(0, 2 * 3 * 4).Select(k => (byte)(k * 7)).ToArray();
        var path = SyntheticIdx.Write(PathOf("images"), [2, 3, 4], elements);
        var file = IdxFile.Read(path, 3, [2, 3, 4]);
        Assert.Equal([2, 3, 4], file.Shape);
        Assert.Equal(elements, file.Elements);
        Assert.Equal(0x803, IdxFile.MagicNumber(3));
        Assert.Equal(16 + 24, new FileInfo(path).Length);
        Assert.Equal(16 + 24, IdxFile.SizeOf(2, 3, 4));
    }

    [Fact]
    public void A_truncated_file_is_named_with_its_length_and_the_announced_one()
    {
        var path = SyntheticIdx.Write(PathOf("train-images-idx3-ubyte"), [5, 2, 2], new byte[20]);
        SyntheticIdx.Truncate(path, 30);
        var e = Assert.Throws<DatasetException>(() => IdxFile.Read(path, 3));
        Assert.Equal($"{path}: truncated: 30 bytes, its header announces 36", e.Message);
    }

    [Fact]
    public void A_file_shorter_than_its_header_is_truncated()
    {
        var path = SyntheticIdx.Write(PathOf("labels"), [5], new byte[5]);
        SyntheticIdx.Truncate(path, 6);
        Assert.Contains("labels: truncated: 6 bytes, shorter than its 8-byte header", Assert.Throws<DatasetException>(() => IdxFile.Check(path, 1)).Message);
        SyntheticIdx.Truncate(path, 2);
        Assert.Contains("labels: truncated: 2 bytes, not even the 4-byte magic number", Assert.Throws<DatasetException>(() => IdxFile.Check(path, 1)).Message);
    }

    [Fact]
    public void A_wrong_magic_number_is_named_with_the_expected_one()
    {
        // A label file (one dimension) where images (three) are expected, and a file of 32-bit integers (type 0x0c).
        var labels = SyntheticIdx.Write(PathOf("t10k-labels-idx1-ubyte"), [4], new byte[4]);
        var e = Assert.Throws<DatasetException>(() => IdxFile.Check(labels, 3));
        Assert.Equal($"{labels}: wrong magic number 0x00000801, expected 0x00000803 (an IDX file of unsigned bytes with 3 dimensions); the file is corrupt or not this one", e.Message);
        var integers = SyntheticIdx.Write(PathOf("ints"), [4], new byte[16], magic: 0x0c01);
        Assert.Contains("wrong magic number 0x00000c01, expected 0x00000801", Assert.Throws<DatasetException>(() => IdxFile.Check(integers, 1)).Message);
    }

    [Fact]
    public void Extra_bytes_and_an_unexpected_shape_are_errors()
    {
        var path = SyntheticIdx.Write(PathOf("long"), [3], new byte[5]);
        Assert.Equal($"{path}: 2 bytes too long: its header announces 11, the file has 13", Assert.Throws<DatasetException>(() => IdxFile.Check(path, 1)).Message);
        var other = SyntheticIdx.Write(PathOf("shape"), [2, 2, 2], new byte[8]);
        Assert.Contains("its header says shape 2 × 2 × 2, expected 2 × 28 × 28", Assert.Throws<DatasetException>(() => IdxFile.Check(other, 3, [2, 28, 28])).Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = PathOf("absent");
        Assert.Equal($"{path}: not found", Assert.Throws<DatasetException>(() => IdxFile.Check(path, 1)).Message);
    }
}

using Dendra.Learning.Datasets;

namespace Dendra.Learning.Tests.Datasets;

public class UnitIntervalBytesTests
{
    /// <summary>k·37 mod 256 runs through all 256 byte values in the first 256 elements.</summary>
    [Theory]
    [InlineData(256)]
    [InlineData(1000)]
    [InlineData(7)]
    public void Every_byte_becomes_the_bits_of_byte_over_255_in_vectors_and_the_tail(int length)
    {
        var source = Enumerable.Range(0, length).Select(k => (byte)(k * 37 % 256)).ToArray();
        var destination = new float[length + 1];
        destination[^1] = -1;
        UnitIntervalBytes.Convert(source, destination);
        for (int k = 0; k < length; k++) Assert.Equal(BitConverter.SingleToInt32Bits(source[k] / 255f), BitConverter.SingleToInt32Bits(destination[k]));
        Assert.Equal(-1, destination[^1]);
    }
}

using System.Globalization;
using HealthCode.Risk.Engine;
using Xunit;

namespace HealthCode.Risk.Tests.Engine;

public class RecordKeysTests
{
    [Fact]
    public void ToHex_RandomIds_AreTheLowercaseHexOfTheirBigEndianBytes()
    {
        var random = new Random(7);
        var bytes = new byte[16];

        for (var i = 0; i < 1_000; i++)
        {
            random.NextBytes(bytes);
            var id = RecordKeys.FromBytes(bytes);

            Assert.Equal(Convert.ToHexStringLower(bytes), RecordKeys.ToHex(id));
            Assert.Equal(id.ToString("x32", CultureInfo.InvariantCulture), RecordKeys.ToHex(id));
            Assert.Equal(id, RecordKeys.FromHex(RecordKeys.ToHex(id)));
        }
    }

    [Fact]
    public void ToHex_SmallId_KeepsItsLeadingZeros()
    {
        Assert.Equal("000000000000000000000000000000ff", RecordKeys.ToHex(new UInt128(0, 255)));
    }
}
